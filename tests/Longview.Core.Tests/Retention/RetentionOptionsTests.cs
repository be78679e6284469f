using Longview.Core.Configuration;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_issue()
    {
        var options = new RetentionOptions();

        Assert.Empty(options.Validate());
        Assert.Equal([1, 3, 7, 14, 30, 60, 90], options.Days);
        Assert.Equal(12, options.Months);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_field()
    {
        var options = new RetentionOptions { Days = [7, 3, 0], Months = 0 };

        var problems = options.Validate();

        Assert.Equal(
            ["Days[1]: 3 is not greater than the previous value (ascending, distinct)", "Days[2]: 0 is outside 1..3650",
             "Days[2]: 0 is not greater than the previous value (ascending, distinct)", "Months: 0 is outside 1..120"],
            problems);
        Assert.Throws<ArgumentException>(() => new DailyRetention(options, default, default, default));
    }

    [Fact]
    public void Lifecycle_problems_are_prefixed_with_the_section()
    {
        var options = new RetentionOptions { Lifecycle = new() { ChurnRiskThreshold = double.NaN } };

        Assert.Equal(["Lifecycle:ChurnRiskThreshold: NaN is outside [0, 1]"], options.Validate());
        var result = new SettingsValidator<RetentionOptions>(RetentionOptions.SectionName).Validate(null, options);
        Assert.Equal(["Retention:Lifecycle:ChurnRiskThreshold: NaN is outside [0, 1]"], result.Failures);
    }
}
