using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Longview.Core.Events;
using Longview.Core.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The stored form of a profile in the embedded (SQLite) store, in binary: serving reads a profile and impression
/// logging rewrites it on every request (issue 18), and parsing and serializing it as JSON were the service's largest
/// costs. The public JSON (profile route, Cosmos documents, snapshots) is unchanged: this is a storage encoding only.
/// <para>
/// Layout (little endian, primitives as in <see cref="CompactWriter"/>): the 4-byte <see cref="Magic"/>; the varint length
/// and bytes of the rest of the profile (<see cref="CompactProfileRest"/>; the length lets a reader that needs only the
/// sequences skip it, as the serve benchmark's Python peer does); varint count, then per recent event: string itemId, time, type byte,
/// flags byte (1: value), double value?, uint64 eventKey; varint count, then per impression: string itemId,
/// time, uint64 eventKey; varint count, then per dedup entry the 16 bytes of its JSON form (ticks, with the passive bit in profile format 2,
/// hash).
/// </para>
/// <see cref="Decode"/> also reads version 2 (recent events with their eventId string, flag 2, instead of the key),
/// version 1 (as 2, with the rest as the profile's JSON) and the JSON document (a document never starts with byte 0), so
/// stores written before read as before and move to the current version on the profile's next write. A profile of an older <see cref="ProfileFormat"/> is upgraded as it is decoded,
/// like the JSON document, once its sequences are in place (the upgrade reads the impressions and the dedup record).
/// </summary>
public static class CompactProfileEncoding
{
    /// <summary>0x00 'L' 'P' and the encoding's version, as written now.</summary>
    public static ReadOnlySpan<byte> Magic => [0x00, (byte)'L', (byte)'P', CurrentVersion];

    private const byte CurrentVersion = 3;

    /// <summary>The version that stored the rest of the profile as JSON.</summary>
    private const byte JsonRestVersion = 1;

    /// <summary>The last version that stored a recent event's eventId (flag <see cref="HasEventId"/>) instead of its key.</summary>
    private const byte EventIdVersion = 2;

    private const byte HasValue = 1;
    private const byte HasEventId = 2;

    private static readonly JsonSerializerOptions RestOptions = CreateRestOptions();

    /// <summary>Largest working buffer a thread keeps between writes (a profile at its limits is ~100 KiB).</summary>
    private const int MaxRetainedBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_body;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_rest;

    /// <summary>True when <paramref name="body"/> is in this encoding (else it is a JSON document).</summary>
    public static bool IsCompact(ReadOnlySpan<byte> body) =>
        body.Length >= Magic.Length && body[..(Magic.Length - 1)].SequenceEqual(Magic[..^1]) && body[Magic.Length - 1] is JsonRestVersion or EventIdVersion or CurrentVersion;

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
        // Every served list rewrites its profile (impression logging), so the working buffer is the thread's own and
        // reused: only the returned body is allocated.
        var rest = Reusable(ref t_rest);
        CompactProfileRest.Write(rest, profile);
        var buffer = Reusable(ref t_body);
        buffer.Write(Magic);
        CompactWriter.Varint(buffer, rest.WrittenCount);
        buffer.Write(rest.WrittenSpan);

        CompactWriter.Varint(buffer, profile.Recent.Count);
        foreach (var e in profile.Recent)
        {
            CompactWriter.String(buffer, e.ItemId);
            CompactWriter.Time(buffer, e.Timestamp);
            var head = buffer.GetSpan(2);
            head[0] = (byte)e.Type;
            head[1] = e.Value is null ? (byte)0 : HasValue;
            buffer.Advance(2);
            if (e.Value is { } value)
            {
                CompactWriter.Double(buffer, value);
            }
            CompactWriter.UInt64(buffer, e.EventKey);
        }

        CompactWriter.Varint(buffer, profile.Impressions.Count);
        foreach (var impression in profile.Impressions)
        {
            CompactWriter.String(buffer, impression.ItemId);
            CompactWriter.Time(buffer, impression.Timestamp);
            CompactWriter.UInt64(buffer, impression.EventKey);
        }

        CompactWriter.Varint(buffer, profile.Seen.Count);
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

        var version = body[Magic.Length - 1];
        var reader = new CompactReader(body[Magic.Length..]);
        var rest = reader.Bytes(reader.Varint());
        var profile = version == JsonRestVersion
            ? JsonSerializer.Deserialize<UserProfile>(rest, RestOptions) ?? throw new JsonException("the compact profile's JSON part is null")
            : ReadRest(rest);

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
            var eventKey = version == CurrentVersion ? reader.UInt64()
                : (flags & HasEventId) != 0 ? SeenEvents.HashOf(reader.String())
                : 0;
            recent.Add(new RecentEvent(itemId, timestamp, (EventType)typeByte, value) { EventKey = eventKey });
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

    private static UserProfile ReadRest(ReadOnlySpan<byte> bytes)
    {
        var reader = new CompactReader(bytes);
        var profile = CompactProfileRest.Read(ref reader);
        return reader.AtEnd ? profile : throw new JsonException("the compact profile's rest has bytes after its last field");
    }

    /// <summary>How version 1 stored the rest: the profile's JSON without the three sequences (the same names and converters otherwise).</summary>
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
}
