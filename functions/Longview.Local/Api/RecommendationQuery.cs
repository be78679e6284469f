using Longview.Core.Serving;

namespace Longview.Local.Api;

/// <summary>
/// Reads the query string of the recommendations route strictly: a value that does not parse is a 400 naming the
/// parameter, not a silent default. Range checks (count 1-100, id lengths) stay in <see cref="RecommendationService"/>.
/// </summary>
internal static class RecommendationQuery
{
    public const int DefaultCount = 10;
    private const int MaxQueryLength = 64 * 1024;

    public static RecommendationRequest Parse(IQueryCollection query)
    {
        var count = DefaultCount;
        if (Single(query, "count") is { } countText && !int.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count))
        {
            throw new InvalidRecommendationRequestException("count", $"must be a whole number between 1 and {RecommendationOptions.MaxCount}, was '{Shorten(countText)}'");
        }
        var explain = false;
        if (Single(query, "explain") is { } explainText && !bool.TryParse(explainText, out explain))
        {
            throw new InvalidRecommendationRequestException("explain", $"must be true or false, was '{Shorten(explainText)}'");
        }
        IReadOnlyList<string>? exclude = null;
        if (Single(query, "exclude") is { } excludeText)
        {
            if (excludeText.Length > MaxQueryLength)
            {
                throw new InvalidRecommendationRequestException("exclude", $"at most {MaxQueryLength} characters, got {excludeText.Length}");
            }
            exclude = excludeText.Split(',', StringSplitOptions.TrimEntries);
        }
        return new RecommendationRequest(count, explain, exclude, Single(query, "category"));
    }

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count > 1)
        {
            throw new InvalidRecommendationRequestException(name, "given more than once");
        }
        return values[0];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
