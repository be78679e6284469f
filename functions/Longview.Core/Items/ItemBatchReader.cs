using System.Text.Json;
using Longview.Core.Batches;
using Longview.Core.Events;

namespace Longview.Core.Items;

/// <summary>
/// Turns a request body (one item, a JSON array, or NDJSON) into validated <see cref="CatalogItem"/>s
/// <c>{itemId, title, categories[], createdAt?}</c> and one precise <see cref="ItemError"/> per refused item.
/// Unknown fields are ignored; repeated categories of one item are kept once.
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
        List<string>? categories = null;
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
                else if (reader.ValueTextEquals("categories"u8)) { See(seen, "categories", problems); reader.Read(); categories = ReadCategories(ref reader, problems); }
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

        return Check(index, itemId, title, categories, createdAt, problems);
    }

    /// <summary>Validates an item built in code (imports) with the same rules; null when it is valid.</summary>
    public ItemError? Validate(CatalogItem item, int index) => Normalize(item, index).Error;

    /// <summary>The item as the body path would have produced it (categories once each, createdAt in UTC), or its error.</summary>
    internal (CatalogItem? Item, ItemError? Error) Normalize(CatalogItem item, int index) =>
        Check(index, item.ItemId, item.Title, item.Categories?.ToList(), item.CreatedAt, []);

    private (CatalogItem? Item, ItemError? Error) Check(int index, string? itemId, string? title, List<string>? categories, DateTimeOffset? createdAt, Dictionary<string, string> problems)
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
        if (categories is null) return (null, Error("categories", "is required (an array of strings, possibly empty)"));
        if (categories.Count > limits.MaxCategories) return (null, Error("categories", $"has more than {limits.MaxCategories} entries"));
        foreach (var category in categories)
        {
            if (category is null || category.Length == 0 || category.Length > limits.MaxCategoryLength)
            {
                return (null, Error("categories", $"'{TimestampText.Shorten(category ?? "")}' must have 1 to {limits.MaxCategoryLength} characters"));
            }
        }

        if (problems.GetValueOrDefault("createdAt") is { } createdProblem) return (null, Error("createdAt", createdProblem));

        return (new CatalogItem(id!, title, categories.Distinct(StringComparer.Ordinal).ToList(), createdAt?.ToUniversalTime()), null);
    }

    private List<string>? ReadCategories(ref Utf8JsonReader reader, Dictionary<string, string> problems)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problems.TryAdd("categories", $"must be an array of strings, not {reader.TokenType}");
            reader.Skip();
            return null;
        }

        var categories = new List<string>();
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                problems.TryAdd("categories", $"entry {position} must be a string, not {reader.TokenType}");
                reader.Skip();
            }
            else if (JsonText.TryGetString(ref reader, out var reason) is not { } category)
            {
                problems.TryAdd("categories", $"entry {position} {reason}");
            }
            else if (categories.Count <= limits.MaxCategories)
            {
                // One entry past the limit is enough to report it.
                categories.Add(category);
            }

            position++;
        }

        return categories;
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
