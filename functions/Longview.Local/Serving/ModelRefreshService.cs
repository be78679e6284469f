using Longview.Infrastructure.Onnx;

namespace Longview.Local.Serving;

/// <summary>Runs the model provider's pointer polling for the life of the host, so a newly promoted model is picked up.</summary>
internal sealed class ModelRefreshService(OnnxModelProvider provider) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => provider.RunAsync(stoppingToken);
}
