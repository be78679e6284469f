using Longview.Core.Lifecycle;
using Longview.Core.Retention.Jobs;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Retention;

/// <summary>Which churn risk the self-hosted retention job uses in each composition.</summary>
public sealed class ChurnRiskRegistrationTests
{
    [Fact]
    public async Task Serving_composition_takes_risk_from_the_model_source_and_reports_recency_frequency_until_a_model_is_loaded()
    {
        using var folder = new TempFolder();
        await using var services = new ServiceCollection().AddLogging()
            .AddLongviewLocal(folder.Path).AddLongviewServing(new LocalServingOptions()).BuildServiceProvider();

        Assert.IsType<ModelChurnRiskSource>(services.GetRequiredService<IChurnRiskSource>());
        var reports = await services.GetRequiredService<RetentionCalculator>().ComputeAsync(new DateOnly(2026, 11, 19));
        Assert.Equal("recency-frequency", reports.Segments.ChurnRiskSource);
    }

    [Fact]
    public async Task Without_serving_cli_verbs_keep_the_recency_frequency_score()
    {
        using var folder = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(folder.Path).BuildServiceProvider();

        Assert.IsType<RecencyFrequencyChurnRiskSource>(services.GetRequiredService<IChurnRiskSource>());
    }
}
