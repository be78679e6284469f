using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionAccumulatorProperties
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);
    private static readonly RetentionJobOptions Job = new() { DailyCohortDays = 120, CohortMonths = 6, ActivityDays = 60 };

    /// <summary>Fan-out over any split of the users, then merge, gives exactly the single-pass reports.</summary>
    [Property(MaxTest = 200)]
    public Property Merging_partial_accumulators_equals_one_pass() =>
        Prop.ForAll(Users().ToArbitrary(), Gen.Choose(0, 40).ToArbitrary(), (users, splitAt) =>
        {
            var whole = new RetentionAccumulator(new RetentionOptions(), Job, AsOf);
            var left = new RetentionAccumulator(new RetentionOptions(), Job, AsOf);
            var right = new RetentionAccumulator(new RetentionOptions(), Job, AsOf);
            for (var i = 0; i < users.Length; i++)
            {
                whole.Add(users[i]);
                (i < splitAt ? left : right).Add(users[i]);
            }
            left.Merge(right);
            var now = DateTimeOffset.UnixEpoch;
            var a = whole.Reports(now);
            var b = left.Reports(now);
            return a.Daily.SequenceEqual(b.Daily) && a.Monthly.SequenceEqual(b.Monthly) && a.Activity.SequenceEqual(b.Activity)
                && a.Segments == b.Segments && a.Segments.Total == users.Count(u => u.FirstSeenDay <= AsOf);
        });

    private static Gen<UserActivity[]> Users() =>
        from count in Gen.Choose(0, 40)
        from users in Gen.ArrayOf(User(), count)
        select users.Select((u, i) => u with { UserId = $"u{i}" }).ToArray();

    private static Gen<UserActivity> User() =>
        from offsets in Gen.ArrayOf(Gen.Choose(-200, 20), 3)
        select UserActivity.FromDays("u", offsets.Select(o => AsOf.AddDays(o)));
}
