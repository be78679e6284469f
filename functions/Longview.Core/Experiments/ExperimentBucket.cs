using System.IO.Hashing;
using System.Text;

namespace Longview.Core.Experiments;

/// <summary>
/// Assignment as a pure function of (salt, user id), as experiment platforms do it: XxHash64 over the UTF-8 salt, a
/// zero byte and the UTF-8 user id, its top 53 bits read as a number in [0, 1). The same user always lands in the same
/// place for one salt (sticky without storing anything); different salts give unrelated positions, so a user's variant
/// in one experiment says nothing about their variant in another.
/// </summary>
public static class ExperimentBucket
{
    private const double TwoTo53 = 9007199254740992d;

    public static double Of(string salt, string userId)
    {
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(salt));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(userId));
        return (hash.GetCurrentHashAsUInt64() >> 11) / TwoTo53;
    }

    /// <summary>The index of the share interval that holds <paramref name="position"/> (shares laid end to end from 0).</summary>
    public static int Pick(double position, IReadOnlyList<double> shares)
    {
        var cumulative = 0d;
        for (var i = 0; i < shares.Count; i++)
        {
            cumulative += shares[i];
            if (position < cumulative)
            {
                return i;
            }
        }
        // Shares add up to 1 within rounding: a position in the last sliver belongs to the last interval.
        return shares.Count - 1;
    }
}
