using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Lifecycle.Survival;

namespace Longview.Core.Tests.Survival;

public sealed class KaplanMeierProperties
{
    private static Arbitrary<Lifespan[]> Lifespans() =>
        Gen.Choose(0, 40).Zip(Gen.Elements(true, false), (d, c) => new Lifespan(d, c)).ArrayOf().ToArbitrary();

    [Property]
    public Property Survival_starts_at_one_falls_monotonically_and_its_band_brackets_it() =>
        Prop.ForAll(Lifespans(), lifespans =>
        {
            var curve = KaplanMeier.Estimate(lifespans);
            var previous = 1.0;
            foreach (var step in curve.Steps)
            {
                if (step.Survival > previous || step.Survival < 0 || step.Lower > step.Survival || step.Upper < step.Survival || step.Lower < 0 || step.Upper > 1)
                {
                    return false;
                }
                previous = step.Survival;
            }
            return true;
        });

    [Property]
    public Property Without_censoring_survival_is_the_empirical_share_still_alive() =>
        Prop.ForAll(Gen.Choose(0, 40).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), durations =>
        {
            var curve = KaplanMeier.Estimate(durations.Select(d => new Lifespan(d, true)));
            return curve.Steps.All(s => Math.Abs(s.Survival - ((double)durations.Count(d => d > s.Time) / durations.Length)) < 1e-12);
        });

    [Property]
    public Property The_restricted_mean_without_censoring_is_the_mean_of_capped_lifespans() =>
        Prop.ForAll(Gen.Choose(0, 40).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (durations, horizon) =>
        {
            var curve = KaplanMeier.Estimate(durations.Select(d => new Lifespan(d, true)));
            return Math.Abs(curve.RestrictedMean(horizon) - durations.Average(d => Math.Min(d, horizon))) < 1e-9;
        });
}
