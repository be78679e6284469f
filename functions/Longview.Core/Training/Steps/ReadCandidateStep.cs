using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

/// <summary>Reads <c>metrics.json</c> from the job's output folder. Missing or malformed metrics come back as an error, not an exception.</summary>
public sealed class ReadCandidateStep(IBlobStore blobs) : IWorkflowStep<BlobLocation, CandidateReport>
{
    public string Name => TrainingSteps.ReadCandidate;

    public async Task<CandidateReport> RunAsync(BlobLocation output, CancellationToken cancellationToken)
    {
        var name = output.Name + "metrics.json";
        var blob = await blobs.GetAsync(output.Container, name, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return new CandidateReport(null, null, null, $"{output.Container}/{name} is missing");
        }
        if (!TrainingMetricsReader.TryRead(blob.Content.Span, out var version, out var metrics, out var error))
        {
            return new CandidateReport(null, null, null, error);
        }
        using var document = JsonDocument.Parse(blob.Content);
        return new CandidateReport(version, metrics, document.RootElement.Clone(), null);
    }
}
