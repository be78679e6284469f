using System.IO.Hashing;
using System.Text;
using Longview.Core.Lifecycle.Churn;
using Longview.Core.Lifecycle.Segments;
using Longview.Core.Lifecycle.Value;
using Longview.Core.Profiles;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// The first pass of the lifecycle job: keeps a deterministic sample of at most <see cref="LifecycleJobOptions.FitSampleUsers"/>
/// users (those with the smallest 64-bit hashes of their ids, so the sample does not depend on the scan order and memory
/// does not grow with the user count), then fits every lifecycle model on it. The churn model learns from the day one
/// churn horizon before the as-of day (features then, label = inactive since), so it never sees after the as-of day.
/// </summary>
public sealed class LifecycleFitting
{
    private readonly LifecycleJobOptions _job;
    private readonly PriorityQueue<Sampled, ulong> _sample; // max-heap on the hash: the root is evicted first

    public LifecycleFitting(LifecycleJobOptions job, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.EnsureValid();
        _job = job;
        AsOf = asOf;
        _sample = new PriorityQueue<Sampled, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
    }

    public DateOnly AsOf { get; }

    public long UsersScanned { get; private set; }

    /// <summary>Offers one profile to the sample.</summary>
    public void Add(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        UsersScanned++;
        var hash = SampleKey(profile.UserId);
        if (_sample.Count == _job.FitSampleUsers && _sample.TryPeek(out _, out var largest) && hash >= largest)
        {
            return;
        }
        if (Sample(profile) is not { } sampled)
        {
            return;
        }
        if (_sample.Count == _job.FitSampleUsers)
        {
            _sample.EnqueueDequeue(sampled, hash);
        }
        else
        {
            _sample.Enqueue(sampled, hash);
        }
    }

    /// <summary>The key the sample keeps the smallest of: a 64-bit hash of the user id (so a peer can name the same sample).</summary>
    public static ulong SampleKey(string userId) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(userId));

    /// <summary>Fits every model on the sample; parts that cannot be fitted (too few users, one class) are left out.</summary>
    public LifecycleModel Fit()
    {
        var rows = _sample.UnorderedItems.OrderBy(i => i.Priority).Select(i => i.Element).ToList();
        var purchaseHistories = rows.Where(r => r.Now.Purchases is not null).Select(r => r.Now.Purchases!.Value).ToList();
        var repeatBuyers = purchaseHistories.Count(h => h.Frequency > 0);
        // Money is modelled only where purchases carry it: purchases without values leave value in active days.
        var basis = purchaseHistories.Count(h => h.Frequency > 0 && h.MonetaryValue > 0) >= _job.MinRepeatBuyers ? ValueBasis.Purchases : ValueBasis.ActiveDays;
        var activityHistories = rows.Select(r => r.Now.Churn.History).ToList();
        var activity = FitBgNbd(activityHistories);
        return new LifecycleModel
        {
            AsOf = AsOf,
            HorizonDays = _job.HorizonDays,
            ChurnHorizonDays = _job.ChurnHorizonDays,
            UsersFitted = rows.Count,
            Basis = basis,
            Value = basis == ValueBasis.Purchases ? FitBgNbd(purchaseHistories) : activity,
            Spend = basis == ValueBasis.Purchases ? FitSpend(purchaseHistories) : null,
            MeanSpend = repeatBuyers == 0 ? 0 : purchaseHistories.Where(h => h.Frequency > 0).Average(h => h.MonetaryValue),
            Activity = activity,
            Churn = FitChurn(rows),
            Rfm = RfmCuts.Fit([.. rows.Select(r => RfmValues(r.Now, basis))]),
            Groups = FitGroups(rows),
        };
    }

    /// <summary>The RFM inputs of a user: recency in days, frequency and revenue (purchase days, or active days without money).</summary>
    public static RfmTiers.RfmValues RfmValues(UserSnapshot user, ValueBasis basis)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserId, user.Churn.RecencyDays, basis == ValueBasis.Purchases ? user.PurchaseDays : user.Churn.ActiveDaysTotal, user.Revenue);
    }

    private sealed record Sampled(UserSnapshot Now, ChurnFeatures? Before, bool ChurnedSince);

    private Sampled? Sample(UserProfile profile)
    {
        if (UserSnapshot.Of(profile, AsOf) is not { } now)
        {
            return null;
        }
        var before = AsOf.AddDays(-_job.ChurnHorizonDays);
        var then = ChurnFeatures.AsOf(now.Activity, before);
        return new Sampled(now, then, then is not null && ChurnFeatures.ChurnedAfter(now.Activity, before, _job.ChurnHorizonDays));
    }

    private BgNbdModel? FitBgNbd(List<PurchaseHistory> histories) =>
        histories.Count >= 10 && histories.Any(h => h.Frequency > 0) ? Attempt(() => BgNbdModel.Fit(histories, _job.FitEvaluations)) : null;

    private GammaGammaModel? FitSpend(List<PurchaseHistory> histories) =>
        histories.Count(h => h.Frequency > 0 && h.MonetaryValue > 0) >= _job.MinRepeatBuyers
            ? Attempt<GammaGammaModel>(() => GammaGammaModel.Fit(histories.Where(h => h.MonetaryValue > 0 || h.Frequency == 0)) is { Q: > 1 } spend ? spend : null)
            : null;

    private ChurnModelParameters? FitChurn(List<Sampled> rows)
    {
        var training = rows.Where(r => r.Before is not null).ToList();
        if (training.Count < 20 || training.All(r => r.ChurnedSince) || !training.Any(r => r.ChurnedSince))
        {
            return null;
        }
        var bgNbd = FitBgNbd([.. training.Select(r => r.Before!.History)]);
        var features = training.Select(r => r.Before!.Vector(bgNbd?.ProbabilityAlive(r.Before.History) ?? 1)).ToList();
        var labels = training.Select(r => r.ChurnedSince).ToList();
        return Attempt(() => ChurnModelParameters.Of(LogisticChurnModel.Fit(features, labels), training.Count, labels.Count(l => l) / (double)labels.Count));
    }

    private GroupParameters? FitGroups(List<Sampled> rows)
    {
        var fitted = rows.Take(_job.GroupFitUsers).Select(r => r.Now.GroupFeatures()).ToList();
        if (fitted.Count < 3)
        {
            return null;
        }
        var groups = BehaviouralGroups.Fit(fitted, UserSnapshot.GroupFeatureNames, 2, Math.Min(_job.MaxGroups, fitted.Count - 1));
        return new GroupParameters([.. groups.Scaling.Mean], [.. groups.Scaling.Scale], [.. groups.Centroids], [.. groups.Descriptions], groups.Silhouette);
    }

    // A model that does not converge on this day's data is left out (the scorer falls back), not a failed job.
    private static T? Attempt<T>(Func<T?> fit)
        where T : class
    {
        try
        {
            return fit();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or MathNet.Numerics.Optimization.OptimizationException)
        {
            return null;
        }
    }
}
