using Longview.Core.Import;
using Longview.Core.Lifecycle.Value;
using Longview.Core.Tests.Retention;

namespace Longview.Core.Tests.LifetimeValue;

/// <summary>The CDNOW sample read through the product's import format, split the way the BTYD literature splits it.</summary>
internal static class CdnowSample
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    public static string File => Path.Combine(CrossCheckEnvironment.SharedData(), "cdnow", "CDNOW_sample.txt");

    public static bool Present => System.IO.File.Exists(File);

    public static IReadOnlyList<PurchaseHistories.Purchase> Purchases()
    {
        var format = new CdnowFormat();
        var purchases = new List<PurchaseHistories.Purchase>();
        foreach (var line in System.IO.File.ReadLines(File, format.Encoding))
        {
            var parsed = format.ParseEvent(line);
            Assert.Null(parsed.Error);
            if (parsed.Value is { } e)
            {
                purchases.Add(new(e.UserId, DateOnly.FromDateTime(e.Timestamp.UtcDateTime), e.Value!.Value));
            }
        }
        return purchases;
    }

    /// <summary>Distinct purchase days per customer after the calibration period, up to the end of the holdout.</summary>
    public static Dictionary<string, int> HoldoutPurchaseDays(IEnumerable<PurchaseHistories.Purchase> purchases) =>
        purchases.Where(p => p.Day > CalibrationEnd && p.Day <= HoldoutEnd)
            .GroupBy(p => p.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Day).Distinct().Count(), StringComparer.Ordinal);
}

/// <summary>A fact skipped, with the reason, where the shared CDNOW sample is absent.</summary>
public sealed class CdnowFactAttribute : FactAttribute
{
    public CdnowFactAttribute()
    {
        if (!CdnowSample.Present)
        {
            Skip = $"CDNOW sample not found at {CdnowSample.File} (set LONGVIEW_SHARED_DATA)";
        }
    }
}
