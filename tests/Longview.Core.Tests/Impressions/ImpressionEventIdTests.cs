using System.IO.Hashing;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Serving.Impressions;

namespace Longview.Core.Tests.Impressions;

/// <summary>
/// Impression event ids are stored (as dedup keys) in every profile: a retried list must get the same ids from any
/// build, so the id is pinned to its definition, computed here the straightforward way.
/// </summary>
public sealed class ImpressionEventIdTests
{
    [Property(MaxTest = 300)]
    public bool The_id_is_imp_and_the_XxHash128_of_recommendation_id_zero_byte_item_id(NonEmptyString recommendationId, NonEmptyString itemId)
    {
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes(recommendationId.Get));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(itemId.Get));
        return ImpressionEvents.EventId(recommendationId.Get, itemId.Get) == "imp-" + Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    [Fact]
    public void Ids_longer_than_the_stack_buffer_hash_the_same_way()
    {
        var longId = new string('é', 600);
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes("r"));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(longId));
        Assert.Equal("imp-" + Convert.ToHexStringLower(hash.GetCurrentHash()), ImpressionEvents.EventId("r", longId));
        Assert.Equal(36, ImpressionEvents.EventId("r", longId).Length);
    }
}
