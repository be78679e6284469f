using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The bounded record of applied eventIds: the newest entries by (UTC ticks, XxHash64 of the eventId). Keeping "the
/// top N by a fixed key" makes insertion commutative and idempotent, so the record is the same whatever the order.
/// Each entry also says whether its event was passive (an impression, see <see cref="Activity"/>), so sessions can be
/// inferred from activity alone; the flag is not part of the key.
/// </summary>
[JsonConverter(typeof(SeenEventsJsonConverter))]
public sealed class SeenEvents
{
    // Sorted ascending by (ticks, hash): index 0 is the oldest, the first to go.
    private readonly List<SeenKey> _keys = [];
    private HashSet<ulong>? _hashes;

    public int Count => _keys.Count;

    /// <summary>The oldest remembered event time, null when empty.</summary>
    public DateTimeOffset? Oldest => _keys.Count == 0 ? null : new DateTimeOffset(_keys[0].Ticks, TimeSpan.Zero);

    /// <summary>UTC times of the remembered events, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Times => _keys.Select(k => new DateTimeOffset(k.Ticks, TimeSpan.Zero));

    /// <summary>UTC times of the remembered events that were activity (not passive), oldest first.</summary>
    public IEnumerable<DateTimeOffset> ActivityTimes => _keys.Where(k => !k.Passive).Select(k => new DateTimeOffset(k.Ticks, TimeSpan.Zero));

    internal static SeenKey KeyOf(string eventId, DateTimeOffset timestamp, bool passive = false)
    {
        Span<byte> utf8 = stackalloc byte[512];
        var bytes = eventId.Length * 3 <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(eventId, utf8)] : Encoding.UTF8.GetBytes(eventId);
        return new SeenKey(timestamp.UtcTicks, XxHash64.HashToUInt64(bytes), passive);
    }

    /// <summary>Marks the entries whose hash is in <paramref name="hashes"/> as passive (reading a profile of format 1, see <see cref="ProfileFormat"/>).</summary>
    internal void MarkPassive(IReadOnlySet<ulong> hashes)
    {
        for (var i = 0; i < _keys.Count; i++)
        {
            if (hashes.Contains(_keys[i].Hash))
            {
                _keys[i] = _keys[i] with { Passive = true };
            }
        }
    }

    internal bool Contains(ulong hash) => Hashes.Contains(hash);

    /// <summary>True when the record is full and <paramref name="key"/> is older than everything it remembers.</summary>
    internal bool IsBeyondHorizon(SeenKey key, int capacity) => _keys.Count >= capacity && key.CompareTo(_keys[0]) < 0;

    internal void Add(SeenKey key, int capacity)
    {
        var index = _keys.BinarySearch(key);
        if (index >= 0)
        {
            return;
        }

        _keys.Insert(~index, key);
        Hashes.Add(key.Hash);
        while (_keys.Count > capacity)
        {
            Hashes.Remove(_keys[0].Hash);
            _keys.RemoveAt(0);
        }
    }

    internal IReadOnlyList<SeenKey> Keys => _keys;

    private HashSet<ulong> Hashes => _hashes ??= HashesOf(_keys);

    // Sized once: every write of a decoded profile builds this set, and growing it by doubling allocated it ~twice.
    private static HashSet<ulong> HashesOf(List<SeenKey> keys)
    {
        var hashes = new HashSet<ulong>(keys.Count + 16);
        foreach (var key in keys)
        {
            hashes.Add(key.Hash);
        }
        return hashes;
    }

    internal static SeenEvents FromSortedKeys(IEnumerable<SeenKey> keys)
    {
        var seen = new SeenEvents();
        seen._keys.AddRange(keys);
        // Stored records are already in order: check in one pass rather than pay for a sort on every read.
        for (var i = 1; i < seen._keys.Count; i++)
        {
            if (seen._keys[i - 1].CompareTo(seen._keys[i]) > 0)
            {
                seen._keys.Sort();
                break;
            }
        }
        return seen;
    }

    /// <summary>The key is (Ticks, Hash); <see cref="Passive"/> rides along and is not compared.</summary>
    internal readonly record struct SeenKey(long Ticks, ulong Hash, bool Passive = false) : IComparable<SeenKey>
    {
        /// <summary>
        /// Bit 62 of the stored ticks carries <see cref="Passive"/>: DateTimeOffset ticks stay below 2^62 (year 9999 is
        /// about 3.2e18), so the flag costs no space and the entry stays 16 bytes.
        /// </summary>
        public const long PassiveBit = 1L << 62;

        public int CompareTo(SeenKey other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : Hash.CompareTo(other.Hash);
        }
    }
}

/// <summary>
/// Stores the record as <c>{"count":n,"oldest":"...","keys":"base64"}</c>, 16 bytes per entry (ticks, hash; little
/// endian), bit 62 of the ticks set for a passive event (profile format 2; format 1 never set it).
/// </summary>
public sealed class SeenEventsJsonConverter : JsonConverter<SeenEvents>
{
    public override SeenEvents Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("seen events must be an object");
        }

        var keys = new List<SeenEvents.SeenKey>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKeys = reader.ValueTextEquals("keys"u8);
            reader.Read();
            if (!isKeys)
            {
                // Skip() refuses partial input (stores read profiles from streams); the value is buffered, so TrySkip succeeds.
                if (!reader.TrySkip())
                {
                    throw new JsonException("truncated profile JSON");
                }
                continue;
            }

            var bytes = reader.GetBytesFromBase64();
            if (bytes.Length % 16 != 0)
            {
                throw new JsonException("seen event keys must be a multiple of 16 bytes");
            }

            for (var i = 0; i < bytes.Length; i += 16)
            {
                var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i));
                keys.Add(new SeenEvents.SeenKey(ticks & ~SeenEvents.SeenKey.PassiveBit, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i + 8)), (ticks & SeenEvents.SeenKey.PassiveBit) != 0));
            }
        }

        return SeenEvents.FromSortedKeys(keys);
    }

    public override void Write(Utf8JsonWriter writer, SeenEvents value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * 16];
        for (var i = 0; i < value.Keys.Count; i++)
        {
            var key = value.Keys[i];
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), key.Passive ? key.Ticks | SeenEvents.SeenKey.PassiveBit : key.Ticks);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((i * 16) + 8), key.Hash);
        }

        writer.WriteStartObject();
        writer.WriteNumber("count", value.Count);
        if (value.Oldest is { } oldest)
        {
            writer.WriteString("oldest", oldest);
        }

        writer.WriteBase64String("keys", bytes);
        writer.WriteEndObject();
    }
}
