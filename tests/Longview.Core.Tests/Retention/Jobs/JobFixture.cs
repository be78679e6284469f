using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.Retention.Jobs;

/// <summary>A job over in-memory stores, with profiles written straight from activity days.</summary>
internal sealed class JobFixture
{
    public JobFixture(RetentionJobOptions? jobOptions = null, IChurnRiskSource? churnRisk = null)
    {
        JobOptions = jobOptions ?? new RetentionJobOptions { DailyCohortDays = 90, CohortMonths = 6, ActivityDays = 30 };
        Calculator = churnRisk is null
            ? new RetentionCalculator(Profiles, Options, JobOptions, Clock)
            : new RetentionCalculator(Profiles, Options, JobOptions, Clock, churnRisk);
        Job = new RetentionJob(Calculator, new RetentionReportWriter(Reports, Blobs), JobOptions, NullLogger<RetentionJob>.Instance);
        Query = new RetentionReportQuery(Reports, Calculator, Clock);
    }

    public RetentionOptions Options { get; } = new();

    public RetentionJobOptions JobOptions { get; }

    public InMemoryProfileStore Profiles { get; } = new();

    public InMemoryReportStore Reports { get; } = new();

    public InMemoryBlobStore Blobs { get; } = new();

    public FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public RetentionCalculator Calculator { get; }

    public RetentionJob Job { get; }

    public RetentionReportQuery Query { get; }

    public async Task AddUserAsync(string userId, params string[] isoDays)
    {
        var profile = new UserProfile { UserId = userId };
        foreach (var day in isoDays)
        {
            profile.ActiveDays.Add(Days.D(day));
        }
        profile.FirstSeen = profile.ActiveDays.First!.Value.ToDateTime(TimeOnly.MinValue);
        profile.LastSeen = profile.ActiveDays.Last!.Value.ToDateTime(TimeOnly.MinValue);
        var existing = await Profiles.GetAsync(userId);
        var results = await Profiles.WriteManyAsync([new ProfileWrite(profile, existing?.ETag)]);
        Assert.Equal(WriteStatus.Written, results[0].Status);
    }
}
