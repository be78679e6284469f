using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// Profile equality as the aggregator guarantees it: the stored JSON (<see cref="LongviewJson.Options"/>) must be
/// identical, except that non-integral numbers (floating sums: affinity logarithms, rating sums) may differ by a
/// relative <see cref="Tolerance"/>, because floating addition is not associative and arrival order changes the
/// rounding. Everything else (counts, times, sequences, days, dedup record) must match exactly.
/// </summary>
public static class ProfileEquivalence
{
    public const double Tolerance = 1e-9;

    public static bool AreEquivalent(UserProfile a, UserProfile b) => Difference(a, b) is null;

    /// <summary>The JSON path of the first difference, or null when the profiles are equivalent.</summary>
    public static string? Difference(UserProfile a, UserProfile b)
    {
        var left = JsonSerializer.SerializeToNode(a, LongviewJson.Options);
        var right = JsonSerializer.SerializeToNode(b, LongviewJson.Options);
        return Compare(left, right, "$");
    }

    private static string? Compare(JsonNode? left, JsonNode? right, string path)
    {
        switch (left, right)
        {
            case (null, null):
                return null;
            case (JsonObject l, JsonObject r):
                foreach (var (name, value) in l)
                {
                    if (!r.ContainsKey(name))
                    {
                        return $"{path}.{name} (missing on the right)";
                    }

                    if (Compare(value, r[name], $"{path}.{name}") is { } difference)
                    {
                        return difference;
                    }
                }

                return r.Select(p => p.Key).FirstOrDefault(name => !l.ContainsKey(name)) is { } extra ? $"{path}.{extra} (missing on the left)" : null;
            case (JsonArray l, JsonArray r):
                if (l.Count != r.Count)
                {
                    return $"{path} (length {l.Count} vs {r.Count})";
                }

                for (var i = 0; i < l.Count; i++)
                {
                    if (Compare(l[i], r[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case (JsonValue l, JsonValue r):
                return ValuesEqual(l, r) ? null : $"{path} ({l.ToJsonString()} vs {r.ToJsonString()})";
            default:
                return $"{path} (different kinds)";
        }
    }

    private static bool ValuesEqual(JsonValue l, JsonValue r)
    {
        var (leftText, rightText) = (l.ToJsonString(), r.ToJsonString());
        if (leftText == rightText)
        {
            return true;
        }

        if (l.GetValueKind() == JsonValueKind.Number && r.GetValueKind() == JsonValueKind.Number)
        {
            // Integers (counts, hashes) must match exactly; only fractional numbers get the tolerance.
            if ((long.TryParse(leftText, out _) && long.TryParse(rightText, out _)) || (ulong.TryParse(leftText, out _) && ulong.TryParse(rightText, out _)))
            {
                return false;
            }

            var x = l.GetValue<double>();
            var y = r.GetValue<double>();
            return Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
        }

        return false;
    }
}
