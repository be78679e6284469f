using System.Text.Json;
using Longview.Core.Batches;

namespace Longview.Core.Events;

/// <summary>
/// Turns a request body (one event, a JSON array, or NDJSON) into validated <see cref="UserEvent"/>s and one precise
/// <see cref="EventError"/> per refused event. Unknown fields are ignored. Validation order is fixed (eventId, userId,
/// itemId, type, timestamp, value, recommendationId, context), so the reported field does not depend on property order.
/// </summary>
public sealed class EventBatchReader(EventLimits limits, TimeProvider timeProvider)
{
    public EventLimits Limits => limits;

    public BatchRead<UserEvent, EventError> Read(ReadOnlyMemory<byte> body)
    {
        var framed = BatchFraming.Split(body, limits.MaxBodyBytes, limits.MaxEventsPerBatch, "event");
        if (framed.Failure is not null)
        {
            return BatchRead<UserEvent, EventError>.Failed(framed.Failure);
        }

        var now = timeProvider.GetUtcNow();
        var values = new List<Indexed<UserEvent>>(framed.Elements.Count);
        var errors = new List<EventError>();
        foreach (var element in framed.Elements)
        {
            var result = ReadOne(element.Json.Span, element.Index, now);
            if (result.Event is not null)
            {
                values.Add(new Indexed<UserEvent>(element.Index, result.Event));
            }
            else
            {
                errors.Add(result.Error!);
            }
        }

        return new BatchRead<UserEvent, EventError>(values, errors, null);
    }

    /// <summary>Validates one already-built event (import paths that do not come through JSON) against the same rules.</summary>
    public EventError? Validate(UserEvent e, int index)
    {
        var raw = new RawEvent
        {
            EventId = e.EventId,
            UserId = e.UserId,
            ItemId = e.ItemId,
            Type = e.Type,
            TypeText = e.Type.ToWireName(),
            TypeKnown = true,
            Timestamp = e.Timestamp,
            Value = e.Value,
            RecommendationId = e.RecommendationId,
            Context = e.Context is null ? null : new Dictionary<string, string>(e.Context),
        };
        return Check(raw, index, timeProvider.GetUtcNow());
    }

    private (UserEvent? Event, EventError? Error) ReadOne(ReadOnlySpan<byte> json, int index, DateTimeOffset now)
    {
        var raw = new RawEvent();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, new EventError(index, null, "$", $"an event must be a JSON object, not {Describe(reader.TokenType)}"));
            }

            ReadProperties(ref reader, ref raw);
            if (JsonText.TrailingContent(json, reader.BytesConsumed) is { } trailing)
            {
                return (null, new EventError(index, raw.EventIdIfValid(), "$", trailing));
            }
        }
        catch (JsonException ex)
        {
            return (null, new EventError(index, raw.EventIdIfValid(), "$", $"malformed JSON: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // Text the reader cannot decode outside the fields read as strings (e.g. an unknown property's name).
            return (null, new EventError(index, raw.EventIdIfValid(), "$", $"the event {JsonText.NotUnicode}"));
        }

        var error = Check(raw, index, now);
        if (error is not null)
        {
            return (null, error);
        }

        var e = new UserEvent(raw.EventId!, raw.UserId!, raw.ItemId, raw.Type, raw.Timestamp!.Value, raw.Value, raw.RecommendationId, raw.Context);
        return (e, null);
    }

    private void ReadProperties(ref Utf8JsonReader reader, ref RawEvent raw)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("eventId"u8)) { raw.See(Field.EventId, "eventId"); reader.Read(); raw.EventId = ReadString(ref reader, "eventId", ref raw); }
            else if (reader.ValueTextEquals("userId"u8)) { raw.See(Field.UserId, "userId"); reader.Read(); raw.UserId = ReadString(ref reader, "userId", ref raw); }
            else if (reader.ValueTextEquals("itemId"u8)) { raw.See(Field.ItemId, "itemId"); reader.Read(); raw.ItemId = ReadString(ref reader, "itemId", ref raw); }
            else if (reader.ValueTextEquals("recommendationId"u8)) { raw.See(Field.RecommendationId, "recommendationId"); reader.Read(); raw.RecommendationId = ReadString(ref reader, "recommendationId", ref raw); }
            else if (reader.ValueTextEquals("type"u8))
            {
                raw.See(Field.Type, "type");
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && TryMatchType(ref reader, out var type))
                {
                    // The common case allocates no string for the type.
                    raw.Type = type;
                    raw.TypeKnown = true;
                    raw.TypeText = EventTypes.All[(int)type];
                }
                else
                {
                    raw.TypeText = ReadString(ref reader, "type", ref raw);
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                raw.See(Field.Timestamp, "timestamp");
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    raw.Timestamp = TimestampText.TryRead(ref reader, out var reason);
                    raw.NoteError("timestamp", reason);
                }
                else
                {
                    raw.NoteError("timestamp", reader.TokenType == JsonTokenType.Null ? null : $"must be an ISO-8601 string, not {Describe(reader.TokenType)}");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                raw.See(Field.Value, "value");
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    // Out-of-range literals (1e999) read as infinity and are refused below as not finite.
                    raw.Value = reader.TryGetDouble(out var number) ? number : double.PositiveInfinity;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    raw.NoteError("value", $"must be a number, not {Describe(reader.TokenType)}");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                raw.See(Field.Context, "context");
                reader.Read();
                ReadContext(ref reader, ref raw);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadContext(ref Utf8JsonReader reader, ref RawEvent raw)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            raw.NoteError("context", $"must be an object of string values, not {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }

        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = JsonText.TryGetString(ref reader, out var keyProblem);
            reader.Read();
            if (key is null)
            {
                raw.NoteError("context", $"a key {keyProblem}");
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                raw.NoteError("context", $"value of '{TimestampText.Shorten(key)}' must be a string, not {Describe(reader.TokenType)}");
                reader.Skip();
                continue;
            }

            var text = JsonText.TryGetString(ref reader, out var textProblem);
            if (text is null)
            {
                raw.NoteError("context", $"value of '{TimestampText.Shorten(key)}' {textProblem}");
            }
            else if (context.Count < limits.MaxContextEntries + 1)
            {
                // One entry beyond the limit is enough to report it; the rest is not kept.
                if (!context.TryAdd(key, text))
                {
                    raw.NoteError("context", $"key '{TimestampText.Shorten(key)}' appears more than once; send each key once");
                }
            }
            else
            {
                raw.ContextOverflow = true;
            }
        }

        raw.Context = context;
    }

    private static readonly byte[][] Utf8TypeNames = [.. EventTypes.All.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static bool TryMatchType(ref Utf8JsonReader reader, out EventType type)
    {
        for (var i = 0; i < Utf8TypeNames.Length; i++)
        {
            if (reader.ValueTextEquals(Utf8TypeNames[i]))
            {
                type = (EventType)i;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, ref RawEvent raw)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = JsonText.TryGetString(ref reader, out var reason);
            raw.NoteError(field, reason);
            return text;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            raw.NoteError(field, $"must be a string, not {Describe(reader.TokenType)}");
            reader.Skip();
        }

        return null;
    }

    private EventError? Check(RawEvent raw, int index, DateTimeOffset now)
    {
        var eventId = raw.EventIdIfValid();
        EventError Error(string field, string reason) => new(index, eventId, field, reason);

        if (raw.ErrorFor("eventId") is { } eventIdType) return Error("eventId", eventIdType);
        if (IdProblem(raw.EventId, required: true) is { } eventIdProblem) return Error("eventId", eventIdProblem);
        if (raw.ErrorFor("userId") is { } userIdType) return Error("userId", userIdType);
        if (IdProblem(raw.UserId, required: true) is { } userIdProblem) return Error("userId", userIdProblem);
        if (raw.ErrorFor("itemId") is { } itemIdType) return Error("itemId", itemIdType);
        if (raw.ErrorFor("type") is { } typeType) return Error("type", typeType);
        if (raw.TypeText is null) return Error("type", $"is required; one of {string.Join(", ", EventTypes.All)}");
        if (!raw.TypeKnown) return Error("type", $"'{TimestampText.Shorten(raw.TypeText)}' is not a known event type; allowed: {string.Join(", ", EventTypes.All)}");
        if (raw.Type.RequiresItem() || raw.ItemId is not null)
        {
            if (raw.ItemId is null) return Error("itemId", $"is required for '{raw.Type.ToWireName()}' events (only session_start may omit it)");
            if (IdProblem(raw.ItemId, required: true) is { } itemIdProblem) return Error("itemId", itemIdProblem);
        }

        if (raw.ErrorFor("timestamp") is { } timestampProblem) return Error("timestamp", timestampProblem);
        if (raw.Timestamp is not { } timestamp) return Error("timestamp", "is required (ISO-8601 with offset)");
        if (timestamp < limits.MinTimestamp) return Error("timestamp", $"{timestamp:O} is before the earliest accepted time {limits.MinTimestamp:O}");
        if (timestamp > now + limits.MaxFutureSkew) return Error("timestamp", $"{timestamp:O} is more than {limits.MaxFutureSkew} after the server time {now:O}");

        if (raw.ErrorFor("value") is { } valueType) return Error("value", valueType);
        if (raw.Value is { } value)
        {
            if (!double.IsFinite(value)) return Error("value", "must be a finite number");
            if (Math.Abs(value) > limits.MaxAbsValue) return Error("value", $"{value} is outside [-{limits.MaxAbsValue}, {limits.MaxAbsValue}]");
        }
        else if (raw.Type == EventType.Rating)
        {
            return Error("value", "is required for rating events (the rating)");
        }

        if (raw.ErrorFor("recommendationId") is { } recommendationType) return Error("recommendationId", recommendationType);
        if (IdProblem(raw.RecommendationId, required: false) is { } recommendationProblem) return Error("recommendationId", recommendationProblem);

        if (raw.ErrorFor("context") is { } contextProblem) return Error("context", contextProblem);
        if (raw.Context is { } context)
        {
            if (raw.ContextOverflow || context.Count > limits.MaxContextEntries) return Error("context", $"has more than {limits.MaxContextEntries} entries");
            foreach (var (key, text) in context)
            {
                if (key.Length == 0 || key.Length > limits.MaxContextKeyLength) return Error("context", $"key '{TimestampText.Shorten(key)}' must have 1 to {limits.MaxContextKeyLength} characters");
                if (text.Length > limits.MaxContextValueLength) return Error("context", $"value of '{key}' has {text.Length} characters; at most {limits.MaxContextValueLength}");
            }
        }

        return null;
    }

    private static string? IdProblem(string? id, bool required) => id is null && !required ? null : IdRule.Problem(id);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The fields as read, before validation; the first type error per field is kept.</summary>
    private struct RawEvent
    {
        public string? EventId;
        public string? UserId;
        public string? ItemId;
        public string? TypeText;
        public EventType Type;
        public bool TypeKnown;
        public DateTimeOffset? Timestamp;
        public double? Value;
        public string? RecommendationId;
        public Dictionary<string, string>? Context;
        public bool ContextOverflow;
        private Field _seen;
        private Dictionary<string, string>? _errors;

        /// <summary>
        /// Marks a field as read; a second occurrence is an error of that field. A JSON parser keeps either the first
        /// or the last of repeated keys, so the producer and this service could read two different events.
        /// </summary>
        public void See(Field field, string name)
        {
            if ((_seen & field) != 0)
            {
                // Which of two eventIds is "the" id is unknown: errors then carry none.
                if (field == Field.EventId) _seen |= Field.EventIdRepeated;
                NoteError(name, "appears more than once in the event; send each field once");
            }

            _seen |= field;
        }

        public void NoteError(string field, string? reason)
        {
            if (reason is null) return;
            _errors ??= new Dictionary<string, string>(StringComparer.Ordinal);
            _errors.TryAdd(field, reason);
        }

        public readonly string? ErrorFor(string field) => _errors?.GetValueOrDefault(field);

        /// <summary>The eventId to echo in errors: only one that is itself valid, so an error never carries junk.</summary>
        public readonly string? EventIdIfValid() => (_seen & Field.EventIdRepeated) == 0 && IdRule.IsValid(EventId) ? EventId : null;
    }

    [Flags]
    private enum Field
    {
        EventId = 1,
        UserId = 2,
        ItemId = 4,
        Type = 8,
        Timestamp = 16,
        Value = 32,
        RecommendationId = 64,
        Context = 128,
        EventIdRepeated = 256,
    }
}
