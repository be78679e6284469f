using Longview.Core.Import;

namespace Longview.Local.Tests.Import;

public sealed class MovieLensCsvFormatTests
{
    private readonly MovieLensCsvFormat _format = new();

    [Fact]
    public void Quoted_titles_keep_their_commas_and_genres_become_categories()
    {
        var item = _format.ParseItem("11,\"American President, The (1995)\",Comedy|Drama|Romance").Value!;

        Assert.Equal("11", item.ItemId);
        Assert.Equal("American President, The (1995)", item.Title);
        Assert.Equal(["Comedy", "Drama", "Romance"], item.Categories);
    }

    [Fact]
    public void No_genres_listed_gives_no_categories()
    {
        Assert.Empty(_format.ParseItem("5,Nothing (2000),(no genres listed)").Value!.Categories);
    }

    [Fact]
    public void Half_star_ratings_keep_their_value()
    {
        var e = _format.ParseEvent("1,3,4.5,964981247").Value!;

        Assert.Equal(4.5, e.Value);
        Assert.Equal("ml-1-3-964981247", e.EventId);
    }

    [Theory]
    [InlineData("1,3,4.0", "expected userId,movieId,rating,timestamp")]
    [InlineData("1,3,NaN,964981247", "rating: 'NaN' is not a number")]
    public void Bad_lines_name_the_field(string line, string error) =>
        Assert.Equal(error, _format.ParseEvent(line).Error);

    [Fact]
    public void The_header_line_is_skipped_by_declaration() => Assert.Equal(1, _format.HeaderLines);
}
