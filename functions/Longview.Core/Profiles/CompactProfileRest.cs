using System.Buffers;
using System.Text.Json;
using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// Everything of a <see cref="UserProfile"/> but its three binary sequences, in binary (<see cref="CompactProfileEncoding"/>
/// version 2). Version 1 stored this part as the profile's JSON: reading and writing those few KiB of JSON was ~7 % of a
/// served request's CPU (profile read and impression write; tests/Longview.Benchmarks/README.md, "seventh pass").
/// <see cref="Properties"/> names what it stores, and a test holds it to the profile's JSON properties, so a property
/// added to the profile fails that test until it is stored here.
/// <para>
/// Layout: string userId; varint format; flags byte (1 firstSeen, 2 lastSeen, 4 erasedAt, 8 recentHorizon, 16
/// purchases) and those times in that order; varint n and n int64 counts by event type ordinal; active days; varint
/// count, then per category: string name, flags byte (1 log2Positive, 2 log2Negative) and those doubles; ratings: int64
/// count, double sum, double sum of squares, flags byte (1 min, 2 max) and those doubles; with purchases: int64 count,
/// double total, int64 valued, flags byte (1 first, 2 last) and those times, double first-day total, purchase days.
/// </para>
/// </summary>
internal static class CompactProfileRest
{
    /// <summary>The profile's JSON properties this part stores (the binary sequences are the other three).</summary>
    public static IReadOnlySet<string> Properties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "userId", "format", "firstSeen", "lastSeen", "erasedAt", "recentHorizon", "counts", "activeDays", "affinities", "ratings", "purchases",
    };

    private const byte HasFirstSeen = 1, HasLastSeen = 2, HasErasedAt = 4, HasRecentHorizon = 8, HasPurchases = 16;
    private const byte First = 1, Second = 2;

    public static void Write(ArrayBufferWriter<byte> buffer, UserProfile profile)
    {
        CompactWriter.String(buffer, profile.UserId);
        CompactWriter.Varint(buffer, profile.Format);
        CompactWriter.Byte(buffer, (byte)((profile.FirstSeen is null ? 0 : HasFirstSeen) | (profile.LastSeen is null ? 0 : HasLastSeen)
            | (profile.ErasedAt is null ? 0 : HasErasedAt) | (profile.RecentHorizon is null ? 0 : HasRecentHorizon) | (profile.Purchases is null ? 0 : HasPurchases)));
        foreach (var time in (ReadOnlySpan<DateTimeOffset?>)[profile.FirstSeen, profile.LastSeen, profile.ErasedAt, profile.RecentHorizon])
        {
            if (time is { } t)
            {
                CompactWriter.Time(buffer, t);
            }
        }

        CompactWriter.Varint(buffer, EventTypes.All.Count);
        for (var i = 0; i < EventTypes.All.Count; i++)
        {
            CompactWriter.Int64(buffer, profile.Counts[(EventType)i]);
        }
        CompactWriter.Days(buffer, profile.ActiveDays);

        CompactWriter.Varint(buffer, profile.Affinities.Count);
        foreach (var (category, affinity) in profile.Affinities)
        {
            CompactWriter.String(buffer, category);
            Optional(buffer, affinity.Log2Positive, affinity.Log2Negative);
        }

        CompactWriter.Int64(buffer, profile.Ratings.Count);
        CompactWriter.Double(buffer, profile.Ratings.Sum);
        CompactWriter.Double(buffer, profile.Ratings.SumOfSquares);
        Optional(buffer, profile.Ratings.Min, profile.Ratings.Max);

        if (profile.Purchases is { } purchases)
        {
            CompactWriter.Int64(buffer, purchases.Count);
            CompactWriter.Double(buffer, purchases.Total);
            CompactWriter.Int64(buffer, purchases.Valued);
            CompactWriter.Byte(buffer, (byte)((purchases.First is null ? 0 : First) | (purchases.Last is null ? 0 : Second)));
            if (purchases.First is { } first)
            {
                CompactWriter.Time(buffer, first);
            }
            if (purchases.Last is { } last)
            {
                CompactWriter.Time(buffer, last);
            }
            CompactWriter.Double(buffer, purchases.FirstDayTotal);
            CompactWriter.Days(buffer, purchases.Days);
        }
    }

    public static UserProfile Read(ref CompactReader reader)
    {
        var profile = new UserProfile { UserId = reader.String() };
        profile.Format = reader.Varint();
        var flags = reader.Flags(HasFirstSeen | HasLastSeen | HasErasedAt | HasRecentHorizon | HasPurchases, "the profile");
        profile.FirstSeen = (flags & HasFirstSeen) != 0 ? reader.Time() : null;
        profile.LastSeen = (flags & HasLastSeen) != 0 ? reader.Time() : null;
        profile.ErasedAt = (flags & HasErasedAt) != 0 ? reader.Time() : null;
        profile.RecentHorizon = (flags & HasRecentHorizon) != 0 ? reader.Time() : null;

        // A later version may count more event types: the ones this version knows are read, the others skipped.
        var types = reader.Count(minBytesEach: 8);
        for (var i = 0; i < types; i++)
        {
            var count = reader.Int64();
            if (i < EventTypes.All.Count)
            {
                profile.Counts[(EventType)i] = count;
            }
        }
        profile.ActiveDays = reader.Days();

        var categories = reader.Count(minBytesEach: 2);
        var affinities = new SortedDictionary<string, CategoryAffinity>(StringComparer.Ordinal);
        for (var i = 0; i < categories; i++)
        {
            var category = reader.String();
            var (positive, negative) = Optional(ref reader, "a category affinity");
            if (!affinities.TryAdd(category, new CategoryAffinity { Log2Positive = positive, Log2Negative = negative }))
            {
                throw new JsonException("the compact profile holds a category twice");
            }
        }
        profile.Affinities = affinities;

        profile.Ratings.Count = reader.Int64();
        profile.Ratings.Sum = reader.Double();
        profile.Ratings.SumOfSquares = reader.Double();
        (profile.Ratings.Min, profile.Ratings.Max) = Optional(ref reader, "the ratings");

        if ((flags & HasPurchases) != 0)
        {
            var purchases = new PurchaseStats { Count = reader.Int64(), Total = reader.Double(), Valued = reader.Int64() };
            var times = reader.Flags(First | Second, "the purchases");
            purchases.First = (times & First) != 0 ? reader.Time() : null;
            purchases.Last = (times & Second) != 0 ? reader.Time() : null;
            purchases.FirstDayTotal = reader.Double();
            purchases.Days = reader.Days();
            profile.Purchases = purchases;
        }
        return profile;
    }

    private static void Optional(ArrayBufferWriter<byte> buffer, double? first, double? second)
    {
        CompactWriter.Byte(buffer, (byte)((first is null ? 0 : First) | (second is null ? 0 : Second)));
        if (first is { } a)
        {
            CompactWriter.Double(buffer, a);
        }
        if (second is { } b)
        {
            CompactWriter.Double(buffer, b);
        }
    }

    private static (double? First, double? Second) Optional(ref CompactReader reader, string what)
    {
        var flags = reader.Flags(First | Second, what);
        double? first = (flags & First) != 0 ? reader.Double() : null;
        double? second = (flags & Second) != 0 ? reader.Double() : null;
        return (first, second);
    }
}
