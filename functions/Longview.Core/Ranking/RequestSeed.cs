using System.IO.Hashing;
using System.Text;

namespace Longview.Core.Ranking;

/// <summary>The one source of pseudo-randomness in ranking: a stable hash of the user and the recommendation id.</summary>
public static class RequestSeed
{
    public static int From(string userId, string recommendationId)
    {
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(userId));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(recommendationId));
        return unchecked((int)hash.GetCurrentHashAsUInt64());
    }
}
