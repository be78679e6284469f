using Longview.Core.Events;
using Longview.Core.Import;

namespace Longview.Core.Tests.Retention;

public sealed class ImportFormatTests
{
    [Fact]
    public void LastFm_line_becomes_a_like_of_the_artist_at_that_day_midnight_utc()
    {
        Assert.True(LastFmTaggingFormat.TryParse("2\t52\t13\t1\t4\t2009\r\n", 1, out var e, out _));

        Assert.Equal("lastfm-tag:2:52:13", e.EventId);
        Assert.Equal("2", e.UserId);
        Assert.Equal("52", e.ItemId);
        Assert.Equal(EventType.Like, e.Type);
        Assert.Equal(new DateTimeOffset(2009, 4, 1, 0, 0, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Equal("13", e.Context!["tagId"]);
    }

    [Fact]
    public void LastFm_header_is_recognised_with_crlf()
    {
        Assert.True(LastFmTaggingFormat.IsHeader("userID\tartistID\ttagID\tday\tmonth\tyear\r"));
        Assert.False(LastFmTaggingFormat.IsHeader("2\t52\t13\t1\t4\t2009"));
    }

    [Theory]
    [InlineData("2\t52\t13\t1\t4", "line", "expected 6 tab-separated fields, got 5")]
    [InlineData("2\tx52\t13\t1\t4\t2009", "artistID", "'x52' is not a non-negative integer")]
    [InlineData("2\t52\t13\t30\t2\t2009", "day", "2009-02-30 is not a calendar date")]
    [InlineData("2\t52\t13\t1\t13\t2009", "day", "2009-13-01 is not a calendar date")]
    public void LastFm_bad_line_names_field_and_reason(string line, string field, string reason)
    {
        Assert.False(LastFmTaggingFormat.TryParse(line, 7, out _, out var error));

        Assert.Equal(7, error.Index);
        Assert.Equal(field, error.Field);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void LastFm_overlong_line_is_refused()
    {
        Assert.False(LastFmTaggingFormat.TryParse(new string('1', 300), 0, out _, out var error));
        Assert.Equal("line", error.Field);
    }

    [Fact]
    public void Amazon_review_becomes_a_rating_with_overall_at_the_review_time()
    {
        const string line = """{"reviewerID": "A2IBPI20UZIR0U", "asin": "1384719342", "reviewerName": "x", "overall": 5.0, "summary": "good", "unixReviewTime": 1393545600, "reviewTime": "02 28, 2014"}""";

        Assert.True(AmazonReviewsFormat.TryParse(line, 0, out var e, out _));

        Assert.Equal("amazon-review:A2IBPI20UZIR0U:1384719342", e.EventId);
        Assert.Equal("A2IBPI20UZIR0U", e.UserId);
        Assert.Equal("1384719342", e.ItemId);
        Assert.Equal(EventType.Rating, e.Type);
        Assert.Equal(5.0, e.Value);
        Assert.Equal(new DateTimeOffset(2014, 2, 28, 0, 0, 0, TimeSpan.Zero), e.Timestamp);
    }

    [Theory]
    [InlineData("""{"asin": "B1", "overall": 5, "unixReviewTime": 1}""", "reviewerID", "missing or not a string")]
    [InlineData("""{"reviewerID": "A", "asin": "B1", "unixReviewTime": 1}""", "overall", "missing or not a finite number")]
    [InlineData("""{"reviewerID": "A", "asin": "B1", "overall": 4, "unixReviewTime": "1"}""", "unixReviewTime", "missing or not an integer number of seconds")]
    [InlineData("""{"reviewerID": "A", "asin": "B1", "overall": 4, "unixReviewTime": -5}""", "unixReviewTime", "-5 is outside 1970-01-01..9999-12-31")]
    [InlineData("""[1, 2]""", "line", "expected a JSON object, got Array")]
    public void Amazon_bad_line_names_field_and_reason(string line, string field, string reason)
    {
        Assert.False(AmazonReviewsFormat.TryParse(line, 3, out _, out var error));

        Assert.Equal(field, error.Field);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Amazon_line_that_is_not_json_is_refused()
    {
        Assert.False(AmazonReviewsFormat.TryParse("{\"reviewerID\": ", 3, out _, out var error));
        Assert.Equal("line", error.Field);
        Assert.StartsWith("not a JSON object", error.Reason);
    }
}
