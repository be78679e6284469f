using System.Text.Json;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Serialization;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Outcomes;

/// <summary>The behaviour every served-list log and exposure log must have (SQLite, Cosmos); fresh stores per test.</summary>
public abstract class OutcomeLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<(IServedListLog Lists, IExperimentExposureLog Exposures)> CreateAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ServedList List(string id, DateTimeOffset at) =>
        new(id, "user/" + id, at, "v1", "active", [new ServedListItem("a", ReasonType.Model), new ServedListItem("b", ReasonType.Exploration)],
            [new ExperimentAssignment("ab", "fresh")]);

    private static string Json(ServedList list) => JsonSerializer.Serialize(list, LongviewJson.Options);

    [ContractFact]
    public async Task A_list_appended_twice_is_one_list_and_scans_return_exactly_the_lists_of_the_range()
    {
        var (lists, _) = await CreateAsync();
        var first = List("r1", Day.AddHours(23.5));
        var second = List("r2", Day.AddDays(1));
        var third = List("r3", Day.AddDays(1).AddHours(23));
        await lists.AppendAsync([first, second]);
        await lists.AppendAsync([second, third]);

        var all = new List<ServedList>();
        await foreach (var list in lists.ScanAsync(Day, Day.AddDays(2)))
        {
            all.Add(list);
        }
        var secondDay = new List<string>();
        await foreach (var list in lists.ScanAsync(Day.AddDays(1), Day.AddDays(2)))
        {
            secondDay.Add(list.RecommendationId);
        }

        Assert.Equal([Json(first), Json(second), Json(third)], all.Select(Json).Order(StringComparer.Ordinal));
        Assert.Equal(["r2", "r3"], secondDay.Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task The_first_exposure_stays_and_pages_of_one_variant_list_each_member_once()
    {
        var (_, exposures) = await CreateAsync();
        var users = Enumerable.Range(0, 7).Select(i => $"u/{i}").ToList();
        await exposures.RecordAsync([.. users.Select((u, i) => new ExperimentExposure("ab", u, i % 3 == 0 ? "control" : "fresh", Day.AddHours(i)))]);
        await exposures.RecordAsync([new ExperimentExposure("ab", users[1], "fresh", Day.AddDays(3)), new ExperimentExposure("other", users[1], "control", Day)]);
        // An earlier exposure written later changes nothing either: the first write wins on every store (Cosmos: 409).
        await exposures.RecordAsync([new ExperimentExposure("ab", users[2], "fresh", Day.AddHours(-5))]);

        var scanned = new List<ExperimentExposure>();
        await foreach (var exposure in exposures.ScanAsync("ab"))
        {
            scanned.Add(exposure);
        }
        Assert.Equal(7, scanned.Count);
        Assert.Equal(Day.AddHours(1), scanned.Single(e => e.UserId == users[1]).FirstExposedAt);
        Assert.Equal(Day.AddHours(2), scanned.Single(e => e.UserId == users[2]).FirstExposedAt);

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await exposures.ReadPageAsync("ab", "fresh", cursor, 2);
            Assert.InRange(page.Items.Count, 1, 2);
            paged.AddRange(page.Items.Select(e => e.UserId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(users.Where((_, i) => i % 3 != 0).Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<InvalidCursorException>(() => exposures.ReadPageAsync("ab", "fresh", "***", 2));
    }
}
