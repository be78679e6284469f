using System.Globalization;

namespace Longview.Core.Serving;

/// <summary>
/// Reads the query string of the recommendations route the same way in both hosts: a value that does not parse is an
/// <see cref="InvalidRecommendationRequestException"/> naming the parameter (a 400), never a silent default. Range
/// checks (count 1-100, id lengths, exclusion count) stay in <see cref="RecommendationService.Validate"/>.
/// </summary>
public static class RecommendationQuery
{
    public const int DefaultCount = 10;

    /// <summary>Longest <c>exclude</c> value read: 500 ids of 128 characters with their commas fit.</summary>
    public const int MaxExcludeLength = 64 * 1024;

    /// <param name="valuesOf">The values a parameter was given (empty when absent), e.g. <c>name => request.Query[name].ToArray()</c>.</param>
    public static RecommendationRequest Parse(Func<string, IReadOnlyList<string?>> valuesOf)
    {
        var count = DefaultCount;
        if (Single(valuesOf, "count") is { } countText && !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            throw new InvalidRecommendationRequestException("count", $"must be a whole number between 1 and {RecommendationOptions.MaxCount}, was '{Shorten(countText)}'");
        }
        var explain = false;
        if (Single(valuesOf, "explain") is { } explainText && !bool.TryParse(explainText, out explain))
        {
            throw new InvalidRecommendationRequestException("explain", $"must be true or false, was '{Shorten(explainText)}'");
        }
        IReadOnlyList<string>? exclude = null;
        if (Single(valuesOf, "exclude") is { } excludeText)
        {
            if (excludeText.Length > MaxExcludeLength)
            {
                throw new InvalidRecommendationRequestException("exclude", $"at most {MaxExcludeLength} characters, got {excludeText.Length}");
            }
            exclude = excludeText.Split(',', StringSplitOptions.TrimEntries);
        }
        return new RecommendationRequest(count, explain, exclude, Single(valuesOf, "category"));
    }

    private static string? Single(Func<string, IReadOnlyList<string?>> valuesOf, string name)
    {
        var values = valuesOf(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0] ?? "",
            _ => throw new InvalidRecommendationRequestException(name, "given more than once"),
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
