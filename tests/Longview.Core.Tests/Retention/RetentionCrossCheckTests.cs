using System.Diagnostics;
using System.Globalization;
using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Tests.Retention.Jobs;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.Retention;

/// <summary>
/// Longview's tables computed through the real path - raw dataset lines -> import parsers -> EventIngestion (the
/// event contract, ProfileAggregator) -> profile store -> RetentionJob -> stored reports - must equal, cell for cell,
/// those of the independent pandas script tests/retention/crosscheck.py.
/// Two documented choices: (1) the event contract refuses timestamps before MinTimestamp (1990-01-01); Last.fm has
/// 5 records dated 1956-1979, which ingestion rejects and crosscheck.py drops by the same rule (--min-timestamp).
/// (2) Profiles keep active days within ActiveDaysWindow (400) days after first seen and before last seen. As of the
/// end of the data that is exact for every cell (N-day and month-N cells lie within 400 days after first seen; the
/// activity window lies within 400 days before last seen). As of a day inside the data, a user's days between
/// first + 400 and last - 400 may be trimmed, so those cases import with a window covering the datasets' span.
/// </summary>
public sealed class RetentionCrossCheckTests
{
    private static readonly RetentionOptions Options = new();
    private static readonly DateTimeOffset ImportClock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [PandasCrossCheckTheory]
    [InlineData("lastfm", "2010-06-15", true)] // as-of inside the data: recent cells are incomplete
    [InlineData("lastfm", "2011-12-31", false)]
    [InlineData("amazon", "2013-03-10", true)]
    [InlineData("amazon", "2014-12-31", false)]
    public async Task Tables_equal_the_independent_pandas_computation(string dataset, string asOfText, bool asOfInsideData)
    {
        var asOf = DateOnly.ParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var input = dataset == "lastfm" ? CrossCheckEnvironment.LastFmTaggings : CrossCheckEnvironment.AmazonReviews;
        var activityFrom = asOf.AddDays(-89);
        var limits = asOfInsideData ? new ProfileLimits { ActiveDaysWindow = 4_000 } : new ProfileLimits();

        var (profiles, firstDay) = await ImportAsync(dataset, input, limits);
        var job = new RetentionJobOptions
        {
            DailyCohortDays = asOf.DayNumber - firstDay.DayNumber + 1,
            CohortMonths = ((asOf.Year - firstDay.Year) * 12) + asOf.Month - firstDay.Month + 1,
            ActivityDays = 90,
        };
        var reports = new InMemoryReportStore();
        var clock = new FixedTimeProvider(ImportClock);
        var retentionJob = new RetentionJob(new RetentionCalculator(profiles, Options, job, clock), new RetentionReportWriter(reports, new InMemoryBlobStore()), job, NullLogger<RetentionJob>.Instance);
        await retentionJob.RunAsync(asOf);
        var daily = ReportRows.Daily(reports.Reports[(ReportKind.Daily, asOf)].RowsJson);
        var monthly = ReportRows.Monthly(reports.Reports[(ReportKind.Monthly, asOf)].RowsJson);
        var activity = ReportRows.Activity(reports.Reports[(ReportKind.Activity, asOf)].RowsJson);

        var expected = RunPandas(dataset, input, asOf, activityFrom);

        var dailyActual = daily.Select(r => Cells(r.Cohort, r.Day, r.CohortSize, r.Retained, r.RetainedOrLater, r.RetentionRate, r.UnboundedRate));
        var monthlyActual = monthly.Select(r => Cells(r.CohortMonth, r.Month, r.CohortSize, r.Retained, r.RetainedOrLater, r.RetentionRate, r.UnboundedRate));
        var activityActual = activity.Select(r => string.Join(',', Iso(r.Day), r.Dau, r.Wau, r.Mau));
        AssertSameRows("daily", PandasCells(expected["daily.csv"]), dailyActual);
        AssertSameRows("monthly", PandasCells(expected["monthly.csv"]), monthlyActual);
        AssertSameRows("activity", expected["activity.csv"].Skip(1), activityActual);
        Assert.Equal(asOfInsideData, daily.Any(r => r.Retained is null));
    }

    /// <summary>
    /// Reads the raw file through the import parsers (every data line must parse) and ingests the events in chunks,
    /// as <c>import</c> does; the only rejections allowed are timestamps before the contract's MinTimestamp.
    /// </summary>
    private static async Task<(InMemoryProfileStore Profiles, DateOnly FirstDay)> ImportAsync(string dataset, string path, ProfileLimits limits)
    {
        var eventLimits = new EventLimits();
        var profiles = new InMemoryProfileStore();
        var ingestion = new EventIngestion(
            new EventBatchReader(eventLimits, new FixedTimeProvider(ImportClock)),
            new ProfileAggregator(limits),
            profiles,
            new InMemoryItemCatalog(),
            Microsoft.Extensions.Options.Options.Create(new IngestionOptions()),
            TimeProvider.System,
            new Longview.Core.Privacy.UserIdHash(salt: null),
            NullLogger<EventIngestion>.Instance);
        var parseErrors = new List<EventError>();
        var rejected = new List<EventError>();
        var chunk = new List<UserEvent>(5_000);
        long parsedEvents = 0, accepted = 0, early = 0;
        var firstDay = DateOnly.MaxValue;
        var index = 0;
        async Task FlushAsync()
        {
            var report = await ingestion.IngestAsync(chunk);
            accepted += report.Accepted + report.Duplicates;
            rejected.AddRange(report.Rejected);
            chunk.Clear();
        }
        foreach (var line in File.ReadLines(path))
        {
            index++;
            if (line.Length == 0 || (dataset == "lastfm" && index == 1 && LastFmTaggingFormat.IsHeader(line)))
            {
                continue;
            }
            var parsed = dataset == "lastfm"
                ? LastFmTaggingFormat.TryParse(line, index, out var e, out var error)
                : AmazonReviewsFormat.TryParse(line, index, out e, out error);
            if (!parsed)
            {
                parseErrors.Add(error!);
                continue;
            }
            parsedEvents++;
            if (e!.Timestamp < eventLimits.MinTimestamp)
            {
                early++;
            }
            else
            {
                var day = DateOnly.FromDateTime(e.Timestamp.UtcDateTime);
                firstDay = day < firstDay ? day : firstDay;
            }
            chunk.Add(e);
            if (chunk.Count == 5_000)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        Assert.True(parseErrors.Count == 0, $"{parseErrors.Count} lines refused, first: {parseErrors.FirstOrDefault()}");
        Assert.Equal(dataset == "lastfm" ? 186_478 : 10_261, parsedEvents); // every record of the files (shared/data/README.md)
        Assert.Equal(dataset == "lastfm" ? 5 : 0, early);
        Assert.Equal(early, rejected.Count);
        Assert.All(rejected, r => Assert.Equal("timestamp", r.Field));
        Assert.Equal(parsedEvents - early, accepted);
        return (profiles, firstDay);
    }

    private static Dictionary<string, string[]> RunPandas(string dataset, string input, DateOnly asOf, DateOnly activityFrom)
    {
        var outDir = Directory.CreateTempSubdirectory("longview-crosscheck-").FullName;
        try
        {
            var script = Path.Combine(CrossCheckEnvironment.RepositoryRoot(), "tests", "retention", "crosscheck.py");
            var start = new ProcessStartInfo(CrossCheckEnvironment.Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                script, "--dataset", dataset, "--input", input, "--as-of", Iso(asOf),
                "--days", string.Join(',', Options.Days), "--months", Options.Months.ToString(CultureInfo.InvariantCulture),
                "--activity-from", Iso(activityFrom), "--out-dir", outDir,
            })
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment["OPENBLAS_NUM_THREADS"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "crosscheck.py did not finish within 3 minutes");
            Assert.True(process.ExitCode == 0, $"crosscheck.py exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
            return new[] { "daily.csv", "monthly.csv", "activity.csv" }
                .ToDictionary(name => name, name => File.ReadAllLines(Path.Combine(outDir, name)));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>pandas writes counts only; the rates it implies are counts / size, computed here the same way.</summary>
    private static IEnumerable<string> PandasCells(string[] lines) => lines.Skip(1).Select(line =>
    {
        var f = line.Split(',');
        var size = long.Parse(f[2], CultureInfo.InvariantCulture);
        long? Count(string cell) => cell.Length == 0 ? null : long.Parse(cell, CultureInfo.InvariantCulture);
        var retained = Count(f[3]);
        var later = Count(f[4]);
        return Cells(DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
            size, retained, later, (double?)retained / size, (double?)later / size);
    });

    private static string Cells(DateOnly cohort, int n, long size, long? retained, long? later, double? rate, double? unboundedRate) =>
        string.Join(',', Iso(cohort), n, size, retained?.ToString(CultureInfo.InvariantCulture) ?? "",
            later?.ToString(CultureInfo.InvariantCulture) ?? "", rate?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            unboundedRate?.ToString("R", CultureInfo.InvariantCulture) ?? "");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AssertSameRows(string table, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var want = expected.ToList();
        var got = actual.ToList();
        var missing = want.Except(got).Take(10).ToList();
        var extra = got.Except(want).Take(10).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && want.Count == got.Count,
            $"{table}: pandas has {want.Count} rows, Longview {got.Count}\n  only in pandas: {string.Join("\n    ", missing)}\n  only in Longview: {string.Join("\n    ", extra)}");
        Assert.Equal(want, got); // same order too: cohorts ascending, then N ascending
    }
}
