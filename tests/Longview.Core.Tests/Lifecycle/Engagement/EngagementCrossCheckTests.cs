using System.Globalization;
using System.Text.Json.Nodes;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Lifecycle.Engagement;

/// <summary>
/// The engagement rows Longview computes from aggregated profiles equal, row for row, an independent pandas computation
/// from the raw events (tests/lifecycle/engagement_crosscheck.py): random bursty users, every event type, events after
/// the as-of day, timestamps with offsets, and three session gaps.
/// </summary>
public sealed class EngagementCrossCheckTests
{
    [DebianPythonFact("pandas", "pandas")]
    public void Day_and_cohort_rows_equal_pandas_on_random_events()
    {
        foreach (var (seed, gapMinutes, days) in new[] { (1, 30, 5), (2, 10, 9), (3, 60, 1), (4, 30, 12) })
        {
            var events = EngagementProfiles.Random(seed, users: 300, days: 40, maxEventsPerUser: 60);
            // Data run 40 days from 2024-01-30 (two first-seen months and more); the as-of day leaves later events out.
            var asOf = DateOnly.FromDateTime(EngagementProfiles.Start.UtcDateTime).AddDays(25);
            var lifecycle = new LifecycleOptions { SessionGapMinutes = gapMinutes };
            var accumulator = new EngagementAccumulator(lifecycle, new ProfileLimits(), asOf, days);
            foreach (var profile in EngagementProfiles.Aggregate(events))
            {
                accumulator.Add(profile);
            }

            var python = PythonCrossCheck.Run(Path.Combine("lifecycle", "engagement_crosscheck.py"), new JsonObject
            {
                ["as_of"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["days"] = days,
                ["gap_minutes"] = gapMinutes,
                ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
                {
                    ["user"] = e.UserId,
                    ["type"] = e.Type.ToString().ToLowerInvariant(),
                    ["t"] = e.Timestamp.ToUnixTimeSeconds(),
                })]),
            })[0]!;

            var what = $"seed {seed}, gap {gapMinutes}, {days} days";
            Assert.Equal(0, accumulator.PartialUsers);
            var dayRows = accumulator.DayRows();
            var expectedDays = python["days"]!.AsArray();
            Assert.Equal(expectedDays.Count, dayRows.Count);
            Assert.True(dayRows.Sum(r => r.Sessions) > 30 * days, $"{what}: too few sessions to compare ({dayRows.Sum(r => r.Sessions)})");
            for (var i = 0; i < dayRows.Count; i++)
            {
                var (row, py) = (dayRows[i], expectedDays[i]!);
                var at = $"{what}, day {row.Day:yyyy-MM-dd}";
                Assert.Equal((string)py["day"]!, row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Assert.Equal((long)py["active_users"]!, row.ActiveUsers);
                Assert.Equal((long)py["sessions"]!, row.Sessions);
                Close((double)py["sessions_per_active_user"]!, row.SessionsPerActiveUser, at + " sessions per active user");
                Close((double)py["mean_session_minutes"]!, row.MeanSessionMinutes, at + " mean minutes");
                Assert.Equal((double)py["median_session_minutes"]!, row.MedianSessionMinutes);
                Close((double)py["events_per_session"]!, row.EventsPerSession, at + " events per session");
            }

            var cohortRows = accumulator.CohortRows();
            var expectedCohorts = python["cohorts"]!.AsArray();
            Assert.Equal(expectedCohorts.Select(c => (string)c!["cohort"]!), cohortRows.Select(r => r.Cohort));
            Assert.True(cohortRows.Count >= 3, $"{what}: only {cohortRows.Count - 1} first-seen months");
            for (var i = 0; i < cohortRows.Count; i++)
            {
                var (row, py) = (cohortRows[i], expectedCohorts[i]!);
                var at = $"{what}, cohort {row.Cohort}";
                Assert.Equal((long)py["users"]!, row.Users);
                Assert.Equal((long)py["sessions"]!, row.Sessions);
                Close((double)py["sessions_per_user"]!, row.SessionsPerUser, at + " sessions per user");
                Close((double)py["mean_session_minutes"]!, row.MeanSessionMinutes, at + " mean minutes");
                Close((double)py["events_per_session"]!, row.EventsPerSession, at + " events per session");
            }
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: pandas {expected}, Longview {actual}");
}
