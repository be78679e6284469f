using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class ReportRangeTests
{
    [Theory]
    [InlineData("2024-13-01", null, "from")]
    [InlineData("2024-01-01", "yesterday", "to")]
    [InlineData("2024-01-01T00:00:00Z", null, "from")]
    [InlineData("2024-02-01", "2024-01-31", "from")]
    [InlineData("2000-01-01", "2024-01-01", "to")]
    public void An_invalid_parameter_is_named(string? from, string? to, string parameter)
    {
        Assert.Null(ReportRange.Parse(from, to, out var error));
        Assert.Equal(parameter, error!.Parameter);
    }

    [Fact]
    public void Open_and_closed_ranges_filter_inclusively()
    {
        var range = ReportRange.Parse("2024-01-02", "2024-01-03", out var error)!;
        Assert.Null(error);
        Assert.False(range.Contains(new DateOnly(2024, 1, 1)));
        Assert.True(range.Contains(new DateOnly(2024, 1, 2)));
        Assert.True(range.Contains(new DateOnly(2024, 1, 3)));
        Assert.False(range.Contains(new DateOnly(2024, 1, 4)));
        var open = ReportRange.Parse(null, "2024-01-03", out _)!;
        Assert.True(open.Contains(DateOnly.MinValue));
        Assert.False(open.Contains(new DateOnly(2024, 1, 4)));
    }
}
