using System.Globalization;

namespace Longview.Core.Outcomes;

/// <summary>
/// Where the daily outcome job keeps its reports: the blob store the lifecycle job writes to, container
/// <c>outcomes</c>, one JSON <see cref="ListOutcomeReport"/> per serving day (<c>lists/yyyy-MM-dd.json</c>).
/// </summary>
public static class OutcomeBlobs
{
    public const string Container = "outcomes";

    public static string ListsOf(DateOnly servedOn) => "lists/" + servedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".json";
}
