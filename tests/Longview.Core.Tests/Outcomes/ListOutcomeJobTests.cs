using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Longview.Core.Tests.Retention.Jobs;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Outcomes;

/// <summary>The daily outcome job stores what the route would compute, and the route adds stored and computed days up exactly.</summary>
public sealed class ListOutcomeJobTests
{
    private static readonly DateOnly Day1 = new(2026, 3, 1);
    private static readonly IOptions<OutcomeOptions> Options = Microsoft.Extensions.Options.Options.Create(new OutcomeOptions { PageSize = 7 });

    private readonly ListLog _log = new();
    private readonly InMemoryProfileStore _profiles = new();
    private readonly InMemoryBlobStore _blobs = new();
    private readonly FixedTimeProvider _clock = new(new DateTimeOffset(2026, 3, 5, 0, 15, 0, TimeSpan.Zero));

    /// <summary>Four serving days of random lists to 30 users, with clicks, purchases (money) and returns, some in and some out of the window.</summary>
    private async Task SeedAsync()
    {
        var random = new Random(7);
        var profiles = Enumerable.Range(0, 30).Select(i => new UserProfile { UserId = $"u{i}" }).ToList();
        for (var d = 0; d < 4; d++)
        {
            for (var n = 0; n < 40; n++)
            {
                var user = profiles[random.Next(profiles.Count)];
                var servedAt = new DateTimeOffset(Day1.AddDays(d).ToDateTime(new TimeOnly(random.Next(24), random.Next(60))), TimeSpan.Zero);
                var items = Enumerable.Range(0, 5).Select(p => new ServedListItem($"i{random.Next(50)}", (ReasonType)random.Next(3))).ToList();
                _log.Lists.Add(new ServedList($"r{d}-{n}", user.UserId, servedAt, random.Next(2) == 0 ? "v1" : "v2", "active", items,
                    [new ExperimentAssignment("ranking", random.Next(2) == 0 ? "control" : "fresh")]));
                foreach (var item in items.Where(_ => random.NextDouble() < 0.2))
                {
                    var at = servedAt.AddHours(random.Next(36));
                    user.Recent.Add(new RecentEvent(item.ItemId, at, random.Next(3) == 0 ? EventType.Purchase : EventType.Click, random.Next(3) == 0 ? random.Next(5, 60) : null));
                    user.ActiveDays.Add(DateOnly.FromDateTime(at.UtcDateTime));
                }
            }
        }
        foreach (var profile in profiles)
        {
            profile.Recent.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        }
        await _profiles.WriteManyAsync([.. profiles.Select(p => new ProfileWrite(p, null))]);
    }

    private ListOutcomes Outcomes() => new(_log, _profiles, _clock, Options);

    private static string Json(ListOutcomeReport report) => JsonSerializer.Serialize(report, LongviewJson.Options);

    [Fact]
    public async Task The_stored_day_equals_the_on_request_computation_and_the_route_reads_it()
    {
        await SeedAsync();
        var asOf = new DateOnly(2026, 3, 4);
        var job = new ListOutcomeJob(Outcomes(), _blobs, Options);

        var summary = await job.RunAsync(asOf);

        // A 1-day window: as of the 4th, the lists of the 3rd are the newest whose windows have all closed.
        Assert.Equal("2026-03-03", summary.ServedOn);
        Assert.Equal(0, summary.OpenLists);
        var stored = _blobs.Text(OutcomeBlobs.Container, OutcomeBlobs.ListsOf(new DateOnly(2026, 3, 3)));
        var computed = await Outcomes().ComputeAsync(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3));
        Assert.True(computed.Overall.Clicks > 0 && computed.Overall.Purchases > 0, "the seed must produce clicks and purchases");
        Assert.Equal(Json(computed), stored);

        var answer = await new ListOutcomeQuery(Outcomes(), _blobs, Options).GetAsync(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3));
        Assert.Equal("stored", answer.Source);
        Assert.Equal(stored, Json(answer.Report));
    }

    [Fact]
    public async Task A_range_of_stored_and_computed_days_adds_up_to_the_range_computed_at_once()
    {
        await SeedAsync();
        var job = new ListOutcomeJob(Outcomes(), _blobs, Options);
        await job.RunAsync(new DateOnly(2026, 3, 2));   // stores the 1st
        await job.RunAsync(new DateOnly(2026, 3, 4));   // stores the 3rd

        var answer = await new ListOutcomeQuery(Outcomes(), _blobs, Options).GetAsync(Day1, new DateOnly(2026, 3, 4));
        var whole = await Outcomes().ComputeAsync(Day1, new DateOnly(2026, 3, 4));

        Assert.Equal("mixed", answer.Source);
        Assert.Equal((2, 2), (answer.StoredDays, answer.ComputedDays));
        // The 4th's lists are still open at 00:15 on the 5th: three measured serving days, the open lists counted apart.
        Assert.Equal(["2026-03-01", "2026-03-02", "2026-03-03"], answer.Report.ByDay.Select(d => d.Key));
        Assert.True(answer.Report.OpenLists > 0);
        // Totals are sums; money is summed in another order, so compare it to rounding.
        var (a, b) = (answer.Report, whole);
        Assert.Equal((b.ScannedLists, b.OpenLists, b.UnmeasuredLists), (a.ScannedLists, a.OpenLists, a.UnmeasuredLists));
        foreach (var (x, y) in new[] { (a.ByPosition, b.ByPosition), (a.BySegment, b.BySegment), (a.ByModelVersion, b.ByModelVersion), (a.ByVariant, b.ByVariant), (a.ByReasonType, b.ByReasonType), (a.ByDay, b.ByDay), ([new OutcomeGroup("all", a.Overall)], [new OutcomeGroup("all", b.Overall)]) })
        {
            Assert.Equal(y.Select(g => (g.Key, g.Totals.Lists, g.Totals.Impressions, g.Totals.Clicks, g.Totals.ClickedLists, g.Totals.Purchases, g.Totals.ConvertedLists, g.Totals.ReturnedLists, Math.Round(g.Totals.Value, 6))),
                x.Select(g => (g.Key, g.Totals.Lists, g.Totals.Impressions, g.Totals.Clicks, g.Totals.ClickedLists, g.Totals.Purchases, g.Totals.ConvertedLists, g.Totals.ReturnedLists, Math.Round(g.Totals.Value, 6))));
        }
    }

    [Fact]
    public async Task A_day_stored_while_lists_were_still_open_is_computed_again()
    {
        await SeedAsync();
        // Run as of the 4th at 00:15 on the 4th: the lists of the 3rd (late ones) are still open.
        _clock.Now = new DateTimeOffset(2026, 3, 4, 0, 15, 0, TimeSpan.Zero);
        var early = await new ListOutcomeJob(Outcomes(), _blobs, Options).RunAsync(new DateOnly(2026, 3, 4));
        Assert.True(early.OpenLists > 0);

        _clock.Now = new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
        var answer = await new ListOutcomeQuery(Outcomes(), _blobs, Options).GetAsync(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3));

        Assert.Equal("computed", answer.Source);
        Assert.Equal(0, answer.Report.OpenLists);
    }

    [Fact]
    public void The_served_day_is_the_newest_whose_windows_closed_by_the_end_of_the_as_of_day()
    {
        Assert.Equal(new DateOnly(2026, 3, 3), ListOutcomeJob.ServedDayFor(new DateOnly(2026, 3, 4), TimeSpan.FromDays(1)));
        Assert.Equal(new DateOnly(2026, 3, 3), ListOutcomeJob.ServedDayFor(new DateOnly(2026, 3, 4), TimeSpan.FromHours(6)));
        Assert.Equal(new DateOnly(2026, 3, 1), ListOutcomeJob.ServedDayFor(new DateOnly(2026, 3, 4), TimeSpan.FromDays(2.5)));
    }

    private sealed class ListLog : IServedListLog
    {
        public List<ServedList> Lists { get; } = [];

        public Task AppendAsync(IReadOnlyList<ServedList> lists, CancellationToken cancellationToken = default)
        {
            Lists.AddRange(lists);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<ServedList> ScanAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var list in Lists.Where(l => l.ServedAt >= from && l.ServedAt < to))
            {
                yield return list;
            }
        }
    }
}
