using Longview.Core.Lifecycle.Churn;
using Longview.Core.Lifecycle.Value;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// Everything the lifecycle job fitted as of one day, small enough to be read per request: the value model (BG/NBD on
/// purchase days with Gamma-Gamma spend, or BG/NBD on active days), BG/NBD on active days for P(alive), the logistic churn
/// model, the RFM quintile cuts and the behavioural groups. Stored as JSON next to the day's member lists; a model
/// missing a part (too few users to fit it) makes the scorer fall back, and says so.
/// </summary>
public sealed record LifecycleModel
{
    public required DateOnly AsOf { get; init; }

    public required int HorizonDays { get; init; }

    public required int ChurnHorizonDays { get; init; }

    public required long UsersFitted { get; init; }

    public required ValueBasis Basis { get; init; }

    /// <summary>BG/NBD over purchase days (<see cref="ValueBasis.Purchases"/>) or active days, time in weeks.</summary>
    public BgNbdModel? Value { get; init; }

    /// <summary>Gamma-Gamma spend per purchase day; null without money or when it would not fit (then <see cref="MeanSpend"/>).</summary>
    public GammaGammaModel? Spend { get; init; }

    /// <summary>Mean spend of a repeat purchase day in the sample.</summary>
    public double MeanSpend { get; init; }

    /// <summary>BG/NBD over active days as of <see cref="AsOf"/>: the P(alive) the churn model reads.</summary>
    public BgNbdModel? Activity { get; init; }

    /// <summary>The logistic churn model; null when the history is shorter than the churn horizon or one class is missing.</summary>
    public ChurnModelParameters? Churn { get; init; }

    public required RfmCuts Rfm { get; init; }

    public GroupParameters? Groups { get; init; }
}

/// <summary>A fitted <see cref="LogisticChurnModel"/> with what it was fitted on.</summary>
public sealed record ChurnModelParameters(double[] Mean, double[] Scale, double[] Weights, int TrainingUsers, double TrainingChurnRate)
{
    public LogisticChurnModel ToModel() => LogisticChurnModel.FromParameters(Standardisation.FromParameters(Mean, Scale), Weights);

    public static ChurnModelParameters Of(LogisticChurnModel model, int trainingUsers, double churnRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new([.. model.Scaling.Mean], [.. model.Scaling.Scale], [.. model.Weights], trainingUsers, churnRate);
    }
}

/// <summary>Behavioural groups as persisted: the scaling, the centroids (z-scores) and each group in words.</summary>
public sealed record GroupParameters(double[] Mean, double[] Scale, double[][] Centroids, string[] Descriptions, double Silhouette);
