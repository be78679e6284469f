using System.Text;
using Longview.Core.Batches;

namespace Longview.Core.Tests.Batches;

public sealed class BatchFramingTests
{
    private static FramedBatch Split(string body, int maxBytes = 1 << 20, int maxElements = 100) =>
        BatchFraming.Split(Encoding.UTF8.GetBytes(body), maxBytes, maxElements, "event");

    private static IEnumerable<string> Texts(FramedBatch batch) => batch.Elements.Select(e => Encoding.UTF8.GetString(e.Json.Span));

    [Fact]
    public void A_byte_order_mark_and_surrounding_whitespace_are_allowed()
    {
        var batch = Split("\uFEFF  \r\n{\"a\":1}\r\n ");

        Assert.Equal(["{\"a\":1}"], Texts(batch));
    }

    [Fact]
    public void Ndjson_skips_blank_lines_and_numbers_the_rest_consecutively()
    {
        var batch = Split("{\"a\":1}\n\n  \n{\"a\":2}\r\n{\"a\":3}");

        Assert.Equal([0, 1, 2], batch.Elements.Select(e => e.Index));
        Assert.Equal(["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"], Texts(batch));
    }

    [Fact]
    public void Array_elements_keep_their_exact_text()
    {
        var batch = Split("[ {\"a\": [1, {\"b\": 2}]} ,\n 7, \"s\" ]");

        Assert.Equal(["{\"a\": [1, {\"b\": 2}]}", "7", "\"s\""], Texts(batch));
    }

    [Fact]
    public void An_empty_array_is_an_empty_batch()
    {
        var batch = Split(" [ ] ");

        Assert.Null(batch.Failure);
        Assert.Empty(batch.Elements);
    }

    [Fact]
    public void The_byte_limit_is_inclusive()
    {
        const string body = "{\"a\":1}";

        Assert.Null(Split(body, maxBytes: body.Length).Failure);
        Assert.Equal(413, Split(body, maxBytes: body.Length - 1).Failure!.Status);
    }
}
