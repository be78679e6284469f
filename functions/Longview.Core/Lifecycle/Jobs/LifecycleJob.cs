using System.Text;
using System.Text.Json;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Ports;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;
using Longview.Core.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Lifecycle.Jobs;

/// <summary>
/// The daily lifecycle job, two streaming passes over the profiles: the first keeps a bounded sample and fits the
/// lifecycle models on it (<see cref="LifecycleFitting"/>), the second scores every user with them
/// (<see cref="LifecycleScorer"/>) into the member lists (<see cref="MemberListWriter"/>) and the lifecycle reports
/// (<see cref="LifecycleAccumulator"/>). Writes the model, the lists, the reports, then <c>latest.json</c>, so readers
/// never see a day half written. Re-running a day overwrites it.
/// </summary>
public sealed partial class LifecycleJob(
    IProfileStore profiles,
    IBlobStore blobs,
    IRetentionReportStore reports,
    RetentionOptions retention,
    RetentionJobOptions retentionJob,
    LifecycleJobOptions options,
    IOptions<ProfileLimits> profileLimits,
    TimeProvider time,
    ILogger<LifecycleJob> logger)
{
    public async Task<LifecycleDaySummary> RunAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var fitting = new LifecycleFitting(options, asOf);
        await foreach (var profile in profiles.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            fitting.Add(profile);
        }
        var sampled = time.GetTimestamp();
        var model = fitting.Fit();
        var fitted = time.GetTimestamp();
        var scorer = new LifecycleScorer(model, retention.Lifecycle, options.Reasons);
        var lists = new MemberListWriter(blobs, asOf, options.ListPageRows, options.ListRunRows);
        var tables = new LifecycleAccumulator(asOf, options.HorizonDays);
        var segmentRetention = new SegmentRetention(retention, retentionJob, asOf);
        var engagement = new EngagementAccumulator(retention.Lifecycle, profileLimits.Value, asOf, Math.Min(retentionJob.ActivityDays, EngagementAccumulator.MaxDays));
        long scanned = 0;
        await foreach (var profile in profiles.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            scanned++;
            engagement.Add(profile);
            if (scorer.Score(profile, asOf) is not { } user)
            {
                continue;
            }
            var memberOf = user.MemberOf().ToArray();
            tables.Add(user, memberOf);
            segmentRetention.Add(profile, memberOf);
            await lists.AddAsync(SegmentMember.Of(user), memberOf, cancellationToken).ConfigureAwait(false);
        }
        var scored = time.GetTimestamp();
        var segments = await lists.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var computedAt = time.GetUtcNow();
        await PutJsonAsync(LifecycleBlobs.Model(asOf), model, cancellationToken).ConfigureAwait(false);
        await PutJsonAsync(LifecycleBlobs.Manifest(asOf), new MemberListManifest(asOf, computedAt, scorer.RiskSource, options.ListPageRows, segments), cancellationToken).ConfigureAwait(false);
        await WriteReportsAsync(tables, engagement, computedAt, cancellationToken).ConfigureAwait(false);
        await segmentRetention.WriteAsync(blobs, computedAt, cancellationToken).ConfigureAwait(false);
        await AdvanceLatestAsync(asOf, cancellationToken).ConfigureAwait(false);
        var atRisk = segments.TryGetValue(LifecycleBlobs.AtRiskSegment, out var list) ? list.Rows : 0;
        LogStored(asOf, scanned, tables.Users, atRisk, scorer.RiskSource);
        return new LifecycleDaySummary(LifecycleBlobs.Day(asOf), scanned, tables.Users, atRisk, scorer.RiskSource,
            model.Basis == ValueBasis.Purchases ? "purchases" : "active_days",
            time.GetElapsedTime(started, sampled).TotalSeconds, time.GetElapsedTime(sampled, fitted).TotalSeconds,
            time.GetElapsedTime(fitted, scored).TotalSeconds, time.GetElapsedTime(scored).TotalSeconds);
    }

    private async Task WriteReportsAsync(LifecycleAccumulator tables, EngagementAccumulator engagement, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var (curves, lifespans) = tables.Survival();
        var rows = new (ReportKind Kind, string Json)[]
        {
            (ReportKind.Survival, Json(curves)),
            (ReportKind.Lifespans, Json(lifespans)),
            (ReportKind.CohortValue, Json(tables.CohortValue())),
            (ReportKind.SegmentValue, Json(tables.SegmentValue())),
            (ReportKind.Engagement, Json(engagement.DayRows())),
            (ReportKind.EngagementCohorts, Json(engagement.CohortRows())),
        };
        foreach (var (kind, json) in rows)
        {
            await blobs.PutAsync(RetentionReportWriter.BlobContainer, RetentionReportWriter.BlobName(kind, tables.AsOf, "json"), Encoding.UTF8.GetBytes(json), cancellationToken: cancellationToken).ConfigureAwait(false);
            await reports.PutAsync(new StoredReport(kind, tables.AsOf, computedAt, json), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves <c>latest.json</c> forward only: a backfill of an older day must not hide today's lists.</summary>
    private async Task AdvanceLatestAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Latest, cancellationToken).ConfigureAwait(false);
            if (current is not null && JsonSerializer.Deserialize<LatestLifecycleDay>(current.Content.Span, LongviewJson.Options) is { } latest && latest.AsOf > asOf)
            {
                return;
            }
            var content = JsonSerializer.SerializeToUtf8Bytes(new LatestLifecycleDay(asOf), LongviewJson.Options);
            var written = current is null
                ? await blobs.PutAsync(LifecycleBlobs.Container, LifecycleBlobs.Latest, content, BlobCondition.IfNoneExists, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await blobs.PutAsync(LifecycleBlobs.Container, LifecycleBlobs.Latest, content, BlobCondition.IfMatch, current.ETag, cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                return;
            }
        }
    }

    private Task PutJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        blobs.PutAsync(LifecycleBlobs.Container, name, JsonSerializer.SerializeToUtf8Bytes(value, LongviewJson.Options), cancellationToken: cancellationToken);

    private static string Json<T>(IReadOnlyList<T> rows) => JsonSerializer.Serialize(rows, LongviewJson.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle as of {AsOf} stored: {UsersScanned} profiles scanned, {UsersScored} scored, {AtRisk} at risk, churn risk from {RiskSource}")]
    private partial void LogStored(DateOnly asOf, long usersScanned, long usersScored, long atRisk, string riskSource);
}
