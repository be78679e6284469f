using System.Diagnostics;
using System.Globalization;
using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Retention;

/// <summary>
/// Longview's tables computed from the raw dataset files (line parsers -> events -> activity -> accumulators)
/// must equal, cell for cell, those of the independent pandas script tests/retention/crosscheck.py.
/// </summary>
public sealed class RetentionCrossCheckTests
{
    private static readonly RetentionOptions Options = new();

    [PandasCrossCheckTheory]
    [InlineData("lastfm", "2010-06-15", true)] // as-of inside the data: recent cells are incomplete
    [InlineData("lastfm", "2011-12-31", false)]
    [InlineData("amazon", "2013-03-10", true)]
    [InlineData("amazon", "2014-12-31", false)]
    public void Tables_equal_the_independent_pandas_computation(string dataset, string asOfText, bool asOfInsideData)
    {
        var asOf = DateOnly.ParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var input = dataset == "lastfm" ? CrossCheckEnvironment.LastFmTaggings : CrossCheckEnvironment.AmazonReviews;
        var activityFrom = asOf.AddDays(-89);

        var (users, events) = LoadActivity(dataset, input);
        Assert.Equal(dataset == "lastfm" ? 186_478 : 10_261, events); // every record of the files (shared/data/README.md)
        var firstCohort = users.Min(u => u.FirstSeenDay);
        var daily = new DailyRetention(Options, firstCohort, asOf, asOf);
        var monthly = new MonthlyRetention(Options, firstCohort, asOf, asOf);
        var activity = new ActivitySeries(Options, activityFrom, asOf);
        foreach (var user in users)
        {
            daily.Add(user);
            monthly.Add(user);
            activity.Add(user);
        }

        var expected = RunPandas(dataset, input, asOf, activityFrom);

        var dailyActual = daily.Rows().Select(r => Cells(r.Cohort, r.Day, r.CohortSize, r.Retained, r.RetainedOrLater, r.RetentionRate, r.UnboundedRate));
        var monthlyActual = monthly.Rows().Select(r => Cells(r.CohortMonth, r.Month, r.CohortSize, r.Retained, r.RetainedOrLater, r.RetentionRate, r.UnboundedRate));
        var activityActual = activity.Rows().Select(r => string.Join(',', Iso(r.Day), r.Dau, r.Wau, r.Mau));
        AssertSameRows("daily", PandasCells(expected["daily.csv"]), dailyActual);
        AssertSameRows("monthly", PandasCells(expected["monthly.csv"]), monthlyActual);
        AssertSameRows("activity", expected["activity.csv"].Skip(1), activityActual);
        Assert.Equal(asOfInsideData, daily.Rows().Any(r => r.Retained is null));
        Assert.Equal(asOfInsideData, daily.UsersOutsideRange > 0); // users first seen after the as-of day are left out
    }

    /// <summary>Reads the raw file through the import parsers; every data line must parse.</summary>
    private static (List<UserActivity> Users, int Events) LoadActivity(string dataset, string path)
    {
        var collector = new UserActivityCollector();
        var errors = new List<EventError>();
        var index = 0;
        var events = 0;
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
            if (parsed)
            {
                collector.Add(e!);
                events++;
            }
            else
            {
                errors.Add(error!);
            }
        }
        Assert.True(errors.Count == 0, $"{errors.Count} lines refused, first: {errors.FirstOrDefault()}");
        return ([.. collector.Activities()], events);
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
