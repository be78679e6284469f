using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Hosting;

namespace Longview.Functions.Hosting;

/// <summary>Runs the model provider's pointer polling (models/current.json in Blob) for the life of the worker.</summary>
internal sealed class ModelRefreshService(OnnxModelProvider provider) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => provider.RunAsync(stoppingToken);
}
