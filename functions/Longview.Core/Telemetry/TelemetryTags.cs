namespace Longview.Core.Telemetry;

/// <summary>The tag names of Longview's instruments and spans (OpenTelemetry style: lowercase, dotted, namespaced).</summary>
public static class TelemetryTags
{
    /// <summary>The version of the model that served, or <c>fallback</c>.</summary>
    public const string ModelVersion = "longview.model.version";

    /// <summary>Which list answered: <c>model</c>, <c>cold_start</c> (model loaded, history too short or model failed) or <c>fallback</c> (no model).</summary>
    public const string RecommendationSource = "longview.recommendation.source";

    public const string Segment = "longview.segment";

    /// <summary>The failing part of a model: <c>sequence</c> or <c>churn</c>.</summary>
    public const string ModelPart = "longview.model.part";

    /// <summary>A store operation's name, as the adapters and <see cref="Resilience.TransientRetry"/> name it.</summary>
    public const string Operation = "longview.operation";

    public const string Container = "longview.container";

    /// <summary>The workflow step a <c>longview.step</c> span ran (<c>SubmitJob</c>, <c>RetentionRunDay</c>, ...).</summary>
    public const string Step = "longview.step.name";

    /// <summary>How a job run or day ended: training <c>promoted</c>/<c>rejected</c>/<c>failed</c>, retention <c>succeeded</c>/<c>failed</c>.</summary>
    public const string Outcome = "longview.outcome";
}
