using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Longview.Core.Ranking;

/// <summary>The one source of pseudo-randomness in ranking: a stable hash of the user and the recommendation id.</summary>
public static class RequestSeed
{
    public static int From(string userId, string recommendationId)
    {
        // One-shot hash of userId, a zero byte and recommendationId in UTF-8: the same value as the streaming hash of
        // the three parts it replaced (xxHash64 depends only on the bytes), without two byte arrays and a hasher object.
        var length = Encoding.UTF8.GetMaxByteCount(userId.Length) + 1 + Encoding.UTF8.GetMaxByteCount(recommendationId.Length);
        var rented = length <= StackLimit ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
        var written = Encoding.UTF8.GetBytes(userId, buffer);
        buffer[written++] = 0;
        written += Encoding.UTF8.GetBytes(recommendationId, buffer[written..]);
        var seed = unchecked((int)XxHash64.HashToUInt64(buffer[..written]));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return seed;
    }

    private const int StackLimit = 1024;
}
