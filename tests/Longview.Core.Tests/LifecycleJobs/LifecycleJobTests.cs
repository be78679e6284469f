using System.Text;
using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Tests.LifetimeValue;
using Longview.Core.Tests.Retention.Jobs;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.LifecycleJobs;

/// <summary>
/// The daily lifecycle job end to end over profiles built by the product's own ingestion: on CDNOW it fits the published
/// BG/NBD parameters from profiles, ranks the at-risk list by value at risk, pages it back without loss, and the per-user
/// answer equals the user's list row.
/// </summary>
public sealed class LifecycleJobTests
{
    [CdnowFact]
    public async Task On_cdnow_the_job_fits_the_published_model_and_ranks_every_user_once()
    {
        var (job, reader, blobs, reports, _) = await CdnowJobAsync(new LifecycleJobOptions { ListPageRows = 100, ListRunRows = 500 });

        var summary = await job.RunAsync(CdnowSample.CalibrationEnd);

        Assert.Equal(2_357, summary.UsersScored);
        Assert.Equal("purchases", summary.ValueBasis);
        var model = await reader.LatestDayAsync();
        Assert.Equal(CdnowSample.CalibrationEnd, model);
        var fitted = System.Text.Json.JsonSerializer.Deserialize<LifecycleModel>((await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Model(CdnowSample.CalibrationEnd)))!.Content.Span, Longview.Core.Serialization.LongviewJson.Options)!;
        // Fitted on profiles (the whole population fits in the sample): the literature's parameters.
        Assert.Equal(0.243, fitted.Value!.R, 3);
        Assert.Equal(4.414, fitted.Value.Alpha, 3);
        Assert.Equal(0.793, fitted.Value.A, 3);
        Assert.Equal(2.426, fitted.Value.B, 3);
        Assert.Equal(6.250, fitted.Spend!.P, 3);

        // Every scored user is in exactly one stage list; the runs were spilled (500 rows each) and cleaned up.
        var manifest = (await reader.ManifestAsync(CdnowSample.CalibrationEnd))!;
        var stages = new[] { "new", "active", "reactivated", "at_risk", "dormant", "churned" };
        Assert.Equal(2_357, stages.Sum(s => manifest.Segments.GetValueOrDefault(s)?.Rows ?? 0));
        Assert.Equal(2_357, manifest.Segments.Where(s => s.Key.StartsWith("rfm_", StringComparison.Ordinal)).Sum(s => s.Value.Rows));
        Assert.Empty(await ToListAsync(blobs.ListAsync(LifecycleBlobs.Container, "1997-09-30/runs/")));

        // Paging the churned list 37 at a time gives the whole list once, in rank order.
        var all = new List<SegmentMember>();
        MemberCursor? cursor = null;
        do
        {
            var page = (await reader.MembersAsync("churned", 0, 37, cursor))!;
            all.AddRange(page.Users);
            cursor = page.NextCursor is { } next && MemberCursor.TryParse(next, out var parsed) ? parsed : null;
        }
        while (cursor is not null);
        Assert.Equal(manifest.Segments["churned"].Rows, all.Count);
        Assert.Equal(all.Count, all.Select(m => m.UserId).Distinct().Count());
        Assert.Equal(all.Order(SegmentMember.Ranking), all);
        Assert.True(all[0].ValueAtRisk > 0);

        // A risk floor filters and keeps the order.
        var risky = (await reader.MembersAsync("rfm_champions", 0.5, 1_000, null))!;
        Assert.All(risky.Users, u => Assert.True(u.ChurnRisk >= 0.5));

        // The per-user answer is the list's row, with reasons in words.
        var top = all[0];
        var user = (await reader.UserAsync(top.UserId))!;
        Assert.Equal(top.ValueAtRisk, Math.Round(user.ValueAtRisk, 6));
        Assert.Equal(top.ChurnRisk, Math.Round(user.ChurnRisk, 6));
        Assert.Equal("churned", user.Segment);
        Assert.NotEmpty(user.Reasons);
        Assert.Contains(user.Reasons, r => r.Contains("day", StringComparison.Ordinal));
        Assert.StartsWith(LifecycleScorer.LogisticSource, user.ChurnRiskSource, StringComparison.Ordinal);

        // Reports for the page: survival per cohort, value per cohort and per segment.
        Assert.NotNull(await reports.GetAsync(ReportKind.Survival, CdnowSample.CalibrationEnd));
        var segmentValue = ReportRowsOf<Longview.Core.Lifecycle.Reports.SegmentValueRow>((await reports.GetAsync(ReportKind.SegmentValue, CdnowSample.CalibrationEnd))!);
        Assert.Equal(all.Sum(m => m.ValueAtRisk), segmentValue.Single(s => s.Segment == "churned").ValueAtRisk, 2);

        // The at-risk download is the at_risk list, whole, as CSV.
        var csv = Encoding.UTF8.GetString((await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.AtRiskDownload(CdnowSample.CalibrationEnd, "csv")))!.Content.Span);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(MemberCsv.Header, lines[0]);
        Assert.Equal(manifest.Segments.GetValueOrDefault("at_risk")?.Rows ?? 0, lines.Length - 1);
    }

    [Fact]
    public async Task Spilled_runs_merge_to_the_same_ranking_as_one_sort()
    {
        var blobs = new InMemoryBlobStore();
        var day = new DateOnly(2024, 3, 1);
        var random = new Random(5);
        var members = Enumerable.Range(0, 257).Select(i => new SegmentMember($"u{i}", "active", Math.Round(random.NextDouble(), 6),
            Math.Round(random.Next(0, 5) * 1.5, 6), 1, 1, 0, "loyal", 1, 3, [])).ToList();
        var writer = new MemberListWriter(blobs, day, pageRows: 10, runRows: 25);
        foreach (var m in members)
        {
            await writer.AddAsync(m, [m.Segment, "group_1"]);
        }
        var lists = await writer.CompleteAsync();

        Assert.Equal(257, lists["active"].Rows);
        Assert.Equal(26, lists["active"].Pages);
        var read = new List<SegmentMember>();
        for (var page = 0; page < lists["active"].Pages; page++)
        {
            var text = Encoding.UTF8.GetString((await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Page(day, "active", page)))!.Content.Span);
            read.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(MemberListWriter.ReadLine));
        }
        Assert.Equal(members.Order(SegmentMember.Ranking).Select(m => m.UserId), read.Select(m => m.UserId));
    }

    [Fact]
    public async Task Before_any_job_a_user_gets_the_transparent_risk_and_no_lists_exist()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("u1", "2024-02-01", "2024-02-20");
        var reader = new LifecycleReader(fixture.Blobs, fixture.Profiles, fixture.Options, new LifecycleJobOptions(), fixture.Clock);

        var user = (await reader.UserAsync("u1"))!;

        Assert.Equal("recency-frequency", user.ChurnRiskSource);
        Assert.Null(user.ModelAsOf);
        Assert.Contains("inactive 11 days", user.Reasons);
        Assert.Null(await reader.MembersAsync("at_risk", 0, 10, null));
        Assert.Null(await reader.UserAsync("nobody"));
    }

    private static async Task<(LifecycleJob Job, LifecycleReader Reader, InMemoryBlobStore Blobs, InMemoryReportStore Reports, InMemoryProfileStore Profiles)> CdnowJobAsync(LifecycleJobOptions options)
    {
        var store = await CdnowSample.CalibrationProfilesAsync();
        var blobs = new InMemoryBlobStore();
        var reports = new InMemoryReportStore();
        var clock = new FixedTimeProvider(new DateTimeOffset(CdnowSample.CalibrationEnd.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var retention = new RetentionOptions();
        var job = new LifecycleJob(store, blobs, reports, retention, new RetentionJobOptions(), options, Microsoft.Extensions.Options.Options.Create(new ProfileLimits()), clock, NullLogger<LifecycleJob>.Instance);
        return (job, new LifecycleReader(blobs, store, retention, options, clock), blobs, reports, store);
    }

    private static IReadOnlyList<T> ReportRowsOf<T>(StoredReport report) =>
        System.Text.Json.JsonSerializer.Deserialize<List<T>>(report.RowsJson, Longview.Core.Serialization.LongviewJson.Options)!;

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> names)
    {
        var list = new List<string>();
        await foreach (var name in names)
        {
            list.Add(name);
        }
        return list;
    }
}
