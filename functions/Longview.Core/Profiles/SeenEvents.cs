using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The bounded record of applied activity eventIds (<see cref="Activity"/>): the newest entries by (UTC ticks, XxHash64 of
/// the eventId). Keeping "the top N by a fixed key" makes insertion commutative and idempotent, so the record is the same
/// whatever the order. Impressions are not kept here: the profile's impressions window keeps their hashes
/// (<see cref="UserProfile.Impressions"/>, <see cref="ProfileLimits.MaxRecentImpressions"/>). Records of format 2 (see
/// <see cref="ProfileFormat"/>) flagged impression entries (bit 62 of the ticks), a second copy of that window's hashes;
/// they are dropped as the record is read.
/// </summary>
[JsonConverter(typeof(SeenEventsJsonConverter))]
public sealed class SeenEvents
{
    /// <summary>Bytes of one stored entry: the ticks (bit 62: passive, format 2 only) and the hash, little endian.</summary>
    public const int RecordBytes = 16;

    // A few lookups (the ten impressions of a served list) scan the entries; more on one profile (an import, a large
    // batch) build a hash set once.
    private const int LookupsBeforeSet = 32;

    // The entries in their stored form, sorted ascending by (ticks, hash): entry 0 is the oldest, the first to go. Kept
    // as bytes because every request decodes a profile and every served list rewrites one, while only ingestion looks
    // inside: 2,048 entries as key objects were ~100 KiB allocated per read of a full profile (issue 18).
    private byte[] _records = [];
    private int _count;

    // Passive entries are only ever present while a format 1 profile is upgraded (MarkPassive, then DropPassive).
    private int _passive;
    private int _lookups;
    private HashSet<ulong>? _hashes;

    public int Count => _count;

    /// <summary>Remembered activity events.</summary>
    public int ActivityCount => _count - _passive;

    /// <summary>The oldest remembered event time, null when empty.</summary>
    public DateTimeOffset? Oldest => _count == 0 ? null : new DateTimeOffset(KeyAt(0).Ticks, TimeSpan.Zero);

    /// <summary>UTC times of the remembered events, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Times => Enumerable.Range(0, _count).Select(i => new DateTimeOffset(KeyAt(i).Ticks, TimeSpan.Zero));

    /// <summary>
    /// The time before which this record may have forgotten activity, null while it cannot have: its oldest entry once
    /// it holds <paramref name="activityCapacity"/>.
    /// </summary>
    public DateTimeOffset? ActivityForgottenBefore(int activityCapacity) =>
        ActivityCount >= activityCapacity && _count > 0 ? new DateTimeOffset(KeyAt(0).Ticks, TimeSpan.Zero) : null;

    /// <summary>UTC times of the remembered events that were activity (not passive), oldest first.</summary>
    public IEnumerable<DateTimeOffset> ActivityTimes =>
        Enumerable.Range(0, _count).Select(KeyAt).Where(k => !k.Passive).Select(k => new DateTimeOffset(k.Ticks, TimeSpan.Zero));

    /// <summary>The entries as stored (<see cref="RecordBytes"/> each, oldest first).</summary>
    internal ReadOnlySpan<byte> Records => _records.AsSpan(0, _count * RecordBytes);

    internal static SeenKey KeyOf(string eventId, DateTimeOffset timestamp) => new(timestamp.UtcTicks, HashOf(eventId));

    /// <summary>The 64-bit hash an eventId is remembered by, here, in the impressions window and in the recent sequence.</summary>
    internal static ulong HashOf(string eventId)
    {
        Span<byte> utf8 = stackalloc byte[512];
        var bytes = eventId.Length * 3 <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(eventId, utf8)] : Encoding.UTF8.GetBytes(eventId);
        return XxHash64.HashToUInt64(bytes);
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
    }

    /// <summary>Forgets the passive entries (the last step of reading a profile of format 1, see <see cref="ProfileFormat"/>).</summary>
    internal void DropPassive()
    {
        var write = 0;
        for (var read = 0; read < _count; read++)
        {
            if (IsPassiveAt(read))
            {
                continue;
            }
            if (write != read)
            {
                Array.Copy(_records, read * RecordBytes, _records, write * RecordBytes, RecordBytes);
            }
            write++;
        }
        _count = write;
        _passive = 0;
        _hashes = null;
        _lookups = 0;
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

    /// <summary>True when the record holds <paramref name="capacity"/> entries and <paramref name="key"/> is older than all of them.</summary>
    internal bool IsBeyondHorizon(SeenKey key, int capacity) => _count >= capacity && _count > 0 && key.CompareTo(KeyAt(0)) < 0;

    internal void Add(SeenKey key, int capacity)
    {
        var index = Search(key);
        if (index >= 0)
        {
            return;
        }

        index = ~index;
        if (_count == capacity && index > 0)
        {
            // Full (the steady state of an active user): the oldest goes and the new entry takes its place in order, in
            // the same array. Growing it first would allocate twice the record on every write.
            _hashes?.Remove(HashAt(0));
            Array.Copy(_records, RecordBytes, _records, 0, (index - 1) * RecordBytes);
            Write(index - 1, key);
            _hashes?.Add(key.Hash);
            return;
        }
        if ((_count + 1) * RecordBytes > _records.Length)
        {
            Array.Resize(ref _records, Math.Max(16 * RecordBytes, _records.Length * 2));
        }
        Array.Copy(_records, index * RecordBytes, _records, (index + 1) * RecordBytes, (_count - index) * RecordBytes);
        Write(index, key);
        _count++;
        _hashes?.Add(key.Hash);
        Trim(capacity);
    }

    /// <summary>Drops the oldest entries beyond <paramref name="capacity"/> in one move (a lowered bound may leave many).</summary>
    private void Trim(int capacity)
    {
        var excess = _count - capacity;
        if (excess <= 0)
        {
            return;
        }
        for (var i = 0; i < excess; i++)
        {
            _hashes?.Remove(HashAt(i));
        }
        Array.Copy(_records, excess * RecordBytes, _records, 0, capacity * RecordBytes);
        _count = capacity;
    }

    /// <summary>
    /// A record read from storage (<see cref="RecordBytes"/> per entry); entries out of order are sorted, and the
    /// impression entries a format 2 record flagged are dropped (the impressions window holds their hashes).
    /// </summary>
    internal static SeenEvents FromRecords(ReadOnlySpan<byte> records)
    {
        if (records.Length % RecordBytes != 0)
        {
            throw new JsonException($"seen event keys must be a multiple of {RecordBytes} bytes");
        }
        var seen = new SeenEvents { _records = records.ToArray(), _count = records.Length / RecordBytes };
        // Stored records are already in order: check in the pass that looks for flagged entries rather than pay for a sort on every read.
        var sorted = true;
        var flagged = false;
        for (var i = 0; i < seen._count; i++)
        {
            flagged |= seen.IsPassiveAt(i);
            sorted &= i == 0 || seen.KeyAt(i - 1).CompareTo(seen.KeyAt(i)) <= 0;
        }
        if (flagged)
        {
            seen.DropPassive();
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
        /// Bit 62 of the stored ticks carried <see cref="Passive"/> in format 2: DateTimeOffset ticks stay below 2^62
        /// (year 9999 is about 3.2e18), so the flag cost no space and the entry stayed 16 bytes.
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
/// endian). Profile format 2 set bit 62 of the ticks for a passive event (format 1 never did; format 3 keeps none).
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
