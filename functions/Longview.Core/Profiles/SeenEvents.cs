using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The bounded record of applied eventIds: the newest entries by (UTC ticks, XxHash64 of the eventId). Keeping "the
/// top N by a fixed key" makes insertion commutative and idempotent, so the record is the same whatever the order.
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

    internal static SeenKey KeyOf(string eventId, DateTimeOffset timestamp)
    {
        Span<byte> utf8 = stackalloc byte[512];
        var bytes = eventId.Length * 3 <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(eventId, utf8)] : Encoding.UTF8.GetBytes(eventId);
        return new SeenKey(timestamp.UtcTicks, XxHash64.HashToUInt64(bytes));
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

    private HashSet<ulong> Hashes => _hashes ??= [.. _keys.Select(k => k.Hash)];

    internal static SeenEvents FromSortedKeys(IEnumerable<SeenKey> keys)
    {
        var seen = new SeenEvents();
        seen._keys.AddRange(keys);
        seen._keys.Sort();
        return seen;
    }

    internal readonly record struct SeenKey(long Ticks, ulong Hash) : IComparable<SeenKey>
    {
        public int CompareTo(SeenKey other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : Hash.CompareTo(other.Hash);
        }
    }
}

/// <summary>Stores the record as <c>{"count":n,"oldest":"...","keys":"base64"}</c>, 16 bytes per entry (ticks, hash; little endian).</summary>
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
                keys.Add(new SeenEvents.SeenKey(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i)), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i + 8))));
            }
        }

        return SeenEvents.FromSortedKeys(keys);
    }

    public override void Write(Utf8JsonWriter writer, SeenEvents value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * 16];
        for (var i = 0; i < value.Keys.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), value.Keys[i].Ticks);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((i * 16) + 8), value.Keys[i].Hash);
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
