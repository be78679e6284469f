namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// One user's lifecycle as of a day, as <c>GET /api/users/{userId}/lifecycle</c> serves it and the member lists carry it.
/// Value is money over <see cref="HorizonDays"/> (<see cref="ValueBasis"/> "purchases") or expected active days
/// ("active_days"); value at risk = predicted value × churn risk.
/// </summary>
public sealed record UserLifecycle(
    string UserId,
    DateOnly AsOf,
    string Segment,
    double ChurnRisk,
    string ChurnRiskSource,
    bool AtRisk,
    IReadOnlyList<string> Reasons,
    double ProbabilityAlive,
    string ValueBasis,
    int HorizonDays,
    double ExpectedPurchases,
    double PredictedValue,
    double ValueAtRisk,
    double Revenue,
    RfmView Rfm,
    GroupView? Group,
    int LifespanDays,
    int DaysSinceLastActive,
    DateOnly FirstSeen,
    DateOnly LastActive,
    DateOnly? ModelAsOf)
{
    /// <summary>The segment lists the user is a member of: the lifecycle stage, the RFM tier and the behavioural group.</summary>
    public IEnumerable<string> MemberOf()
    {
        yield return Segment;
        yield return SegmentNames.Rfm(Rfm.Tier);
        if (Group is { } group)
        {
            yield return SegmentNames.Group(group.Number);
        }
    }
}

/// <summary>RFM quintile scores 1–5 and the named tier (snake_case, as segments are named).</summary>
public sealed record RfmView(int Recency, int Frequency, int Monetary, string Tier);

/// <summary>The behavioural group (numbered from 1) and its centroid in words.</summary>
public sealed record GroupView(int Number, string Description);
