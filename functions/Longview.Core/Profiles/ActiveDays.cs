using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// The set of UTC days with activity (bounded horizon, compact). <see cref="Trim"/> keeps the days within a window
/// after the first day and within a window before the last day: retention needs the early days, activity the recent
/// ones. Because the first day only moves earlier and the last only later, a trimmed day can never be needed again,
/// so add-then-trim is commutative.
/// </summary>
[JsonConverter(typeof(ActiveDaysJsonConverter))]
public sealed class ActiveDays
{
    private readonly SortedSet<DateOnly> _days = [];

    /// <summary>The active days, ascending.</summary>
    public IReadOnlyCollection<DateOnly> Days => _days;

    public int Count => _days.Count;

    public DateOnly? First => _days.Count == 0 ? null : _days.Min;

    public DateOnly? Last => _days.Count == 0 ? null : _days.Max;

    public bool Contains(DateOnly day) => _days.Contains(day);

    public void Add(DateOnly day) => _days.Add(day);

    /// <summary>Active days in [from, to] (both inclusive).</summary>
    public IEnumerable<DateOnly> Between(DateOnly from, DateOnly to) =>
        from > to || _days.Count == 0 ? [] : _days.GetViewBetween(from, to);

    /// <summary>Drops the days at least <paramref name="windowDays"/> after the first day and at least as far before the last day.</summary>
    public void Trim(int windowDays)
    {
        if (_days.Count == 0)
        {
            return;
        }

        var firstDropped = _days.Min.AddDays(windowDays);
        var lastDropped = _days.Max.AddDays(-windowDays);
        if (firstDropped <= lastDropped)
        {
            // Called on every event: look at the range only, not at the whole set.
            var dropped = _days.GetViewBetween(firstDropped, lastDropped);
            if (dropped.Count > 0)
            {
                dropped.Clear();
            }
        }
    }
}

/// <summary>
/// Stores the days as <c>{"count":n,"first":"yyyy-MM-dd","last":"yyyy-MM-dd","deltas":"base64"}</c>: the day numbers
/// as LEB128 varints, the first absolute and every next one as the gap to the previous (<see cref="CompactWriter.DayGaps"/>,
/// the same as in the stored binary profile).
/// </summary>
public sealed class ActiveDaysJsonConverter : JsonConverter<ActiveDays>
{
    public override ActiveDays Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("active days must be an object");
        }

        var days = new ActiveDays();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDeltas = reader.ValueTextEquals("deltas"u8);
            reader.Read();
            if (!isDeltas)
            {
                // Skip() refuses partial input (stores read profiles from streams); the value is buffered, so TrySkip succeeds.
                if (!reader.TrySkip())
                {
                    throw new JsonException("truncated profile JSON");
                }
                continue;
            }

            days = new CompactReader(reader.GetBytesFromBase64(), "the active days").DayGaps(count: null);
        }

        return days;
    }

    public override void Write(Utf8JsonWriter writer, ActiveDays value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Count + 4);
        CompactWriter.DayGaps(buffer, value);

        writer.WriteStartObject();
        writer.WriteNumber("count", value.Count);
        if (value.First is { } first)
        {
            writer.WriteString("first", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("last", value.Last!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteBase64String("deltas", buffer.WrittenSpan);
        writer.WriteEndObject();
    }
}
