using System.Globalization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Runs;

/// <summary>
/// The application service behind the training routes and the schedules: queue a run, read a run. Invariant: at most
/// one run is queued or running. A start while one is active answers that run instead of queuing another (the caller
/// gets its id and status URL, and the schedule cannot pile up GPU jobs); a run still active
/// <see cref="TrainingPipelineOptions.RunLease"/> after it was requested is marked failed ("abandoned") and no longer
/// blocks. The self-hosted host, whose runs die with its process, marks every queued or running run abandoned at
/// start-up (<see cref="RecoverAsync"/>).
/// </summary>
public sealed class TrainingRuns(ITrainingRunStore store, ITrainingRunLauncher launcher, IOptions<TrainingPipelineOptions> options, TimeProvider time)
{
    /// <summary>
    /// Queues a run and launches its workflow with the settings of this moment; <paramref name="jobArguments"/> replace
    /// the configured job flags for this run only. Answers the active run instead when there is one.
    /// </summary>
    public async Task<TrainingRunRecord> StartAsync(string trigger, IReadOnlyList<string>? jobArguments, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var latest = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest?.Run is { } active && IsActive(active))
        {
            if (now - active.RequestedAt < settings.RunLease)
            {
                return active;
            }
            await AbandonAsync(active, $"abandoned: still {Status(active)} {Format(settings.RunLease)} after it was requested (the run lease)", cancellationToken).ConfigureAwait(false);
        }

        var run = new TrainingRunRecord
        {
            RunId = TrainingRunIds.Create(now, Guid.NewGuid()),
            Trigger = trigger,
            RequestedAt = now,
            JobArguments = jobArguments?.ToList(),
        };
        // The record first, then the marker: the marker never names a run without a record.
        await store.SaveAsync(run, cancellationToken).ConfigureAwait(false);
        if (!await store.TrySetLatestAsync(run.RunId, latest?.Version, cancellationToken).ConfigureAwait(false))
        {
            var winner = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
            await AbandonAsync(run, $"not started: run {winner?.RunId ?? "(unknown)"} was queued at the same moment", cancellationToken).ConfigureAwait(false);
            return winner?.Run ?? run;
        }

        try
        {
            await launcher.LaunchAsync(new TrainingPipelineInput(run, TrainingRunSettings.Capture(settings, jobArguments)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await AbandonAsync(run, $"not started: the workflow could not be launched ({ex.Message})", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return run;
    }

    /// <summary>The run, or null when the id is unknown or malformed.</summary>
    public Task<TrainingRunRecord?> GetAsync(string runId, CancellationToken cancellationToken) =>
        TrainingRunIds.IsValid(runId) ? store.GetAsync(runId, cancellationToken) : Task.FromResult<TrainingRunRecord?>(null);

    /// <summary>
    /// Up to <paramref name="limit"/> runs, newest first, started before the run <paramref name="before"/> (exclusive;
    /// null: from the newest). Run ids sort by their start time, so the id of a page's last run is the next page's
    /// cursor; a run started while a client pages never shifts the pages it has not read yet.
    /// </summary>
    public async Task<TrainingRunPage> ListAsync(int limit, string? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = new List<string>();
        await foreach (var id in store.ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (before is null || string.CompareOrdinal(id, before) < 0)
            {
                ids.Add(id);
            }
        }
        ids.Sort((a, b) => string.CompareOrdinal(b, a));
        var runs = new List<TrainingRunRecord>(Math.Min(limit, ids.Count));
        foreach (var id in ids.Take(limit))
        {
            // A record deleted between the listing and the read is simply not on the page.
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } run)
            {
                runs.Add(run);
            }
        }
        return new TrainingRunPage(runs, ids.Count > limit ? ids[limit - 1] : null);
    }

    /// <summary>
    /// Marks every queued or running run failed with <paramref name="reason"/>: for a host whose runs cannot outlive its
    /// process, at start-up, before anything can start a run. Answers the ids it marked.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(string reason, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var id in store.ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(id);
        }
        var marked = new List<string>();
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } run && IsActive(run))
            {
                await AbandonAsync(run, $"abandoned: {reason} while it was {Status(run)}", cancellationToken).ConfigureAwait(false);
                marked.Add(id);
            }
        }
        return marked;
    }

    private static bool IsActive(TrainingRunRecord run) => run.Status is TrainingRunStatus.Queued or TrainingRunStatus.Running;

    private async Task AbandonAsync(TrainingRunRecord run, string reason, CancellationToken cancellationToken)
    {
        run.Status = TrainingRunStatus.Failed;
        run.Reason = reason;
        run.EndedAt = time.GetUtcNow();
        await store.SaveAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private static string Status(TrainingRunRecord run) => run.Status == TrainingRunStatus.Queued ? "queued" : "running";

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
