using System.Globalization;
using Longview.Core.Events;

namespace Longview.Core.Import;

/// <summary>How dataset ratings become contract events: one <c>rating</c> event whose id is derived from the line, so a re-import is idempotent.</summary>
public static class RatingEvents
{
    public static UserEvent Create(string prefix, string userId, string itemId, double rating, long unixSeconds) =>
        new(
            EventId: string.Create(CultureInfo.InvariantCulture, $"{prefix}-{userId}-{itemId}-{unixSeconds}"),
            UserId: userId,
            ItemId: itemId,
            Type: EventType.Rating,
            Timestamp: DateTimeOffset.FromUnixTimeSeconds(unixSeconds),
            Value: rating);

    /// <summary>Parses the four fields every ratings file has, naming the bad field on failure.</summary>
    public static LineParse<UserEvent> Parse(
        string prefix, ReadOnlySpan<char> user, ReadOnlySpan<char> item, ReadOnlySpan<char> ratingText, ReadOnlySpan<char> secondsText)
    {
        user = user.Trim();
        item = item.Trim();
        if (RequireId("userId", user) is { } userError)
        {
            return LineParse<UserEvent>.Fail(userError);
        }
        if (RequireId("itemId", item) is { } itemError)
        {
            return LineParse<UserEvent>.Fail(itemError);
        }
        if (ParseRating(ratingText.Trim(), out var rating) is { } ratingError)
        {
            return LineParse<UserEvent>.Fail(ratingError);
        }
        if (ParseUnixSeconds(secondsText.Trim(), out var seconds) is { } secondsError)
        {
            return LineParse<UserEvent>.Fail(secondsError);
        }
        return LineParse<UserEvent>.Ok(Create(prefix, user.ToString(), item.ToString(), rating, seconds));
    }

    public static string? ParseRating(ReadOnlySpan<char> text, out double rating)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rating) || !double.IsFinite(rating))
        {
            return $"rating: '{text}' is not a number";
        }
        return null;
    }

    public static string? ParseUnixSeconds(ReadOnlySpan<char> text, out long seconds)
    {
        // 253402300799 is 9999-12-31T23:59:59Z, the largest instant DateTimeOffset holds.
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds > 253_402_300_799)
        {
            return $"timestamp: '{text}' is not unix seconds";
        }
        return null;
    }

    public static string? RequireId(string field, ReadOnlySpan<char> text) =>
        text.IsWhiteSpace() ? $"{field}: empty" : null;
}
