using System.Text.Json;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// The document envelope: the Core record serialized with <see cref="LongviewJson.Options"/> plus the "id" Cosmos
/// requires (the user id for profiles, the item id for items, escaped where Cosmos forbids a character; see <see cref="CosmosIds"/>), so Core types never carry storage fields. Cosmos'
/// own fields (_etag, _rid, _ts, ...) are ignored on the way back.
/// </summary>
internal static class CosmosDocuments
{
    public static MemoryStream ToStream(UserProfile profile) => WithId(JsonSerializer.SerializeToUtf8Bytes(profile, LongviewJson.Options), CosmosIds.ToDocumentId(profile.UserId));

    public static MemoryStream ToStream(CatalogItem item) => WithId(JsonSerializer.SerializeToUtf8Bytes(item, LongviewJson.Options), CosmosIds.ToDocumentId(item.ItemId));

    public static async ValueTask<T> ReadAsync<T>(Stream content, CancellationToken cancellationToken)
    {
        var json = await BufferAsync(content, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(json.Span);
    }

    /// <summary>
    /// Deserializes from one complete buffer, never from a stream in chunks: a custom converter that calls
    /// <c>Utf8JsonReader.Skip()</c> throws on a partial block ("Cannot skip tokens on partial JSON"), which a
    /// stream read hands it once a document outgrows the serializer's first buffer (about 16 KB).
    /// </summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json, LongviewJson.Options)
        ?? throw new JsonException($"Cosmos returned a null {typeof(T).Name} document.");

    public static async ValueTask<ReadOnlyMemory<byte>> BufferAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return segment.AsMemory((int)memory.Position);
        }
        var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    // Splices "id" in front of the record's own properties: no DOM, one copy of the bytes.
    private static MemoryStream WithId(byte[] record, string id)
    {
        if (record.Length < 2 || record[0] != (byte)'{')
        {
            throw new JsonException("A stored record must serialize to a JSON object.");
        }
        var stream = new MemoryStream(record.Length + id.Length + 16);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
        }
        var empty = record.Length == 2; // "{}"
        if (!empty)
        {
            stream.WriteByte((byte)',');
        }
        stream.Write(record, 1, record.Length - 1);
        stream.Position = 0;
        return stream;
    }
}
