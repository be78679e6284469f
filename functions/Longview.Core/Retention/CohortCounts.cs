namespace Longview.Core.Retention;

/// <summary>
/// The counters behind a cohort table (daily or monthly): users per cohort and, per (cohort, period) cell, users active
/// in exactly that period and in it or later. One place for the arithmetic both tables share, merge included.
/// </summary>
internal sealed class CohortCounts(int cohorts, int periods)
{
    public long[] Size { get; } = new long[cohorts];

    public long[] Retained { get; } = new long[cohorts * periods];

    public long[] RetainedOrLater { get; } = new long[cohorts * periods];

    public long UsersCounted { get; private set; }

    public long UsersOutsideRange { get; private set; }

    public void CountOutside() => UsersOutsideRange++;

    public void CountUser(int cohort)
    {
        Size[cohort]++;
        UsersCounted++;
    }

    /// <summary>Adds <paramref name="other"/>'s counts; the caller has checked both describe the same table.</summary>
    public void Merge(CohortCounts other)
    {
        for (var i = 0; i < Size.Length; i++)
        {
            Size[i] += other.Size[i];
        }
        for (var i = 0; i < Retained.Length; i++)
        {
            Retained[i] += other.Retained[i];
            RetainedOrLater[i] += other.RetainedOrLater[i];
        }
        UsersCounted += other.UsersCounted;
        UsersOutsideRange += other.UsersOutsideRange;
    }
}
