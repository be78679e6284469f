using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The bounded record of applied eventIds: the newest entries by (UTC ticks, XxHash64 of the eventId), bounded per
/// kind: activity and passive events (impressions, see <see cref="Activity"/>) each keep their own newest N. Keeping
/// "the top N by a fixed key" makes insertion commutative and idempotent, so the record is the same whatever the order.
/// Each entry says whether its event was passive, so sessions can be inferred from activity alone; the flag is not part
/// of the key. Two bounds, not one: a served list adds ten impressions, so under one bound the system's own exposure
/// pushed what the user did out of the record (and out of the dedup horizon) after ~200 lists.
/// </summary>
[JsonConverter(typeof(SeenEventsJsonConverter))]
public sealed class SeenEvents
{
    /// <summary>Bytes of one stored entry: the ticks (bit 62: passive) and the hash, little endian.</summary>
    public const int RecordBytes = 16;

    // A few lookups (the ten impressions of a served list) scan the entries; more on one profile (an import, a large
    // batch) build a hash set once.
    private const int LookupsBeforeSet = 32;

    // The entries in their stored form, sorted ascending by (ticks, hash): entry 0 is the oldest, the first to go. Kept
    // as bytes because every request decodes a profile and every served list rewrites one, while only ingestion looks
    // inside: 2,048 entries as key objects were ~100 KiB allocated per read of a full profile (issue 18).
    private byte[] _records = [];
    private int _count;
    private int _passive;

    // Index of the oldest passive entry (-1: none), null while unknown. Impressions are the newest entries of a served
    // user's record, so finding the oldest one scans all the activity before it; each impression asks twice (horizon,
    // then add), and its in-place add knows where the next oldest one starts.
    private int? _firstPassive;
    private int _lookups;
    private HashSet<ulong>? _hashes;

    public int Count => _count;

    /// <summary>Remembered activity events (each kind has its own bound).</summary>
    public int ActivityCount => CountOf(passive: false);

    /// <summary>Remembered passive events (impressions).</summary>
    public int PassiveCount => _passive;

    /// <summary>The oldest remembered event time, null when empty.</summary>
    public DateTimeOffset? Oldest => _count == 0 ? null : new DateTimeOffset(KeyAt(0).Ticks, TimeSpan.Zero);

    /// <summary>UTC times of the remembered events, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Times => Enumerable.Range(0, _count).Select(i => new DateTimeOffset(KeyAt(i).Ticks, TimeSpan.Zero));

    /// <summary>
    /// The time before which this record may have forgotten activity, null while it cannot have: the oldest remembered
    /// activity once activity fills its bound, and the oldest entry of a record full in total (records written while
    /// both kinds shared one bound lost activity to impressions that way); the later of the two when both apply.
    /// </summary>
    public DateTimeOffset? ActivityForgottenBefore(int activityCapacity)
    {
        long? cut = null;
        if (ActivityCount >= activityCapacity && FirstOf(passive: false) is var first and >= 0)
        {
            cut = KeyAt(first).Ticks;
        }
        if (_count >= activityCapacity && _count > 0)
        {
            cut = Math.Max(cut ?? long.MinValue, KeyAt(0).Ticks);
        }
        return cut is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>UTC times of the remembered events that were activity (not passive), oldest first.</summary>
    public IEnumerable<DateTimeOffset> ActivityTimes =>
        Enumerable.Range(0, _count).Select(KeyAt).Where(k => !k.Passive).Select(k => new DateTimeOffset(k.Ticks, TimeSpan.Zero));

    /// <summary>The entries as stored (<see cref="RecordBytes"/> each, oldest first).</summary>
    internal ReadOnlySpan<byte> Records => _records.AsSpan(0, _count * RecordBytes);

    internal static SeenKey KeyOf(string eventId, DateTimeOffset timestamp, bool passive = false)
    {
        Span<byte> utf8 = stackalloc byte[512];
        var bytes = eventId.Length * 3 <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(eventId, utf8)] : Encoding.UTF8.GetBytes(eventId);
        return new SeenKey(timestamp.UtcTicks, XxHash64.HashToUInt64(bytes), passive);
    }

    /// <summary>Marks the entries whose hash is in <paramref name="hashes"/> as passive (reading a profile of format 1, see <see cref="ProfileFormat"/>).</summary>
    internal void MarkPassive(IReadOnlySet<ulong> hashes)
    {
        for (var i = 0; i < _count; i++)
        {
            var key = KeyAt(i);
            if (hashes.Contains(key.Hash) && !key.Passive)
            {
                Write(i, key with { Passive = true });
                _passive++;
            }
        }
        _firstPassive = null;
    }

    internal bool Contains(ulong hash)
    {
        if (_hashes is null && ++_lookups > LookupsBeforeSet)
        {
            _hashes = new HashSet<ulong>(_count + 16);
            for (var i = 0; i < _count; i++)
            {
                _hashes.Add(HashAt(i));
            }
        }
        if (_hashes is not null)
        {
            return _hashes.Contains(hash);
        }
        for (var i = 0; i < _count; i++)
        {
            if (HashAt(i) == hash)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the key's kind fills its bound and <paramref name="key"/> is older than everything of that kind it remembers.</summary>
    internal bool IsBeyondHorizon(SeenKey key, int activityCapacity, int passiveCapacity)
    {
        var capacity = key.Passive ? passiveCapacity : activityCapacity;
        return CountOf(key.Passive) >= capacity && FirstOf(key.Passive) is var oldest and >= 0 && key.CompareTo(KeyAt(oldest)) < 0;
    }

    internal void Add(SeenKey key, int activityCapacity, int passiveCapacity)
    {
        var index = Search(key);
        if (index >= 0)
        {
            return;
        }

        index = ~index;
        var capacity = key.Passive ? passiveCapacity : activityCapacity;
        if (CountOf(key.Passive) == capacity && FirstOf(key.Passive) is var oldest and >= 0 && oldest < index)
        {
            // Full for its kind (the steady state of an active user): the oldest of the kind goes and the new entry takes
            // its place in order, in the same array. Growing it first would allocate twice the record on every write.
            _hashes?.Remove(HashAt(oldest));
            Array.Copy(_records, (oldest + 1) * RecordBytes, _records, oldest * RecordBytes, (index - 1 - oldest) * RecordBytes);
            Write(index - 1, key);
            _hashes?.Add(key.Hash);
            // Everything before the removed entry is still activity; after an activity eviction the shift moved it.
            _firstPassive = key.Passive ? Scan(passive: true, from: oldest) : null;
            return;
        }
        if ((_count + 1) * RecordBytes > _records.Length)
        {
            Array.Resize(ref _records, Math.Max(16 * RecordBytes, _records.Length * 2));
        }
        Array.Copy(_records, index * RecordBytes, _records, (index + 1) * RecordBytes, (_count - index) * RecordBytes);
        Write(index, key);
        _count++;
        _passive += key.Passive ? 1 : 0;
        _hashes?.Add(key.Hash);
        _firstPassive = null;
        Trim(key.Passive, capacity);
    }

    /// <summary>Drops the oldest entries of one kind beyond <paramref name="capacity"/>, in one pass (a record from before the bound, or a lowered bound, may exceed it by many).</summary>
    private void Trim(bool passive, int capacity)
    {
        var excess = CountOf(passive) - capacity;
        if (excess <= 0)
        {
            return;
        }
        var write = 0;
        for (var read = 0; read < _count; read++)
        {
            if (excess > 0 && IsPassiveAt(read) == passive)
            {
                _hashes?.Remove(HashAt(read));
                excess--;
                continue;
            }
            if (write != read)
            {
                Array.Copy(_records, read * RecordBytes, _records, write * RecordBytes, RecordBytes);
            }
            write++;
        }
        _passive -= passive ? _count - write : 0;
        _count = write;
        _firstPassive = null;
    }

    private int CountOf(bool passive) => passive ? _passive : _count - _passive;

    /// <summary>Index of the oldest entry of the kind, -1 when there is none.</summary>
    private int FirstOf(bool passive)
    {
        if (!passive)
        {
            return Scan(passive: false, from: 0);
        }
        return _firstPassive ??= Scan(passive: true, from: 0);
    }

    private int Scan(bool passive, int from)
    {
        for (var i = from; i < _count; i++)
        {
            if (IsPassiveAt(i) == passive)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A record read from storage (<see cref="RecordBytes"/> per entry); entries out of order are sorted.</summary>
    internal static SeenEvents FromRecords(ReadOnlySpan<byte> records)
    {
        if (records.Length % RecordBytes != 0)
        {
            throw new JsonException($"seen event keys must be a multiple of {RecordBytes} bytes");
        }
        var seen = new SeenEvents { _records = records.ToArray(), _count = records.Length / RecordBytes };
        // Stored records are already in order: check in the pass that counts the kinds rather than pay for a sort on every read.
        var sorted = true;
        for (var i = 0; i < seen._count; i++)
        {
            seen._passive += seen.IsPassiveAt(i) ? 1 : 0;
            sorted &= i == 0 || seen.KeyAt(i - 1).CompareTo(seen.KeyAt(i)) <= 0;
        }
        if (!sorted)
        {
            var keys = Enumerable.Range(0, seen._count).Select(seen.KeyAt).ToArray();
            Array.Sort(keys);
            for (var k = 0; k < keys.Length; k++)
            {
                seen.Write(k, keys[k]);
            }
        }
        return seen;
    }

    /// <summary>Index of <paramref name="key"/> by (ticks, hash), or the complement of where it would go.</summary>
    private int Search(SeenKey key)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = KeyAt(middle).CompareTo(key);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ~low;
    }

    private bool IsPassiveAt(int i) => (BinaryPrimitives.ReadInt64LittleEndian(_records.AsSpan(i * RecordBytes)) & SeenKey.PassiveBit) != 0;

    private ulong HashAt(int i) => BinaryPrimitives.ReadUInt64LittleEndian(_records.AsSpan((i * RecordBytes) + 8));

    private SeenKey KeyAt(int i)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(_records.AsSpan(i * RecordBytes));
        return new SeenKey(ticks & ~SeenKey.PassiveBit, HashAt(i), (ticks & SeenKey.PassiveBit) != 0);
    }

    private void Write(int i, SeenKey key)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_records.AsSpan(i * RecordBytes), key.Passive ? key.Ticks | SeenKey.PassiveBit : key.Ticks);
        BinaryPrimitives.WriteUInt64LittleEndian(_records.AsSpan((i * RecordBytes) + 8), key.Hash);
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

        var seen = new SeenEvents();
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

            seen = SeenEvents.FromRecords(reader.GetBytesFromBase64());
        }

        return seen;
    }

    public override void Write(Utf8JsonWriter writer, SeenEvents value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", value.Count);
        if (value.Oldest is { } oldest)
        {
            writer.WriteString("oldest", oldest);
        }

        writer.WriteBase64String("keys", value.Records);
        writer.WriteEndObject();
    }
}
