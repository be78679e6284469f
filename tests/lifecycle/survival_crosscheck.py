"""Independent Kaplan-Meier figures for the C# cross-check (statsmodels' SurvfuncRight).

stdin: JSON {"samples": [{"durations": [...], "churned": [0|1, ...], "horizon": h}, ...]}
stdout: JSON list, one object per sample: times, at_risk, events, survival, se, median, median_ci, restricted_mean.
The restricted mean is the area under statsmodels' step function up to the horizon, integrated here.
"""
import json
import math
import sys

import numpy as np
from statsmodels.duration.survfunc import SurvfuncRight


def finite(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else (float("inf") if x == np.inf else float(x))


def restricted_mean(times, surv, horizon):
    area, prev_t, s = 0.0, 0.0, 1.0
    for t, p in zip(times, surv):
        if t >= horizon:
            break
        area += s * (t - prev_t)
        prev_t, s = t, p
    return area + s * (horizon - prev_t)


out = []
for sample in json.load(sys.stdin)["samples"]:
    sf = SurvfuncRight(np.asarray(sample["durations"], float), np.asarray(sample["churned"], float))
    lb, ub = sf.quantile_ci(0.5)
    out.append({
        "times": sf.surv_times.tolist(),
        "at_risk": sf.n_risk.astype(int).tolist(),
        "events": sf.n_events.astype(int).tolist(),
        "survival": sf.surv_prob.tolist(),
        # Greenwood's error is NaN once S reaches 0 (n = d); JSON has no NaN: null there.
        "se": [None if math.isnan(x) else x for x in sf.surv_prob_se.tolist()],
        "median": finite(sf.quantile(0.5)),
        "median_ci": [finite(lb), "inf" if ub == np.inf else finite(ub)],
        "restricted_mean": restricted_mean(sf.surv_times.tolist(), sf.surv_prob.tolist(), sample["horizon"]),
    })
json.dump(out, sys.stdout)
