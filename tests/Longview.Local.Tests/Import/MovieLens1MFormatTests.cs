using Longview.Core.Events;
using Longview.Core.Import;

namespace Longview.Local.Tests.Import;

public sealed class MovieLens1MFormatTests
{
    private readonly MovieLens1MFormat _format = new();

    [Fact]
    public void A_rating_line_becomes_a_rating_event_with_a_deterministic_id()
    {
        var parsed = _format.ParseEvent("1::1193::5::978300760");

        Assert.Null(parsed.Error);
        var e = parsed.Value!;
        Assert.Equal("ml-1-1193-978300760", e.EventId);
        Assert.Equal("1", e.UserId);
        Assert.Equal("1193", e.ItemId);
        Assert.Equal(EventType.Rating, e.Type);
        Assert.Equal(5.0, e.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(978300760), e.Timestamp);
        Assert.Equal(parsed.Value, _format.ParseEvent("1::1193::5::978300760").Value);
    }

    [Theory]
    [InlineData("1::1193::5", "expected UserID::MovieID::Rating::Timestamp")]
    [InlineData("1::1193::five::978300760", "rating: 'five' is not a number")]
    [InlineData("1::1193::5::yesterday", "timestamp: 'yesterday' is not unix seconds")]
    [InlineData("1::1193::5::-5", "timestamp: '-5' is not unix seconds")]
    [InlineData(" ::1193::5::978300760", "userId: empty")]
    [InlineData("1::::5::978300760", "itemId: empty")]
    public void A_bad_rating_line_names_the_field_and_the_reason(string line, string error)
    {
        var parsed = _format.ParseEvent(line);

        Assert.Null(parsed.Value);
        Assert.Equal(error, parsed.Error);
    }

    [Fact]
    public void A_blank_line_is_neither_a_value_nor_an_error()
    {
        Assert.True(_format.ParseEvent("   ").IsBlank);
        Assert.True(_format.ParseItem("").IsBlank);
    }

    [Fact]
    public void A_movie_line_becomes_an_item_whose_genres_are_categories()
    {
        var item = _format.ParseItem("2::Jumanji (1995)::Adventure|Children's|Fantasy").Value!;

        Assert.Equal("2", item.ItemId);
        Assert.Equal("Jumanji (1995)", item.Title);
        Assert.Equal(["Adventure", "Children's", "Fantasy"], item.Categories);
    }

    [Fact]
    public void A_movie_line_without_separators_is_refused()
    {
        Assert.Equal("expected MovieID::Title::Genres", _format.ParseItem("2 Jumanji").Error);
    }
}
