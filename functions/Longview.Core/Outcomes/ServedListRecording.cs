using Longview.Core.Experiments;
using Longview.Core.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Outcomes;

/// <summary>
/// What both hosts do with served lists for the outcome report and the experiments: append them to the list log and
/// record each user's first exposure to every experiment in them. A failure costs the records, never the answer (it
/// is logged, not thrown).
/// </summary>
public sealed partial class ServedListRecording(IServedListLog lists, IExperimentExposureLog exposures, IOptions<OutcomeOptions> options, ILogger<ServedListRecording> logger)
{
    public bool Enabled => options.Value.LogLists;

    public async Task RecordAsync(IReadOnlyList<(Recommendation List, DateTimeOffset ServedAt)> served, CancellationToken cancellationToken)
    {
        if (!Enabled || served.Count == 0)
        {
            return;
        }
        try
        {
            await lists.AppendAsync([.. served.Select(s => ServedList.From(s.List, s.ServedAt))], cancellationToken).ConfigureAwait(false);
            var exposed = served
                .SelectMany(s => (s.List.Experiments ?? []).Select(a => new ExperimentExposure(a.ExperimentId, s.List.UserId, a.Variant, s.ServedAt)))
                .ToList();
            if (exposed.Count > 0)
            {
                await exposures.RecordAsync(exposed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, served.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not log {Lists} served lists; their outcomes and exposures are lost, the responses were not affected")]
    private partial void LogFailed(Exception exception, int lists);
}
