namespace Longview.Functions.Tests.Telemetry;

/// <summary>Tests that read process-wide meters: run with no other test class beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FunctionsTelemetryCollection
{
    public const string Name = "process-wide telemetry";
}
