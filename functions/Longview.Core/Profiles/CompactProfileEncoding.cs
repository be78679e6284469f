using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Longview.Core.Events;
using Longview.Core.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The stored form of a profile in the embedded (SQLite) store: the three bounded sequences that make up almost all of
/// a profile's bytes and of its parse time (<see cref="UserProfile.Recent"/>, <see cref="UserProfile.Impressions"/>,
/// <see cref="UserProfile.Seen"/>) as fixed binary records, and everything else as the profile's own JSON without
/// them. Serving reads a profile and impression logging rewrites it on every request (issue 18), so the parse and
/// the serialization of those sequences were the service's largest costs; the small rest stays JSON so a property
/// added to <see cref="UserProfile"/> is stored without touching this class. The public JSON (profile route, Cosmos
/// documents, snapshots) is unchanged: this is a storage encoding only.
/// <para>
/// Layout (little endian): the 4-byte <see cref="Magic"/>; varint length and UTF-8 bytes of the rest as JSON; varint
/// count, then per recent event: string itemId, time, type byte, flags byte (1: value, 2: eventId), double value?,
/// string eventId?; varint count, then per impression: string itemId, time, uint64 eventKey; varint count, then per
/// dedup entry the 16 bytes of its JSON form (ticks with the passive bit, hash). A string is a varint byte length and
/// UTF-8; a time is the UTC ticks (int64) and the offset in minutes (int16), so a time reads back exactly as written.
/// </para>
/// <see cref="Decode"/> also reads the JSON document (a document never starts with byte 0), so stores written before
/// this encoding read as before and move to it on the profile's next write. A profile of an older
/// <see cref="ProfileFormat"/> is upgraded as it is decoded, like the JSON document, once its sequences are in place
/// (the upgrade reads the impressions and the dedup record).
/// </summary>
public static class CompactProfileEncoding
{
    /// <summary>0x00 'L' 'P' and the encoding's version.</summary>
    public static ReadOnlySpan<byte> Magic => [0x00, (byte)'L', (byte)'P', 1];

    private const byte HasValue = 1;
    private const byte HasEventId = 2;

    private static readonly JsonSerializerOptions RestOptions = CreateRestOptions();

    // What JsonSerializer.SerializeToUtf8Bytes would use with RestOptions, for the reused writer.
    private static readonly JsonWriterOptions RestWriterOptions = new()
    {
        Encoder = RestOptions.Encoder,
        Indented = RestOptions.WriteIndented,
        MaxDepth = RestOptions.MaxDepth,
    };

    /// <summary>Largest working buffer a thread keeps between writes (a profile at its limits is ~100 KiB).</summary>
    private const int MaxRetainedBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_body;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_rest;

    [ThreadStatic]
    private static Utf8JsonWriter? t_restJson;

    /// <summary>True when <paramref name="body"/> is in this encoding (else it is a JSON document).</summary>
    public static bool IsCompact(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    /// <summary>What to do with an encoded body; the span is the thread's working buffer, valid during the call only.</summary>
    public delegate T BodyHandler<T>(ReadOnlySpan<byte> body);

    public static byte[] Encode(UserProfile profile) => Encode(profile, static body => body.ToArray());

    /// <summary>
    /// Encodes into the thread's working buffer and hands the bytes to <paramref name="handle"/>: a store that copies
    /// them into a pooled buffer (or writes them out) allocates nothing per write.
    /// </summary>
    public static T Encode<T>(UserProfile profile, BodyHandler<T> handle)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(handle);
        // Every served list rewrites its profile (impression logging), so the working buffers are the thread's own and
        // reused: only the returned body is allocated (a fresh writer and the JSON part cost ~25 KiB more per write).
        var rest = Reusable(ref t_rest);
        var json = t_restJson ??= new Utf8JsonWriter(rest, RestWriterOptions);
        json.Reset(rest);
        JsonSerializer.Serialize(json, profile, RestOptions);
        json.Flush();
        var buffer = Reusable(ref t_body);
        buffer.Write(Magic);
        WriteVarint(buffer, rest.WrittenCount);
        buffer.Write(rest.WrittenSpan);

        WriteVarint(buffer, profile.Recent.Count);
        foreach (var e in profile.Recent)
        {
            WriteString(buffer, e.ItemId);
            WriteTime(buffer, e.Timestamp);
            var flags = (byte)((e.Value is null ? 0 : HasValue) | (e.EventId is null ? 0 : HasEventId));
            var head = buffer.GetSpan(2);
            head[0] = (byte)e.Type;
            head[1] = flags;
            buffer.Advance(2);
            if (e.Value is { } value)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), value);
                buffer.Advance(8);
            }
            if (e.EventId is { } eventId)
            {
                WriteString(buffer, eventId);
            }
        }

        WriteVarint(buffer, profile.Impressions.Count);
        foreach (var impression in profile.Impressions)
        {
            WriteString(buffer, impression.ItemId);
            WriteTime(buffer, impression.Timestamp);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), impression.EventKey);
            buffer.Advance(8);
        }

        WriteVarint(buffer, profile.Seen.Count);
        buffer.Write(profile.Seen.Records);
        var result = handle(buffer.WrittenSpan);
        // A thread keeps its buffers unless an unusually large profile grew them.
        if (buffer.Capacity > MaxRetainedBytes)
        {
            t_body = null;
        }
        if (rest.Capacity > MaxRetainedBytes)
        {
            t_rest = null;
            t_restJson = null;
        }
        return result;
    }

    private static ArrayBufferWriter<byte> Reusable(ref ArrayBufferWriter<byte>? buffer)
    {
        buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Reads a profile stored by <see cref="Encode"/> or as a JSON document (either format).</summary>
    /// <exception cref="JsonException">The body is neither a valid compact profile nor a valid profile document.</exception>
    public static UserProfile Decode(ReadOnlySpan<byte> body)
    {
        if (!IsCompact(body))
        {
            return JsonSerializer.Deserialize<UserProfile>(body, LongviewJson.Options) ?? throw new JsonException("the profile document is JSON null");
        }

        var reader = new Reader(body[Magic.Length..]);
        var restLength = reader.Varint();
        var profile = JsonSerializer.Deserialize<UserProfile>(reader.Bytes(restLength), RestOptions) ?? throw new JsonException("the compact profile's JSON part is null");

        var recentCount = reader.Count(minBytesEach: 12);
        var recent = new List<RecentEvent>(recentCount);
        for (var i = 0; i < recentCount; i++)
        {
            var itemId = reader.String();
            var timestamp = reader.Time();
            var typeByte = reader.Byte();
            if (typeByte >= EventTypes.All.Count)
            {
                throw new JsonException($"recent event {i} of the compact profile has an unknown type {typeByte}");
            }
            var flags = reader.Byte();
            double? value = (flags & HasValue) != 0 ? reader.Double() : null;
            var eventId = (flags & HasEventId) != 0 ? reader.String() : null;
            recent.Add(new RecentEvent(itemId, timestamp, (EventType)typeByte, value) { EventId = eventId });
        }

        var impressionCount = reader.Count(minBytesEach: 19);
        var impressions = new List<RecentImpression>(impressionCount);
        for (var i = 0; i < impressionCount; i++)
        {
            impressions.Add(new RecentImpression(reader.String(), reader.Time(), reader.UInt64()));
        }

        var seenCount = reader.Count(minBytesEach: 16);
        var seen = SeenEvents.FromRecords(reader.Bytes(checked(seenCount * SeenEvents.RecordBytes)));
        if (!reader.AtEnd)
        {
            throw new JsonException("the compact profile has bytes after its last section");
        }

        profile.Recent = recent;
        profile.Impressions = impressions;
        profile.Seen = seen;
        ProfileFormat.Upgrade(profile);
        return profile;
    }

    /// <summary>The profile's JSON without the three sequences stored in binary (the same names and converters otherwise).</summary>
    private static JsonSerializerOptions CreateRestOptions()
    {
        var options = new JsonSerializerOptions(LongviewJson.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    info =>
                    {
                        if (info.Type != typeof(UserProfile))
                        {
                            return;
                        }
                        // The format upgrade needs the sequences, which are not in this part: Decode runs it after them.
                        info.OnDeserialized = null;
                        for (var i = info.Properties.Count - 1; i >= 0; i--)
                        {
                            if (info.Properties[i].Name is "recent" or "impressions" or "seen")
                            {
                                info.Properties.RemoveAt(i);
                            }
                        }
                    },
                },
            },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void WriteTime(ArrayBufferWriter<byte> buffer, DateTimeOffset time)
    {
        var span = buffer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], checked((short)time.TotalOffsetMinutes));
        buffer.Advance(10);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var v = (uint)value;
        var n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        buffer.Advance(n);
    }

    /// <summary>Bounds-checked reads; every malformed body ends in a <see cref="JsonException"/> (what stores report for a bad document).</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length < 0 || length > _bytes.Length - _position)
            {
                throw new JsonException("the compact profile is truncated");
            }
            var slice = _bytes.Slice(_position, length);
            _position += length;
            return slice;
        }

        public byte Byte() => Bytes(1)[0];

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

        public DateTimeOffset Time()
        {
            var bytes = Bytes(10);
            var utcTicks = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(bytes[8..]));
            if (utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks || offset.Duration() > TimeSpan.FromHours(14))
            {
                throw new JsonException("the compact profile holds a time out of range");
            }
            return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
        }

        public string String() => Encoding.UTF8.GetString(Bytes(Varint()));

        /// <summary>A count of records of at least <paramref name="minBytesEach"/> bytes: larger than the rest of the body is malformed.</summary>
        public int Count(int minBytesEach)
        {
            var count = Varint();
            return count <= (_bytes.Length - _position) / minBytesEach ? count : throw new JsonException("the compact profile is truncated");
        }

        public int Varint()
        {
            uint result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                result |= (uint)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return result <= int.MaxValue ? (int)result : throw new JsonException("the compact profile holds a malformed length");
                }
            }
            throw new JsonException("the compact profile holds a malformed length");
        }
    }
}
