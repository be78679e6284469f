using Longview.Core.Ports;
using Longview.Core.Serving.Models;
using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Steps;

/// <summary>Reads <c>models/current.json</c> and its ETag (the promotion's precondition). Input is ignored.</summary>
public sealed class ReadChampionStep(IBlobStore blobs, IOptions<TrainingPipelineOptions> options) : IWorkflowStep<string, ChampionReport>
{
    public string Name => TrainingSteps.ReadChampion;

    public async Task<ChampionReport> RunAsync(string input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var blob = await blobs.GetAsync(settings.ModelsContainer, settings.PointerName, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return new ChampionReport(null, null, null, null, null);
        }
        if (!ModelPointer.TryParse(blob.Content, settings.ModelsContainer, out var pointer, out var error))
        {
            // An unusable pointer serves nothing: the candidate may replace it, but only if nobody else does first.
            return new ChampionReport(null, null, blob.ETag, null, error);
        }
        ModelMetrics? metrics = null;
        string? problem = null;
        if (pointer.Metrics is { } recorded && !TrainingMetricsReader.TryRead(recorded, out _, out metrics, out problem))
        {
            metrics = null;
        }
        return new ChampionReport(pointer.Version, pointer.Path, blob.ETag, metrics, problem);
    }
}
