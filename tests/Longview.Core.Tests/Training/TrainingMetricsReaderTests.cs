using System.Text;
using Longview.Core.Training.Promotion;

namespace Longview.Core.Tests.Training;

public sealed class TrainingMetricsReaderTests
{
    [Fact]
    public void Reads_the_jobs_metrics_shape()
    {
        var json = """{"version":"20261124T010203Z-abcd1234","protocol":"x","test":{"users":9,"ndcg@10":0.153,"coverage@10":0.41,"mrr":0.1},"popularity":{"test":{"ndcg@10":0.02}},"churn":{"auc":0.81,"users":9}}""";

        Assert.True(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(json), out var version, out var metrics, out _));
        Assert.Equal("20261124T010203Z-abcd1234", version);
        Assert.Equal(new ModelMetrics(0.153, 0.41, 0.81), metrics);
    }

    [Fact]
    public void Reads_the_churn_models_calibration_and_leaves_it_null_for_jobs_that_predate_it()
    {
        var json = """{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"auc":0.8,"brier":0.12,"ece":0.034,"eceBins":10}}""";
        var older = """{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"auc":0.8}}""";

        Assert.True(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var metrics, out _));
        Assert.True(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(older), out _, out var olderMetrics, out _));

        Assert.Equal(new ModelMetrics(0.1, 0.4, 0.8, 0.12, 0.034), metrics);
        Assert.Equal(new ModelMetrics(0.1, 0.4, 0.8, null, null), olderMetrics);
    }

    [Fact]
    public void A_null_churn_auc_is_allowed_and_kept_null()
    {
        var json = """{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"auc":null}}""";

        Assert.True(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var metrics, out _));
        Assert.Null(metrics.ChurnAuc);
    }

    [Theory]
    [InlineData("""[]""", "expected an object")]
    [InlineData("""{"test":{"ndcg@10":0.1,"coverage@10":0.4}}""", "'version'")]
    [InlineData("""{"version":"v","test":{"ndcg@10":"0.1","coverage@10":0.4}}""", "'test.ndcg@10'")]
    [InlineData("""{"version":"v","test":{"ndcg@10":0.1}}""", "'test.coverage@10'")]
    [InlineData("""{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"auc":2}}""", "'churn.auc'")]
    [InlineData("""{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"auc":0.8,"brier":-0.1}}""", "'churn.brier' must be a number in [0, 1]")]
    [InlineData("""{"version":"v","test":{"ndcg@10":0.1,"coverage@10":0.4},"churn":{"ece":"low"}}""", "'churn.ece'")]
    public void Names_the_field_that_is_wrong(string json, string expected)
    {
        Assert.False(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out _, out var error));
        Assert.Contains(expected, error);
    }
}
