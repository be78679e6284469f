namespace Longview.Infrastructure.Reports;

public sealed class ReportStoreOptions
{
    public const string SectionName = "Longview:Reports";

    /// <summary>The Cosmos container of the reports (pk /kind), as the Bicep names it.</summary>
    public string Container { get; set; } = "reports";
}
