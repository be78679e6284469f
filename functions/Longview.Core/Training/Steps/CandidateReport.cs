using System.Text.Json;
using Longview.Core.Training.Promotion;

namespace Longview.Core.Training.Steps;

/// <summary>The job's output as read back: its version and metrics, or why they cannot be used.</summary>
public sealed record CandidateReport(string? Version, ModelMetrics? Metrics, JsonElement? RawMetrics, string? Error);
