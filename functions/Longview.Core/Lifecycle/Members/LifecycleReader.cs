using System.Text;
using System.Text.Json;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Ports;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// What the routes read of the lifecycle job's output: a user's lifecycle scored live from their profile with the newest
/// fitted model (the same <see cref="LifecycleScorer"/> the lists were written with), and pages of a segment's member
/// list. A page read touches at most <see cref="MaxPagesPerRead"/> page blobs, so memory and time per request are
/// bounded by the page size, not the user count.
/// </summary>
public sealed class LifecycleReader(IBlobStore blobs, IProfileStore profiles, RetentionOptions retention, LifecycleJobOptions options, TimeProvider time)
{
    public const int MaxPagesPerRead = 20;
    public const int MaxLimit = 1_000;

    // One reference, swapped whole: concurrent requests read either the old model or the new one, never a mix.
    private volatile CachedModel? _cached;

    private sealed record CachedModel(DateOnly AsOf, LifecycleModel Model);

    /// <summary>The newest complete lifecycle day; null before the first run.</summary>
    public async Task<DateOnly?> LatestDayAsync(CancellationToken cancellationToken = default)
    {
        var latest = await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Latest, cancellationToken).ConfigureAwait(false);
        return latest is null ? null : JsonSerializer.Deserialize<LatestLifecycleDay>(latest.Content.Span, LongviewJson.Options)?.AsOf;
    }

    /// <summary>The user's lifecycle today (UTC); null when the user has no profile or no activity.</summary>
    public async Task<UserLifecycle?> UserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var stored = await profiles.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }
        var model = await LatestModelAsync(cancellationToken).ConfigureAwait(false);
        return ScorerFor(model).Score(stored.Profile, ScoringDay(model, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }

    /// <summary>The scorer of <paramref name="model"/> (null: before the first run) with the deployment's lifecycle rules.</summary>
    public LifecycleScorer ScorerFor(LifecycleModel? model) => new(model, retention.Lifecycle, options.Reasons);

    /// <summary>The day a user is scored as of: today, or the model's day when that is later (a backfilled clock).</summary>
    public static DateOnly ScoringDay(LifecycleModel? model, DateOnly today) => model is null || model.AsOf < today ? today : model.AsOf;

    public async Task<MemberListManifest?> ManifestAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        await ReadJsonAsync<MemberListManifest>(LifecycleBlobs.Manifest(asOf), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Up to <paramref name="limit"/> members of <paramref name="segment"/> with churn risk ≥ <paramref name="minRisk"/>,
    /// from <paramref name="cursor"/> (null: the top of the newest day's list). Null when that day has no such list (no
    /// lifecycle run yet, or no user in that segment).
    /// </summary>
    public async Task<MemberPage?> MembersAsync(string segment, double minRisk, int limit, MemberCursor? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var asOf = cursor?.AsOf ?? await LatestDayAsync(cancellationToken).ConfigureAwait(false);
        if (asOf is not { } day || await ManifestAsync(day, cancellationToken).ConfigureAwait(false) is not { } manifest)
        {
            return null;
        }
        if (!manifest.Segments.TryGetValue(segment, out var list))
        {
            return null;
        }
        var users = new List<SegmentMember>(limit);
        var page = cursor?.Page ?? 0;
        var row = cursor?.Row ?? 0;
        for (var read = 0; page < list.Pages && read < MaxPagesPerRead; read++, page++, row = 0)
        {
            var lines = await ReadPageAsync(day, segment, page, cancellationToken).ConfigureAwait(false);
            for (; row < lines.Length; row++)
            {
                var member = MemberListWriter.ReadLine(lines[row]);
                if (member.ChurnRisk < minRisk)
                {
                    continue;
                }
                if (users.Count == limit)
                {
                    return new MemberPage(day, segment, list.Rows, users, new MemberCursor(day, page, row).ToString());
                }
                users.Add(member);
            }
        }
        return new MemberPage(day, segment, list.Rows, users, page < list.Pages ? new MemberCursor(day, page, 0).ToString() : null);
    }

    /// <summary>
    /// The rows of a daily, monthly or activity report restricted to the users of <paramref name="segment"/> on the newest
    /// lifecycle day (the job's scoring pass writes them), filtered to <paramref name="range"/>; null when that day has no
    /// such segment.
    /// </summary>
    public async Task<ReportAnswer?> SegmentReportAsync(ReportKind kind, ReportRange range, string segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!SegmentRetention.Kinds.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "segment filters apply to the daily, monthly and activity reports");
        }
        if (await LatestDayAsync(cancellationToken).ConfigureAwait(false) is not { } day
            || await ManifestAsync(day, cancellationToken).ConfigureAwait(false) is not { } manifest
            || !manifest.Segments.ContainsKey(segment))
        {
            return null;
        }
        var rows = await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.SegmentReport(day, segment, kind.WireName()), cancellationToken).ConfigureAwait(false);
        return rows is null
            ? null
            : new ReportAnswer(kind, day, ReportSource.Stored, manifest.ComputedAt, RetentionReportQuery.Filter(kind, Encoding.UTF8.GetString(rows.Content.Span), range));
    }

    private async Task<string[]> ReadPageAsync(DateOnly asOf, string segment, int page, CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Page(asOf, segment, page), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"page {page} of the {segment} list of {LifecycleBlobs.Day(asOf)} is missing");
        return Encoding.UTF8.GetString(blob.Content.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The newest day's fitted model (cached per day); null before the first run.</summary>
    public async Task<LifecycleModel?> LatestModelAsync(CancellationToken cancellationToken)
    {
        if (await LatestDayAsync(cancellationToken).ConfigureAwait(false) is not { } day)
        {
            return null;
        }
        if (_cached is { } cached && cached.AsOf == day)
        {
            return cached.Model;
        }
        var model = await ReadJsonAsync<LifecycleModel>(LifecycleBlobs.Model(day), cancellationToken).ConfigureAwait(false);
        if (model is not null)
        {
            _cached = new CachedModel(day, model);
        }
        return model;
    }

    private async Task<T?> ReadJsonAsync<T>(string name, CancellationToken cancellationToken)
        where T : class
    {
        var blob = await blobs.GetAsync(LifecycleBlobs.Container, name, cancellationToken).ConfigureAwait(false);
        return blob is null ? null : JsonSerializer.Deserialize<T>(blob.Content.Span, LongviewJson.Options);
    }
}
