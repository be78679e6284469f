using Longview.Core.Campaigns;
using Longview.Core.Experiments.Results;

namespace Longview.Local.Simulation;

/// <summary>
/// The campaign A/A proof's data without the product around it: the same draws of <c>Random(seed)</c> as
/// <see cref="ExperimentProof.RunCampaignAsync"/> (users, pre-period events, post-period returns with no effect), every
/// lapsing user entered, the arm by the campaign's own salt (<see cref="CampaignArm"/>) and Core's intervals
/// (<see cref="Inference"/>). A seed costs microseconds instead of the HTTP path's half second, so false-positive rates
/// can be measured over tens of thousands of seeds; a test checks that it gives the product's intervals seed for seed.
/// </summary>
public static class CampaignProofReplica
{
    /// <summary>The raw intervals of return_d7, reactivated and active_days7d (holdout against treatment) for one seed.</summary>
    public static IReadOnlyDictionary<string, Interval> Run(int seed, int users)
    {
        const int items = 50, days = 14;
        var random = new Random(seed);
        var campaign = new CampaignDefinition { Id = ExperimentProof.CampaignId, Salt = $"winback-{seed}", HoldoutShare = 0.3 };
        var population = Enumerable.Range(0, users).Select(i => (Id: $"lapse-{seed}-{i:00000}", P: 0.1 + 0.5 * random.NextDouble(), Lapsing: i % 10 != 0)).ToList();
        foreach (var (_, p, lapsing) in population)
        {
            for (var d = -40; d <= (lapsing ? -12 : -1); d++)
            {
                if (!lapsing || d == -12 || random.NextDouble() < p)
                {
                    random.Next(items);
                }
            }
        }
        var arms = new[] { new Arm(), new Arm() };
        foreach (var (id, p, _) in population.Where(u => u.Lapsing))
        {
            var arm = CampaignArm.Of(campaign, id) == CampaignArm.Holdout ? 0 : 1;
            int active7 = 0, active = 0;
            for (var d = 1; d <= days; d++)
            {
                if (random.NextDouble() < p / 4)
                {
                    random.Next(items);
                    active++;
                    active7 += d <= 7 ? 1 : 0;
                }
            }
            arms[arm].Add(active7, active);
        }
        var (holdout, treated) = (arms[0], arms[1]);
        return new Dictionary<string, Interval>(StringComparer.Ordinal)
        {
            ["return_d7"] = Inference.ProportionDifference(holdout.Returned, holdout.Users, treated.Returned, treated.Users)!,
            ["reactivated"] = Inference.ProportionDifference(holdout.Reactivated, holdout.Users, treated.Reactivated, treated.Users)!,
            ["active_days7d"] = Inference.WelchDifference(holdout.ActiveDays, treated.ActiveDays)!,
        };
    }

    private sealed class Arm
    {
        public long Users { get; private set; }

        public long Returned { get; private set; }

        public long Reactivated { get; private set; }

        public Moments ActiveDays { get; } = new();

        public void Add(int activeDays7, int activeDays)
        {
            Users++;
            Returned += activeDays7 > 0 ? 1 : 0;
            Reactivated += activeDays > 0 ? 1 : 0;
            ActiveDays.Add(0, activeDays7);
        }
    }
}
