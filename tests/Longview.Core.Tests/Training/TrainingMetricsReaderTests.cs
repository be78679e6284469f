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
    public void Names_the_field_that_is_wrong(string json, string expected)
    {
        Assert.False(TrainingMetricsReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out _, out var error));
        Assert.Contains(expected, error);
    }
}
