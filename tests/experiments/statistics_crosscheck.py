"""Independent experiment statistics for the C# cross-check (statsmodels and scipy).

stdin: JSON {"samples": [{"control": {"x": [...], "y": [...]}, "treatment": {...}, "binary": bool,
                          "counts": [...], "shares": [...]}, ...]}
stdout: JSON list, one object per sample:
  difference, lower, upper   Welch t interval (CompareMeans.tconfint_diff, usevar="unequal"), or for binary y the
                             Newcombe hybrid score interval of the difference of proportions
                             (confint_proportions_2indep, method="newcomb")
  cuped_difference, cuped_lower, cuped_upper, variance_reduction
                             theta = OLS slope of y on x over both arms (statsmodels OLS), y - theta (x - mean x),
                             then the same Welch interval
  chi_square, p_value        scipy.stats.chisquare of counts against total * shares
  mde                        NormalIndPower().solve_power(nobs1, ratio, alpha .05, power .8) times the pooled sd
  ratio_difference, ratio_se sum(y)/sum(x) per arm (CTR with users as the unit): the difference and its standard error
                             by a seeded bootstrap of users (4,000 resamples), a method independent of the delta method
"""
import json
import sys

import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW


def welch(control, treatment):
    cm = CompareMeans(DescrStatsW(treatment), DescrStatsW(control))
    lower, upper = cm.tconfint_diff(alpha=0.05, usevar="unequal")
    return float(treatment.mean() - control.mean()), float(lower), float(upper)


out = []
for sample in json.load(sys.stdin)["samples"]:
    xc, yc = np.asarray(sample["control"]["x"], float), np.asarray(sample["control"]["y"], float)
    xt, yt = np.asarray(sample["treatment"]["x"], float), np.asarray(sample["treatment"]["y"], float)
    if sample["binary"]:
        lower, upper = confint_proportions_2indep(int(yt.sum()), len(yt), int(yc.sum()), len(yc), method="newcomb", compare="diff")
        difference = float(yt.mean() - yc.mean())
        lower, upper = float(lower), float(upper)
    else:
        difference, lower, upper = welch(yc, yt)

    x, y = np.concatenate([xc, xt]), np.concatenate([yc, yt])
    theta = sm.OLS(y, sm.add_constant(x)).fit().params[1]
    adjust = lambda xs, ys: ys - theta * (xs - x.mean())
    cuped = welch(adjust(xc, yc), adjust(xt, yt))
    reduction = 1 - np.var(adjust(x, y), ddof=1) / np.var(y, ddof=1)

    counts = np.asarray(sample["counts"], float)
    chi, p = stats.chisquare(counts, f_exp=counts.sum() * np.asarray(sample["shares"], float))

    pooled_sd = np.sqrt(((len(yc) - 1) * np.var(yc, ddof=1) + (len(yt) - 1) * np.var(yt, ddof=1)) / (len(yc) + len(yt) - 2))
    d = NormalIndPower().solve_power(effect_size=None, nobs1=len(yc), alpha=0.05, power=0.8, ratio=len(yt) / len(yc), alternative="two-sided")

    rng = np.random.default_rng(7)
    def ratio_boot(xs, ys):
        idx = rng.integers(0, len(xs), size=(4000, len(xs)))
        return ys[idx].sum(axis=1) / xs[idx].sum(axis=1)
    ratio_difference = yt.sum() / xt.sum() - yc.sum() / xc.sum() if xt.sum() > 0 and xc.sum() > 0 else None
    ratio_se = float(np.std(ratio_boot(xt, yt) - ratio_boot(xc, yc), ddof=1)) if ratio_difference is not None else None

    out.append({
        "ratio_difference": None if ratio_difference is None else float(ratio_difference), "ratio_se": ratio_se,
        "difference": difference, "lower": lower, "upper": upper,
        "cuped_difference": cuped[0], "cuped_lower": cuped[1], "cuped_upper": cuped[2],
        "variance_reduction": float(reduction),
        "chi_square": float(chi), "p_value": float(p),
        "mde": float(d * pooled_sd),
    })
json.dump(out, sys.stdout)
