using Longview.Core.Lifecycle;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;
using Longview.Core.Tests.Ranking;

namespace Longview.Core.Tests.Retention.Jobs;

/// <summary>Where the retention job's lifecycle segments take churn risk from, and that the report says which.</summary>
public sealed class ChurnRiskSourceTests
{
    // The fixture's clock reads 2024-03-02 01:00; the report is as of the day before, so features "as of" are checkable.
    private static readonly DateOnly AsOf = Days.D("2024-03-01");

    [Theory]
    [InlineData(0.9, "AtRisk")]
    [InlineData(0.25, "Active")] // the threshold is strict: risk 0.25 with the default ChurnRiskThreshold 0.25 is not at risk
    [InlineData(0.1, "Active")]
    public async Task A_user_active_within_seven_days_is_at_risk_exactly_when_the_source_says_risk_above_threshold(double risk, string expected)
    {
        var source = new FixedRiskSource("fake-v1", risk);
        var fixture = new JobFixture(churnRisk: source);
        await fixture.AddUserAsync("steady", EveryDay("2024-01-01", "2024-03-01"));

        var segments = (await fixture.Job.RunAsync(AsOf)).Segments;

        Assert.Equal(expected == "AtRisk" ? 1 : 0, segments.AtRisk);
        Assert.Equal(expected == "Active" ? 1 : 0, segments.Active);
        Assert.Equal("fake-v1", segments.ChurnRiskSource);
        Assert.Equal([AsOf], source.OpenedFor);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task The_stored_segment_report_json_and_csv_name_the_source()
    {
        var fixture = new JobFixture(churnRisk: new FixedRiskSource("model-2024-02-28", 0.9));
        await fixture.AddUserAsync("steady", EveryDay("2024-01-01", "2024-03-01"));

        await fixture.Job.RunAsync(AsOf);

        var stored = fixture.Reports.Reports[(ReportKind.Segments, AsOf)].RowsJson;
        Assert.Equal("model-2024-02-28", Assert.Single(ReportRows.Segments(stored)).ChurnRiskSource);
        Assert.EndsWith(",1,0,0,1,model-2024-02-28\n", ReportRows.Csv(ReportKind.Segments, stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_loaded_model_the_recency_frequency_score_is_used_and_the_report_says_so()
    {
        var withModelSource = new JobFixture(churnRisk: new ModelChurnRiskSource(new NoModel(), new RetentionOptions()));
        var plain = new JobFixture();
        foreach (var fixture in new[] { withModelSource, plain })
        {
            await AddMixedUsersAsync(fixture);
        }

        var segments = (await withModelSource.Job.RunAsync(AsOf)).Segments;

        Assert.Equal("recency-frequency", segments.ChurnRiskSource);
        Assert.Equal((await plain.Job.RunAsync(AsOf)).Segments, segments);
        Assert.Equal(4, segments.Total);
    }

    [Fact]
    public async Task A_model_version_without_a_churn_model_falls_back_to_recency_frequency()
    {
        var model = new ChurnModel("v-seq-only", churn: null);
        var fixture = new JobFixture(churnRisk: new ModelChurnRiskSource(model, new RetentionOptions()));
        await fixture.AddUserAsync("steady", EveryDay("2024-01-01", "2024-03-01"));

        var segments = (await fixture.Job.RunAsync(AsOf)).Segments;

        Assert.Equal("recency-frequency", segments.ChurnRiskSource);
        Assert.Equal(1, segments.Active);
        Assert.Equal(1, model.Disposed);
    }

    [Fact]
    public async Task A_loaded_churn_model_decides_the_at_risk_split_with_features_as_of_the_report_day()
    {
        var model = new ChurnModel("v7", churn: 0.8f);
        var fixture = new JobFixture(churnRisk: new ModelChurnRiskSource(model, new RetentionOptions()));
        await fixture.AddUserAsync("recent", "2024-01-01", "2024-02-10", "2024-02-20", "2024-02-26");

        var segments = (await fixture.Job.RunAsync(AsOf)).Segments;

        Assert.Equal("v7", segments.ChurnRiskSource);
        Assert.Equal(1, segments.AtRisk);
        var features = Assert.Single(model.Inputs);
        // Last active 02-26 and first seen 01-01 (2024 is a leap year), counted to 03-01 (the as-of day), not to the clock's 03-02.
        Assert.Equal((float)Math.Log(1 + 4), features[(int)ChurnFeature.Log1pDaysSinceLastActive], 5);
        Assert.Equal((float)Math.Log(1 + 60), features[(int)ChurnFeature.Log1pDaysSinceFirstSeen], 5);
        Assert.Equal(1f, features[(int)ChurnFeature.ActiveDays7d]);
        Assert.Equal(3f, features[(int)ChurnFeature.ActiveDays30d]);
        Assert.Equal(4f, features[(int)ChurnFeature.ActiveDays90d]);
        Assert.Equal(1, model.Leases);
        Assert.Equal(1, model.Disposed);
    }

    [Fact]
    public async Task A_non_finite_model_output_gives_that_user_the_recency_frequency_score()
    {
        var fixture = new JobFixture(churnRisk: new ModelChurnRiskSource(new ChurnModel("v-nan", churn: float.NaN), new RetentionOptions()));
        await fixture.AddUserAsync("steady", EveryDay("2024-01-01", "2024-03-01"));

        var segments = (await fixture.Job.RunAsync(AsOf)).Segments;

        Assert.Equal(1, segments.Active);
        Assert.Equal("v-nan", segments.ChurnRiskSource);
    }

    [Fact]
    public void A_model_scorer_refuses_a_user_known_only_by_activity_without_naming_the_user()
    {
        using var scorer = new ModelChurnRiskSource(new ChurnModel("v7", churn: 0.2f), new RetentionOptions()).Open(AsOf);

        var error = Assert.Throws<ArgumentNullException>(() => scorer.Score(null, Days.User("u-9", "2024-02-01")));

        // The message names the model and what is missing; user ids never travel in exception messages (they end in logs).
        Assert.Contains("v7", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("u-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merged_tallies_from_different_sources_name_both()
    {
        var classifier = new LifecycleClassifier(new LifecycleOptions());
        var left = new SegmentTally(classifier, AsOf, "v7");
        var right = new SegmentTally(classifier, AsOf, "recency-frequency");
        var same = new SegmentTally(classifier, AsOf, "v7");

        left.Merge(same);
        Assert.Equal("v7", left.Counts().ChurnRiskSource);
        left.Merge(right);
        Assert.Equal("recency-frequency+v7", left.Counts().ChurnRiskSource);
    }

    private static async Task AddMixedUsersAsync(JobFixture fixture)
    {
        await fixture.AddUserAsync("steady", EveryDay("2024-01-01", "2024-03-01"));
        await fixture.AddUserAsync("idle-20", "2024-01-02", "2024-02-10");
        await fixture.AddUserAsync("idle-60", "2023-12-01", "2024-01-01");
        await fixture.AddUserAsync("new", "2024-02-28");
    }

    private static string[] EveryDay(string from, string to)
    {
        var (start, end) = (Days.D(from), Days.D(to));
        return [.. Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(i => start.AddDays(i).ToString("yyyy-MM-dd"))];
    }

    private sealed class FixedRiskSource(string name, double risk) : IChurnRiskSource
    {
        public string Name => name;

        public double Risk => risk;

        public List<DateOnly> OpenedFor { get; } = [];

        public int Disposed { get; private set; }

        public IChurnRiskScorer Open(DateOnly asOf)
        {
            OpenedFor.Add(asOf);
            return new Scorer(this);
        }

        private sealed class Scorer(FixedRiskSource owner) : IChurnRiskScorer
        {
            public string Source => owner.Name;

            public double Score(UserProfile? profile, UserActivity activity) => owner.Risk;

            public void Dispose() => owner.Disposed++;
        }
    }

    /// <summary>A model whose churn head returns a fixed probability and records the features it was given.</summary>
    private sealed class ChurnModel(string version, float? churn) : IModelSource, IModelLease
    {
        public List<float[]> Inputs { get; } = [];

        public int Leases { get; private set; }

        public int Disposed { get; private set; }

        public ModelDescription? Current => new(version, null, null, 1, 4, null);

        public string Version => version;

        public int MaxLength => 4;

        public int ItemCount => 1;

        public IReadOnlyList<ChurnFeature> ChurnFeatures => churn is null ? [] : Enum.GetValues<ChurnFeature>();

        public IModelLease? Acquire()
        {
            Leases++;
            return this;
        }

        public int IndexOf(string itemId) => 0;

        public string ItemAt(int index) => "item";

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores) => throw new NotSupportedException("retention never scores items");

        public float PredictChurn(ReadOnlySpan<float> features)
        {
            Inputs.Add(features.ToArray());
            return churn ?? throw new InvalidOperationException("no churn model");
        }

        public void Dispose() => Disposed++;
    }
}
