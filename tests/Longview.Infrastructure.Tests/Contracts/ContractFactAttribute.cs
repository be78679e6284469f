using Xunit.Abstractions;
using Xunit.Sdk;

namespace Longview.Infrastructure.Tests.Contracts;

/// <summary>
/// Put on a contract subclass whose store needs an external service: every inherited contract test is reported as
/// skipped with <see cref="Reason"/> when <see cref="Variable"/> is not set (a plain `dotnet test` without emulators).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SkipUnlessEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;
}

/// <summary>A contract test: a [Fact] that honours <see cref="SkipUnlessEnvironmentAttribute"/> on the concrete class.</summary>
[XunitTestCaseDiscoverer("Longview.Infrastructure.Tests.Contracts.ContractFactDiscoverer", "Longview.Infrastructure.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>A contract theory: a [Theory] that honours <see cref="SkipUnlessEnvironmentAttribute"/> on the concrete class.</summary>
[XunitTestCaseDiscoverer("Longview.Infrastructure.Tests.Contracts.ContractTheoryDiscoverer", "Longview.Infrastructure.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractTheoryAttribute : TheoryAttribute;

internal static class ContractSkip
{
    public static string? Reason(ITestMethod testMethod)
    {
        var attribute = testMethod.TestClass.Class.GetCustomAttributes(typeof(SkipUnlessEnvironmentAttribute)).FirstOrDefault();
        if (attribute is null)
        {
            return null;
        }
        var variable = attribute.GetConstructorArguments().First() as string;
        return string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable!)) ? attribute.GetConstructorArguments().Last() as string : null;
    }
}

public sealed class ContractFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnostics);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var reason = ContractSkip.Reason(testMethod);
        return reason is null
            ? _facts.Discover(discoveryOptions, testMethod, factAttribute)
            : [new XunitSkippedDataRowTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}

public sealed class ContractTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var reason = ContractSkip.Reason(testMethod);
        return reason is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}
