using System.Text.Json;
using System.Text.Json.Nodes;
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
    public static MemoryStream ToStream(UserProfile profile) => WithId(JsonSerializer.SerializeToNode(profile, LongviewJson.Options), CosmosIds.ToDocumentId(profile.UserId));

    public static MemoryStream ToStream(CatalogItem item) => WithId(JsonSerializer.SerializeToNode(item, LongviewJson.Options), CosmosIds.ToDocumentId(item.ItemId));

    public static async ValueTask<T> ReadAsync<T>(Stream content, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<T>(content, LongviewJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException($"Cosmos returned a null {typeof(T).Name} document.");

    private static MemoryStream WithId(JsonNode? node, string id)
    {
        var document = node as JsonObject ?? throw new JsonException("A stored record must serialize to a JSON object.");
        document["id"] = id;
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }
        stream.Position = 0;
        return stream;
    }
}
