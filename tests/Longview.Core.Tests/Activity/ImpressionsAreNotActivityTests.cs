using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Segments;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Activity;

/// <summary>
/// Issue 13, item 3: serving a list logs impressions, and they must not count as the user's visits anywhere activity
/// is read (DESIGN.md, "Retention definitions").
/// </summary>
public sealed class ImpressionsAreNotActivityTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);
    private static readonly DateTimeOffset Noon = new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    private readonly InMemoryProfileStore _store = new();

    private EventIngestion Ingestion() => new(
        new EventBatchReader(new EventLimits(), new FixedTimeProvider(Noon)),
        new ProfileAggregator(new ProfileLimits()),
        _store,
        new InMemoryItemCatalog(),
        Options.Create(new IngestionOptions()),
        TimeProvider.System,
        new UserIdHash(salt: null),
        NullLogger<EventIngestion>.Instance);

    private static UserEvent Event(string id, string user, EventType type, DateTimeOffset at, string item = "i1") =>
        new(id, user, type.RequiresItem() ? item : null, type, at);

    /// <summary>
    /// A user who last did something 40 days ago, then a batch job pre-computes lists for dormant users (impressions
    /// today), and an id that was only ever served lists.
    /// </summary>
    private async Task SeedAsync()
    {
        var report = await Ingestion().IngestAsync(
        [
            Event("v1", "loyal", EventType.View, Noon.AddDays(-60)),
            Event("v2", "loyal", EventType.Click, Noon.AddDays(-40)),
            Event("imp1", "loyal", EventType.Impression, Noon.AddHours(-2), "i7"),
            Event("imp2", "loyal", EventType.Impression, Noon.AddHours(-2), "i8"),
            Event("imp3", "stranger", EventType.Impression, Noon.AddDays(-3), "i7"),
            Event("imp4", "stranger", EventType.Impression, Noon.AddHours(-1), "i7"),
        ]);
        Assert.Equal(6, report.Accepted);
    }

    [Theory]
    [InlineData(EventType.View, true)]
    [InlineData(EventType.Click, true)]
    [InlineData(EventType.Purchase, true)]
    [InlineData(EventType.Rating, true)]
    [InlineData(EventType.Like, true)]
    [InlineData(EventType.Dislike, true)]
    [InlineData(EventType.Share, true)]
    [InlineData(EventType.SessionStart, true)]
    [InlineData(EventType.Impression, false)]
    public void Every_type_but_impression_is_activity(EventType type, bool activity) =>
        Assert.Equal(activity, type.IsActivity());

    [Fact]
    public async Task Impressions_alone_do_not_make_a_user_but_still_feed_fatigue()
    {
        await SeedAsync();

        var stored = await _store.GetAsync("stranger");
        Assert.NotNull(stored);
        var profile = stored.Profile;
        Assert.False(profile.HasActivity);
        Assert.Null(profile.FirstSeen);
        Assert.Null(profile.LastSeen);
        Assert.Empty(profile.ActiveDays.Days);
        Assert.Equal(2, profile.Counts[EventType.Impression]);
        Assert.Equal(2, profile.FatigueOf("i7"));
        // What the profile routes answer: no such user (404).
        Assert.Null(await _store.GetUserAsync("stranger"));
        Assert.NotNull(await _store.GetUserAsync("loyal"));
    }

    [Fact]
    public async Task Impressions_move_neither_first_nor_last_seen_nor_mark_active_days()
    {
        await SeedAsync();

        var profile = (await _store.GetAsync("loyal"))!.Profile;
        Assert.Equal(Noon.AddDays(-60), profile.FirstSeen);
        Assert.Equal(Noon.AddDays(-40), profile.LastSeen);
        Assert.Equal([Today.AddDays(-60), Today.AddDays(-40)], profile.ActiveDays.Days);
        Assert.Equal(2, profile.Impressions.Count);
    }

    [Fact]
    public async Task A_list_served_to_a_dormant_user_leaves_them_dormant_and_out_of_today_s_active_users()
    {
        await SeedAsync();
        var options = new RetentionOptions();
        var accumulator = new RetentionAccumulator(options, new RetentionJobOptions(), Today);
        await foreach (var profile in _store.ScanAsync())
        {
            accumulator.Add(profile);
        }

        var reports = accumulator.Reports(Noon);
        Assert.Equal(2, reports.UsersScanned);
        Assert.Equal(1, reports.Segments.Total); // the stranger is nobody's user
        Assert.Equal(1, reports.Segments.Dormant);
        var today = reports.Activity.Single(row => row.Day == Today);
        Assert.Equal(0, today.Dau);
        Assert.Equal(0, today.Wau);
        Assert.Equal(0, reports.Activity.Single(row => row.Day == Today.AddDays(-3)).Dau);
        Assert.Equal(1, reports.Daily.Where(row => row.Cohort == Today.AddDays(-60)).Select(row => row.CohortSize).Distinct().Single());
        Assert.DoesNotContain(reports.Daily, row => row.Cohort > Today.AddDays(-60));
    }

    [Fact]
    public async Task Serving_lifecycle_and_churn_features_read_activity_only()
    {
        await SeedAsync();
        var loyal = (await _store.GetAsync("loyal"))!.Profile;
        var classifier = new LifecycleClassifier(new LifecycleOptions());

        Assert.Equal(LifecycleSegment.Dormant, ProfileLifecycle.Classify(classifier, loyal, Today, null));
        Assert.Equal(Math.Log(1 + 40), ChurnFeatures.Compute(loyal, Today, ChurnFeature.Log1pDaysSinceLastActive), 12);
        Assert.Equal(0, ChurnFeatures.Compute(loyal, Today, ChurnFeature.ActiveDays7d));
        Assert.Null(ProfileActivity.From((await _store.GetAsync("stranger"))!.Profile));
    }

    [Fact]
    public void Impressions_neither_open_nor_extend_sessions()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("v0", "u1", EventType.View, Noon), []);
        // A list refreshed every 20 minutes would bridge every 30-minute gap if it counted.
        for (var minutes = 20; minutes < 200; minutes += 20)
        {
            aggregator.Apply(profile, Event($"imp{minutes}", "u1", EventType.Impression, Noon.AddMinutes(minutes)), []);
        }
        aggregator.Apply(profile, Event("v200", "u1", EventType.View, Noon.AddMinutes(200)), []);

        Assert.Equal(2, Sessions.Of(profile, TimeSpan.FromMinutes(30)).Count);
    }

    [Fact]
    public void Retention_straight_from_events_ignores_impressions()
    {
        var collector = new UserActivityCollector();
        collector.Add(Event("imp1", "stranger", EventType.Impression, Noon));
        collector.Add(Event("v1", "loyal", EventType.View, Noon.AddDays(-1)));
        collector.Add(Event("imp2", "loyal", EventType.Impression, Noon));

        var activity = Assert.Single(collector.Activities());
        Assert.Equal("loyal", activity.UserId);
        Assert.Equal([Today.AddDays(-1)], activity.ActiveDays);
    }
}
