using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Lifecycle.Value;
using Longview.Core.Profiles;
using Longview.Core.Tests.Retention;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

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

    /// <summary>
    /// The calibration period's purchases imported through the product's own path (the cdnow format, then
    /// EventIngestion) into an in-memory profile store: the profiles the lifecycle models read.
    /// </summary>
    public static async Task<InMemoryProfileStore> CalibrationProfilesAsync()
    {
        var store = new InMemoryProfileStore();
        var ingestion = new EventIngestion(
            new EventBatchReader(new EventLimits(), new FixedTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))),
            new ProfileAggregator(new ProfileLimits()),
            store,
            new InMemoryItemCatalog(),
            Microsoft.Extensions.Options.Options.Create(new IngestionOptions()),
            TimeProvider.System,
            new Longview.Core.Privacy.UserIdHash(salt: null),
            NullLogger<EventIngestion>.Instance);
        IDatasetFormat format = new CdnowFormat();
        var events = System.IO.File.ReadLines(File).Select((line, i) => format.ParseEvent(line, i + 1).Value!)
            .Where(e => DateOnly.FromDateTime(e.Timestamp.UtcDateTime) <= CalibrationEnd)
            .ToList();
        foreach (var chunk in events.Chunk(2_000))
        {
            Assert.Empty((await ingestion.IngestAsync(chunk)).Rejected);
        }
        return store;
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
