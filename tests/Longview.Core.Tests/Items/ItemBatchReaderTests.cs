using System.Text;
using System.Text.Json.Nodes;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.Items;

public sealed class ItemBatchReaderTests
{
    private static readonly ItemBatchReader Reader = new(new ItemLimits());

    private static JsonObject Valid() => new()
    {
        ["itemId"] = "m1",
        ["title"] = "Toy Story (1995)",
        ["categories"] = new JsonArray("Animation", "Comedy", "Animation"),
        ["createdAt"] = "1995-11-22T00:00:00-08:00",
    };

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_a_valid_item_keeping_each_category_once()
    {
        var item = Assert.Single(Reader.Read(Bytes(Valid().ToJsonString())).Values).Value;

        Assert.Equal(("m1", "Toy Story (1995)"), (item.ItemId, item.Title));
        Assert.Equal(["Animation", "Comedy"], item.Categories);
        Assert.Equal(new DateTimeOffset(1995, 11, 22, 8, 0, 0, TimeSpan.Zero), item.CreatedAt);
    }

    [Fact]
    public void Reads_description_and_tags_keeping_each_tag_once_and_empty_ones_as_absent()
    {
        var full = Valid();
        full["description"] = "A heist in Los Angeles.";
        full["tags"] = new JsonArray("heist", "Al Pacino", "heist");
        var empty = Valid();
        empty["itemId"] = "m2";
        empty["description"] = "";
        empty["tags"] = new JsonArray();

        var read = Reader.Read(Bytes($"[{full.ToJsonString()},{empty.ToJsonString()},{Valid().ToJsonString().Replace("m1", "m3", StringComparison.Ordinal)}]"));

        var items = read.Values.Select(v => v.Value).ToList();
        Assert.Equal("A heist in Los Angeles.", items[0].Description);
        Assert.Equal(["heist", "Al Pacino"], items[0].Tags!);
        Assert.All(items.Skip(1), i => Assert.Equal((null, null), (i.Description, i.Tags)));
    }

    [Fact]
    public void An_item_with_only_a_title_and_a_description_is_read_with_no_categories()
    {
        var item = Assert.Single(Reader.Read(Bytes("""{"itemId":"p1","title":"The Vault","description":"One last heist.","categories":null}""")).Values).Value;

        Assert.Equal(("The Vault", "One last heist.", 0), (item.Title, item.Description, item.Categories.Count));
    }

    [Fact]
    public void Reads_ndjson_with_a_bad_line_and_keeps_the_others()
    {
        var second = Valid();
        second["itemId"] = "m2";
        var read = Reader.Read(Bytes($"{Valid().ToJsonString()}\n[1,2\n{second.ToJsonString()}"));

        Assert.Equal([0, 2], read.Values.Select(v => v.Index));
        Assert.Equal((1, "$"), (read.Errors[0].Index, read.Errors[0].Field));
    }

    [Fact]
    public void Too_many_items_are_refused_with_413()
    {
        var items = string.Join(',', Enumerable.Repeat(Valid().ToJsonString(), 3));

        var read = new ItemBatchReader(new ItemLimits { MaxItemsPerBatch = 2 }).Read(Bytes($"[{items}]"));

        Assert.Equal(413, read.Failure!.Status);
    }

    public static TheoryData<Action<JsonObject>, string, string> Violations() => new()
    {
        { i => i.Remove("itemId"), "itemId", "is required" },
        { i => i["itemId"] = new string('m', 129), "itemId", "at most 128" },
        { i => i["itemId"] = 12, "itemId", "must be a string" },
        { i => i.Remove("title"), "title", "is required" },
        { i => i["title"] = new string('t', 513), "title", "at most 512" },
        { i => i["categories"] = "Comedy", "categories", "must be an array" },
        { i => i["categories"] = new JsonArray("a", 3), "categories", "entry 1 must be a string" },
        { i => i["categories"] = new JsonArray(Enumerable.Range(0, 33).Select(n => (JsonNode?)JsonValue.Create($"c{n}")).ToArray()), "categories", "more than 32" },
        { i => i["categories"] = new JsonArray(new string('c', 65)), "categories", "1 to 64 characters" },
        { i => i["categories"] = new JsonArray(""), "categories", "1 to 64 characters" },
        { i => i["createdAt"] = "1995-11-22", "createdAt", "explicit offset" },
        { i => i["createdAt"] = 1995, "createdAt", "must be an ISO-8601 string" },
        { i => i["description"] = new string('d', 4001), "description", "at most 4000" },
        { i => i["description"] = new JsonArray("d"), "description", "must be a string" },
        { i => i["tags"] = "heist", "tags", "must be an array" },
        { i => i["tags"] = new JsonArray("heist", 3), "tags", "entry 1 must be a string" },
        { i => i["tags"] = new JsonArray(Enumerable.Range(0, 33).Select(n => (JsonNode?)JsonValue.Create($"t{n}")).ToArray()), "tags", "more than 32" },
        { i => i["tags"] = new JsonArray(new string('t', 65)), "tags", "1 to 64 characters" },
        { i => i["tags"] = new JsonArray("  "), "tags", "not only white space" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_rule_names_the_item_the_field_and_the_reason(Action<JsonObject> breakIt, string field, string reason)
    {
        var bad = Valid();
        breakIt(bad);

        var read = Reader.Read(Bytes($"[{Valid().ToJsonString()},{bad.ToJsonString()}]"));

        Assert.Single(read.Values);
        var error = Assert.Single(read.Errors);
        Assert.Equal((1, field), (error.Index, error.Field));
        Assert.Contains(reason, error.Reason);
        Assert.Equal(field == "itemId" ? null : "m1", error.ItemId);
    }

    [Fact]
    public async Task Item_ingestion_upserts_the_valid_items_and_reports_the_rest()
    {
        var catalog = new InMemoryItemCatalog();
        var ingestion = new ItemIngestion(Reader, catalog, NullLogger<ItemIngestion>.Instance);
        var renamed = Valid();
        renamed["title"] = "Toy Story";

        var result = await ingestion.IngestAsync(Bytes($"[{Valid().ToJsonString()},{{\"itemId\":\"x\"}},{renamed.ToJsonString()}]"));

        Assert.Equal(2, result.Report!.Accepted);
        Assert.Equal((1, "title"), (result.Report.Rejected[0].Index, result.Report.Rejected[0].Field));
        Assert.Equal("Toy Story", (await catalog.GetManyAsync(["m1"]))["m1"].Title);
        Assert.Equal(1, await catalog.CountAsync());
    }

    [Fact]
    public async Task Built_items_are_validated_and_normalized_like_body_items()
    {
        var catalog = new InMemoryItemCatalog();
        var ingestion = new ItemIngestion(Reader, catalog, NullLogger<ItemIngestion>.Instance);

        var report = await ingestion.UpsertAsync(
        [
            new CatalogItem("m1", "Heat", ["Crime", "Crime", "Thriller"], new DateTimeOffset(1995, 12, 15, 0, 0, 0, TimeSpan.FromHours(-5))),
            new CatalogItem("m2", new string('t', 513), []),
        ]);

        Assert.Equal(1, report.Accepted);
        Assert.Equal((1, "m2", "title"), (report.Rejected[0].Index, report.Rejected[0].ItemId, report.Rejected[0].Field));
        var stored = (await catalog.GetManyAsync(["m1", "m2"])).Values.Single();
        Assert.Equal(["Crime", "Thriller"], stored.Categories);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt!.Value.Offset);
    }

    [Fact]
    public async Task A_posted_item_without_a_date_is_new_from_when_the_catalogue_first_sees_it_and_an_edit_keeps_the_stored_date()
    {
        var catalog = new InMemoryItemCatalog();
        var first = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var dated = new DateTimeOffset(1995, 12, 15, 0, 0, 0, TimeSpan.Zero);
        await catalog.UpsertManyAsync([new CatalogItem("imported", "Heat", ["Crime"])]);
        var ingestion = new ItemIngestion(Reader, catalog, NullLogger<ItemIngestion>.Instance, time: new Support.FixedTimeProvider(first));

        await ingestion.IngestAsync(Bytes("""
            [{"itemId":"posted","title":"The Vault"},{"itemId":"imported","title":"Heat (1995)"},{"itemId":"explicit","title":"Casino","createdAt":"1995-12-15T00:00:00Z"}]
            """));
        var later = new ItemIngestion(Reader, catalog, NullLogger<ItemIngestion>.Instance, time: new Support.FixedTimeProvider(first.AddDays(3)));
        await later.IngestAsync(Bytes("""[{"itemId":"posted","title":"The Vault (2001)"}]"""));

        var stored = await catalog.GetManyAsync(["posted", "imported", "explicit"]);
        Assert.Equal(first, stored["posted"].CreatedAt);
        Assert.Equal("The Vault (2001)", stored["posted"].Title);
        Assert.Null(stored["imported"].CreatedAt);
        Assert.Equal(dated, stored["explicit"].CreatedAt);
    }
}
