using Longview.Core.Lifecycle.Value;
using Longview.Core.Retention;

namespace Longview.Core.Lifecycle.Churn;

/// <summary>
/// The temporal churn protocol: features as of a cut-off day from activity up to it, label = no activity in the
/// following N days, for every user active by the cut-off. Each score is judged on the same users: a recency-only
/// baseline, today's transparent recency–frequency score, BG/NBD's 1 − P(alive) and its P(no activity in N days), and
/// a logistic model over richer features trained one horizon earlier (cut-off − N, labels up to the cut-off), so nothing
/// it learns comes from after the cut-off.
/// </summary>
public static class TemporalChurnEvaluation
{
    public const string Recency = "recency only";
    public const string RecencyFrequency = "recency-frequency score";
    public const string BgNbdAlive = "BG/NBD 1 - P(alive)";
    public const string BgNbdNoActivity = "BG/NBD P(none in N days)";
    public const string Logistic = "logistic (features + P(alive))";

    public static IReadOnlyList<ChurnMethodResult> Run(IReadOnlyList<UserActivity> users, DateOnly cutoff, int horizonDays, LifecycleOptions lifecycle) =>
        Score(users, cutoff, horizonDays, lifecycle)
            .Select(m => new ChurnMethodResult(m.Method, ChurnScorecard.Evaluate(m.Users.Select(u => (u.Risk, u.Churned)).ToList())))
            .ToList();

    /// <summary>Every method's risk per user (the same users for each), for scorecards and for choosing the at-risk threshold.</summary>
    public static IReadOnlyList<ChurnMethodScores> Score(IReadOnlyList<UserActivity> users, DateOnly cutoff, int horizonDays, LifecycleOptions lifecycle)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonDays);
        var weeks = horizonDays / 7.0;
        var test = Snapshot(users, cutoff, horizonDays);
        if (test.Count == 0)
        {
            throw new ArgumentException($"no user was active by the cut-off {cutoff:yyyy-MM-dd}", nameof(users));
        }
        var trainingCutoff = cutoff.AddDays(-horizonDays);
        var training = Snapshot(users, trainingCutoff, horizonDays);

        var bgNbd = BgNbdModel.Fit(test.Select(u => u.Features.History).ToList());
        var score = new RecencyFrequencyChurnScore(lifecycle);
        var results = new List<ChurnMethodScores>
        {
            Scored(Recency, test, u => u.Features.RecencyDays / (double)(u.Features.RecencyDays + horizonDays)),
            Scored(RecencyFrequency, test, u => score.Score(u.Activity, cutoff)),
            Scored(BgNbdAlive, test, u => 1 - bgNbd.ProbabilityAlive(u.Features.History)),
            Scored(BgNbdNoActivity, test, u => bgNbd.ProbabilityNoPurchases(u.Features.History, weeks)),
        };
        if (training.Count > 0 && training.Any(u => u.Churned) && training.Any(u => !u.Churned))
        {
            var trainingBgNbd = BgNbdModel.Fit(training.Select(u => u.Features.History).ToList());
            var model = LogisticChurnModel.Fit(
                training.Select(u => u.Features.Vector(trainingBgNbd.ProbabilityAlive(u.Features.History))).ToList(),
                training.Select(u => u.Churned).ToList());
            results.Add(Scored(Logistic, test, u => model.Predict(u.Features.Vector(bgNbd.ProbabilityAlive(u.Features.History)))));
        }
        return results;
    }

    private sealed record Labelled(UserActivity Activity, ChurnFeatures Features, bool Churned);

    private static List<Labelled> Snapshot(IReadOnlyList<UserActivity> users, DateOnly asOf, int horizonDays) =>
        users.Select(u => (User: u, Features: ChurnFeatures.AsOf(u, asOf)))
            .Where(u => u.Features is not null)
            .Select(u => new Labelled(u.User, u.Features!, ChurnFeatures.ChurnedAfter(u.User, asOf, horizonDays)))
            .ToList();

    private static ChurnMethodScores Scored(string method, List<Labelled> users, Func<Labelled, double> risk) =>
        new(method, users.Select(u => new ChurnMethodScores.User(Math.Clamp(risk(u), 0, 1), u.Churned, u.Features.RecencyDays)).ToList());
}
