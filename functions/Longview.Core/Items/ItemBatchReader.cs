using System.Text.Json;
using Longview.Core.Batches;
using Longview.Core.Events;

namespace Longview.Core.Items;

/// <summary>
/// Turns a request body (one item, a JSON array, or NDJSON) into validated <see cref="CatalogItem"/>s
/// <c>{itemId, title, categories[]?, createdAt?, description?, tags[]?}</c> and one precise <see cref="ItemError"/> per refused item.
/// Unknown fields are ignored; repeated categories (and tags) of one item are kept once.
/// </summary>
public sealed class ItemBatchReader(ItemLimits limits)
{
    public BatchRead<CatalogItem, ItemError> Read(ReadOnlyMemory<byte> body)
    {
        var framed = BatchFraming.Split(body, limits.MaxBodyBytes, limits.MaxItemsPerBatch, "item");
        if (framed.Failure is not null)
        {
            return BatchRead<CatalogItem, ItemError>.Failed(framed.Failure);
        }

        var values = new List<Indexed<CatalogItem>>(framed.Elements.Count);
        var errors = new List<ItemError>();
        foreach (var element in framed.Elements)
        {
            var (item, error) = ReadOne(element.Json.Span, element.Index);
            if (item is not null)
            {
                values.Add(new Indexed<CatalogItem>(element.Index, item));
            }
            else
            {
                errors.Add(error!);
            }
        }

        return new BatchRead<CatalogItem, ItemError>(values, errors, null);
    }

    private (CatalogItem? Item, ItemError? Error) ReadOne(ReadOnlySpan<byte> json, int index)
    {
        string? itemId = null, title = null;
        string? description = null;
        List<string>? categories = null, tags = null;
        DateTimeOffset? createdAt = null;
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, new ItemError(index, null, "$", $"an item must be a JSON object, not {reader.TokenType}"));
            }

            var seen = new HashSet<string>(4, StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("itemId"u8)) { See(seen, "itemId", problems); reader.Read(); itemId = ReadString(ref reader, "itemId", problems); }
                else if (reader.ValueTextEquals("title"u8)) { See(seen, "title", problems); reader.Read(); title = ReadString(ref reader, "title", problems); }
                else if (reader.ValueTextEquals("categories"u8)) { See(seen, "categories", problems); reader.Read(); categories = ReadStrings(ref reader, "categories", limits.MaxCategories, problems); }
                else if (reader.ValueTextEquals("description"u8)) { See(seen, "description", problems); reader.Read(); description = ReadString(ref reader, "description", problems); }
                else if (reader.ValueTextEquals("tags"u8)) { See(seen, "tags", problems); reader.Read(); tags = ReadStrings(ref reader, "tags", limits.MaxTags, problems); }
                else if (reader.ValueTextEquals("createdAt"u8))
                {
                    See(seen, "createdAt", problems);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        createdAt = TimestampText.TryRead(ref reader, out var reason);
                        if (reason is not null) problems.TryAdd("createdAt", reason);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        problems.TryAdd("createdAt", $"must be an ISO-8601 string, not {reader.TokenType}");
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (JsonText.TrailingContent(json, reader.BytesConsumed) is { } trailing)
            {
                return (null, new ItemError(index, ValidId(itemId), "$", trailing));
            }

            if (problems.ContainsKey("itemId"))
            {
                // A repeated or undecodable itemId: which id the item has is unknown, so its errors carry none.
                itemId = null;
            }
        }
        catch (JsonException ex)
        {
            return (null, new ItemError(index, ValidId(itemId), "$", $"malformed JSON: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // Text the reader cannot decode outside the fields read as strings (e.g. an unknown property's name).
            return (null, new ItemError(index, ValidId(itemId), "$", $"the item {JsonText.NotUnicode}"));
        }

        return Check(index, itemId, title, categories, createdAt, description, tags, problems);
    }

    /// <summary>Validates an item built in code (imports) with the same rules; null when it is valid.</summary>
    public ItemError? Validate(CatalogItem item, int index) => Normalize(item, index).Error;

    /// <summary>The item as the body path would have produced it (categories once each, createdAt in UTC), or its error.</summary>
    internal (CatalogItem? Item, ItemError? Error) Normalize(CatalogItem item, int index) =>
        Check(index, item.ItemId, item.Title, item.Categories?.ToList(), item.CreatedAt, item.Description, item.Tags?.ToList(), []);

    private (CatalogItem? Item, ItemError? Error) Check(int index, string? itemId, string? title, List<string>? categories, DateTimeOffset? createdAt,
        string? description, List<string>? tags, Dictionary<string, string> problems)
    {
        var idProblem = IdRule.Problem(itemId);
        var id = idProblem is null ? itemId : null;
        ItemError Error(string field, string reason) => new(index, id, field, reason);

        if (problems.GetValueOrDefault("itemId") is { } itemIdType) return (null, Error("itemId", itemIdType));
        if (idProblem is not null) return (null, Error("itemId", idProblem));
        if (problems.GetValueOrDefault("title") is { } titleType) return (null, Error("title", titleType));
        if (title is null) return (null, Error("title", "is required"));
        if (title.Length > limits.MaxTitleLength) return (null, Error("title", $"has {title.Length} characters; at most {limits.MaxTitleLength}"));
        if (problems.GetValueOrDefault("categories") is { } categoriesProblem) return (null, Error("categories", categoriesProblem));
        // Optional since items carry text (issue 16): an item posted with a title and a description alone is servable.
        categories ??= [];
        if (categories.Count > limits.MaxCategories) return (null, Error("categories", $"has more than {limits.MaxCategories} entries"));
        foreach (var category in categories)
        {
            if (category is null || category.Length == 0 || category.Length > limits.MaxCategoryLength)
            {
                return (null, Error("categories", $"'{TimestampText.Shorten(category ?? "")}' must have 1 to {limits.MaxCategoryLength} characters"));
            }
        }

        if (problems.GetValueOrDefault("createdAt") is { } createdProblem) return (null, Error("createdAt", createdProblem));
        if (problems.GetValueOrDefault("description") is { } descriptionType) return (null, Error("description", descriptionType));
        if (description is not null && description.Length > limits.MaxDescriptionLength)
        {
            return (null, Error("description", $"has {description.Length} characters; at most {limits.MaxDescriptionLength}"));
        }
        if (problems.GetValueOrDefault("tags") is { } tagsProblem) return (null, Error("tags", tagsProblem));
        if (tags is not null)
        {
            if (tags.Count > limits.MaxTags) return (null, Error("tags", $"has more than {limits.MaxTags} entries"));
            foreach (var tag in tags)
            {
                if (string.IsNullOrWhiteSpace(tag) || tag.Length > limits.MaxTagLength)
                {
                    return (null, Error("tags", $"'{TimestampText.Shorten(tag ?? "")}' must have 1 to {limits.MaxTagLength} characters, not only white space"));
                }
            }
        }

        // An empty description or tag list says nothing: stored as absent, so equal items serialize alike.
        return (new CatalogItem(id!, title, categories.Distinct(StringComparer.Ordinal).ToList(), createdAt?.ToUniversalTime(),
            string.IsNullOrEmpty(description) ? null : description,
            tags is null || tags.Count == 0 ? null : tags.Distinct(StringComparer.Ordinal).ToList()), null);
    }

    /// <summary>An array of strings (categories, tags); null for JSON null; a problem of <paramref name="field"/> otherwise.</summary>
    private static List<string>? ReadStrings(ref Utf8JsonReader reader, string field, int maxCount, Dictionary<string, string> problems)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problems.TryAdd(field, $"must be an array of strings, not {reader.TokenType}");
            reader.Skip();
            return null;
        }

        var values = new List<string>();
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                problems.TryAdd(field, $"entry {position} must be a string, not {reader.TokenType}");
                reader.Skip();
            }
            else if (JsonText.TryGetString(ref reader, out var reason) is not { } value)
            {
                problems.TryAdd(field, $"entry {position} {reason}");
            }
            else if (values.Count <= maxCount)
            {
                // One entry past the limit is enough to report it.
                values.Add(value);
            }

            position++;
        }

        return values;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, Dictionary<string, string> problems)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = JsonText.TryGetString(ref reader, out var reason);
            if (reason is not null) problems.TryAdd(field, reason);
            return text;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            problems.TryAdd(field, $"must be a string, not {reader.TokenType}");
            reader.Skip();
        }

        return null;
    }

    /// <summary>A repeated field is an error of that field: parsers disagree on whether the first or the last counts.</summary>
    private static void See(HashSet<string> seen, string field, Dictionary<string, string> problems)
    {
        if (!seen.Add(field))
        {
            problems.TryAdd(field, "appears more than once in the item; send each field once");
        }
    }

    private static string? ValidId(string? id) => IdRule.IsValid(id) ? id : null;
}
