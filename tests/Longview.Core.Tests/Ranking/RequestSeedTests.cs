using System.IO.Hashing;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Ranking;

namespace Longview.Core.Tests.Ranking;

public sealed class RequestSeedTests
{
    /// <summary>
    /// The seed decides exploration and so the list: it must stay the streaming xxHash64 of userId, a zero byte and
    /// recommendationId that it was before the one-shot rewrite (issue 18), for any ids, long ones (pooled buffer) too.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Equals_the_streaming_hash_of_both_ids(NonNull<string> userId, NonNull<string> recommendationId, byte repeat)
    {
        var user = string.Concat(Enumerable.Repeat(userId.Get, 1 + repeat % 40));
        var id = recommendationId.Get + "é漢😀";

        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(user));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(id));

        return RequestSeed.From(user, id) == unchecked((int)hash.GetCurrentHashAsUInt64());
    }
}
