using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// The worker's <see cref="FunctionContext"/> as an Event Hubs invocation sees it: an invocation id, the trigger's
/// binding data and the invocation's cancellation token. Members the trigger does not read throw.
/// </summary>
internal sealed class FunctionContextDouble(IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken = default) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "IngestEvents";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; } = new BindingContextDouble(bindingData);

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = EmptyServices.Instance;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class BindingContextDouble(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
