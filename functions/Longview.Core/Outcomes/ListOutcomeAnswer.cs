namespace Longview.Core.Outcomes;

/// <summary>A range's report and how many of its serving days came from stored daily reports or were computed now.</summary>
public sealed record ListOutcomeAnswer(ListOutcomeReport Report, int StoredDays, int ComputedDays)
{
    /// <summary>"stored", "computed" or "mixed": the <c>X-Longview-Report-Source</c> of the answer.</summary>
    public string Source => ComputedDays == 0 ? "stored" : StoredDays == 0 ? "computed" : "mixed";
}
