namespace Longview.Core.Outcomes;

/// <summary>What one run of the daily outcome job stored: the report of the lists served on <paramref name="ServedOn"/>.</summary>
public sealed record OutcomeDaySummary(string AsOf, string ServedOn, long Lists, long OpenLists, long UnmeasuredLists);
