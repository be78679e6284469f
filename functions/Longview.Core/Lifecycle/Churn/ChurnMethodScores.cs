namespace Longview.Core.Lifecycle.Churn;

/// <summary>One churn score's risk per user on the temporal protocol, with the label and the user's recency at the cut-off.</summary>
public sealed record ChurnMethodScores(string Method, IReadOnlyList<ChurnMethodScores.User> Users)
{
    /// <summary>Risk in [0, 1], whether the user churned in the horizon, days since the last activity at the cut-off.</summary>
    public readonly record struct User(double Risk, bool Churned, int RecencyDays);
}
