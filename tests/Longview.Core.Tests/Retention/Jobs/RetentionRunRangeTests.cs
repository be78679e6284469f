using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionRunRangeTests
{
    private static readonly RetentionJobOptions Options = new() { MaxBackfillDays = 3 };

    [Theory]
    [InlineData("2024-02-01", null, "to")]
    [InlineData(null, "2024-02-01", "from")]
    [InlineData("2024-02-01", "2024-02-04", "to")]
    public void A_requested_run_without_both_days_or_longer_than_the_backfill_bound_names_the_parameter(string? from, string? to, string parameter)
    {
        var range = ReportRange.Parse(from, to, out _)!;

        Assert.Null(RetentionRunRange.Requested(range, Options, out var error));
        Assert.Equal(parameter, error?.Parameter);
    }

    [Fact]
    public void A_requested_run_within_the_bound_captures_the_days_and_the_settings()
    {
        var range = ReportRange.Parse("2024-02-01", "2024-02-03", out _)!;

        var run = RetentionRunRange.Requested(range, Options, out var error);

        Assert.Null(error);
        Assert.Equal(("2024-02-01", "2024-02-03", 3), (run?.From, run?.To, run?.MaxBackfillDays));
        Assert.StartsWith("retention-2024-02-01-2024-02-03-", run!.InstanceId(Guid.NewGuid()));
    }
}
