using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// Computes every report as of a day by streaming the profile store once (bounded memory). Churn risk for the
/// lifecycle segments comes from <see cref="IChurnRiskSource"/>, opened once per pass.
/// </summary>
public sealed class RetentionCalculator(IProfileStore profiles, RetentionOptions options, RetentionJobOptions job, TimeProvider time, IChurnRiskSource churnRisk)
{
    /// <summary>A calculator whose segments always use the recency/frequency score.</summary>
    public RetentionCalculator(IProfileStore profiles, RetentionOptions options, RetentionJobOptions job, TimeProvider time)
        : this(profiles, options, job, time, new RecencyFrequencyChurnRiskSource(options))
    {
    }

    public async Task<RetentionReports> ComputeAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var accumulator = await AccumulateAsync(profiles.ScanAsync(cancellationToken), asOf, cancellationToken).ConfigureAwait(false);
        return accumulator.Reports(time.GetUtcNow());
    }

    /// <summary>One accumulator over any stream of profiles (a whole store, or one range of a fan-out).</summary>
    public async Task<RetentionAccumulator> AccumulateAsync(IAsyncEnumerable<UserProfile> source, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var scorer = churnRisk.Open(asOf);
        var accumulator = new RetentionAccumulator(options, job, asOf, scorer);
        await foreach (var profile in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(profile);
        }
        return accumulator;
    }
}
