using System.Text;
using Longview.Core.Items;

namespace Longview.Core.Tests.Items;

/// <summary>The item reader's counterpart of the event decoding tests: one bad item is rejected precisely, never the batch.</summary>
public sealed class ItemDecodingTests
{
    private static readonly ItemBatchReader Reader = new(new ItemLimits());

    private const string Good = """{"itemId":"ok","title":"Blue Train","categories":["jazz"]}""";

    private static ItemError SingleErrorKeepingTheGoodOne(string bad) => SingleErrorKeepingTheGoodOne(Encoding.UTF8.GetBytes(bad));

    private static ItemError SingleErrorKeepingTheGoodOne(byte[] bad)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(Good + "\n"), .. bad];
        var read = Reader.Read(body);

        Assert.Null(read.Failure);
        Assert.Equal("ok", Assert.Single(read.Values).Value.ItemId);
        var error = Assert.Single(read.Errors);
        Assert.Equal(1, error.Index);
        return error;
    }

    [Theory]
    [InlineData("""{"itemId":"m\u0085","title":"t","categories":[]}""", "itemId", "U+0085")]
    [InlineData("""{"itemId":"m\ud800","title":"t","categories":[]}""", "itemId", "not valid Unicode")]
    [InlineData("""{"itemId":"m2","title":"t\ud800","categories":[]}""", "title", "not valid Unicode")]
    [InlineData("""{"itemId":"m2","title":"t","categories":["a","\udc00"]}""", "categories", "entry 1 is not valid Unicode")]
    [InlineData("""{"itemId":"m2","title":"t","categories":[],"createdAt":"2024-01-01T00:00:00Z\ud800"}""", "createdAt", "not valid Unicode")]
    [InlineData("""{"itemId":"m2","title":"t","title":"u","categories":[]}""", "title", "more than once")]
    [InlineData("""{"itemId":"m2","title":"t","categories":[]}{"itemId":"m3","title":"t","categories":[]}""", "$", "more than one JSON value")]
    public void A_bad_item_is_rejected_with_its_field_and_reason(string bad, string field, string reason)
    {
        var error = SingleErrorKeepingTheGoodOne(bad);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(field == "itemId" ? null : "m2", error.ItemId);
    }

    [Fact]
    public void Invalid_utf8_in_a_title_rejects_only_its_item()
    {
        byte[] bad = [.. "{\"itemId\":\"m2\",\"title\":\"t"u8, 0xFF, 0xFE, .. "\",\"categories\":[]}"u8];

        var error = SingleErrorKeepingTheGoodOne(bad);

        Assert.Equal(("title", "m2"), (error.Field, error.ItemId));
    }

    [Fact]
    public void A_repeated_item_id_is_rejected_without_naming_either_id()
    {
        var error = SingleErrorKeepingTheGoodOne("""{"itemId":"m2","itemId":"m3","title":"t","categories":[]}""");

        Assert.Equal(("itemId", null), (error.Field, error.ItemId));
        Assert.Contains("more than once", error.Reason);
    }
}
