using System.Text;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Core.Lifecycle.Jobs;

/// <summary>
/// Cohort retention and activity per segment: one <see cref="RetentionAccumulator"/> per segment (stage, RFM tier,
/// group) fed with that segment's users during the scoring pass, so `?segment=` on the retention routes reads the same
/// tables restricted to the users in that segment on the lifecycle day. Memory: segments × the accumulators' (cohorts ×
/// days), never users.
/// </summary>
public sealed class SegmentRetention(RetentionOptions options, RetentionJobOptions job, DateOnly asOf)
{
    public static IReadOnlyList<ReportKind> Kinds { get; } = [ReportKind.Daily, ReportKind.Monthly, ReportKind.Activity];

    private readonly Dictionary<string, RetentionAccumulator> _segments = new(StringComparer.Ordinal);

    public void Add(UserProfile profile, IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var segment in segments)
        {
            if (!_segments.TryGetValue(segment, out var accumulator))
            {
                _segments[segment] = accumulator = new RetentionAccumulator(options, job, asOf);
            }
            accumulator.Add(profile);
        }
    }

    public async Task WriteAsync(IBlobStore blobs, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        foreach (var (segment, accumulator) in _segments)
        {
            var reports = accumulator.Reports(computedAt);
            foreach (var kind in Kinds)
            {
                await blobs.PutAsync(LifecycleBlobs.Container, LifecycleBlobs.SegmentReport(asOf, segment, kind.WireName()),
                    Encoding.UTF8.GetBytes(ReportRows.Json(reports, kind)), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
