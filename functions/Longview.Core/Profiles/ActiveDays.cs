namespace Longview.Core.Profiles;

/// <summary>The set of UTC days with activity (bounded horizon, compact).</summary>
public sealed class ActiveDays
{
    private readonly SortedSet<DateOnly> _days = [];

    public IReadOnlyCollection<DateOnly> Days => _days;

    public bool Contains(DateOnly day) => _days.Contains(day);

    public void Add(DateOnly day) => _days.Add(day);
}
