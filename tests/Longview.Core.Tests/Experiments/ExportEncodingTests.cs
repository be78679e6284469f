using Longview.Core.Experiments;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Experiments;

/// <summary>The shared pieces the CRM exports use: formula-safe CSV text and the exposure log's opaque cursor.</summary>
public sealed class ExportEncodingTests
{
    [Theory]
    [InlineData("u-1", "u-1")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@sum", "'@sum")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void Csv_text_is_quoted_and_never_starts_a_formula(string value, string written) =>
        Assert.Equal(written, RetentionCsv.Text(value));

    [Fact]
    public void An_exposure_cursor_round_trips_and_a_foreign_one_is_refused()
    {
        Assert.Equal("user é/42", ExposureCursor.Decode(ExposureCursor.Encode("user é/42")));
        Assert.Null(ExposureCursor.Decode(null));
        Assert.Throws<InvalidCursorException>(() => ExposureCursor.Decode("not base64url!"));
    }
}
