#!/usr/bin/env python3
"""The pandas/statsmodels/scipy side of `./dev bench lifecycle`: the lifecycle job's tables over the same users.

Input: a CSV `sampled,first,last,active_days` (days are integers since --start; `sampled` marks the users the C# job
fitted its models on) written by LifecycleBench. Computes, timed apart from loading:
  - lifecycle stages that do not depend on the churn model (new, dormant, churned) by the product's rules;
  - Kaplan-Meier survival per first-seen month with statsmodels' SurvfuncRight (churned = inactive > 90 days, lifespan
    first..last active day; everyone else censored at their age), medians and S(t) at every step;
  - BG/NBD (Fader, Hardie & Lee 2005) on active days of the sampled users, fitted with scipy.optimize, then P(alive)
    and expected active days over the horizon for every user (scipy.special.hyp2f1), summed per cohort.
Prints key=value lines and writes cohort_value.csv and survival.csv for the C# side to compare.
"""
import argparse
import os
import time

import numpy as np
import pandas as pd
from scipy import optimize, special
from statsmodels.duration.survfunc import SurvfuncRight


def bgnbd_negll(log_params, x, tx, T):
    r, alpha, a, b = np.exp(log_params)
    common = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a1 = special.betaln(a, b + x) - special.betaln(a, b) - (r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a2 = np.where(x > 0,
                      special.betaln(a + 1, b + np.maximum(x, 1) - 1) - special.betaln(a, b) - (r + x) * np.log(alpha + tx),
                      -np.inf)
    return -np.sum(common + np.logaddexp(a1, a2))


def fit_bgnbd(x, tx, T):
    start = np.log([1.0, 1.0, 1.0, 1.0])
    first = optimize.minimize(bgnbd_negll, start, args=(x, tx, T), method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-10, "fatol": 1e-10})
    best = optimize.minimize(bgnbd_negll, first.x, args=(x, tx, T), method="BFGS")
    return np.exp(best.x if best.fun <= first.fun else first.x)


def expected_and_alive(params, x, tx, T, t):
    r, alpha, a, b = params
    ratio = (a / (b + np.maximum(x, 1) - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    denominator = 1 + np.where(x > 0, ratio, 0.0)
    z = t / (alpha + T + t)
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    expected = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp) / denominator
    return expected, 1 / denominator


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--start", required=True)
    parser.add_argument("--as-of", type=int, required=True, help="the as-of day, in days since --start")
    parser.add_argument("--horizon-days", type=int, default=365)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()

    loading = time.perf_counter()
    users = pd.read_csv(args.input, dtype={"sampled": np.int8, "first": np.int32, "last": np.int32, "active_days": np.int32})
    print(f"pandas_load_seconds={time.perf_counter() - loading:.6f}")

    clock = time.perf_counter()
    as_of = args.as_of
    start = pd.Timestamp(args.start)
    age = as_of - users["first"].to_numpy()
    recency = as_of - users["last"].to_numpy()
    new = age <= 7
    churned = (~new) & (recency > 90)
    dormant = (~new) & (recency > 30) & (recency <= 90)
    months = (start + pd.to_timedelta(users["first"], unit="D")).dt.strftime("%Y-%m").to_numpy()

    lifespan = np.where(churned, users["last"] - users["first"], age)
    survival_rows = []
    medians = {}
    for cohort in sorted(set(months)) + ["all"]:
        mask = np.ones(len(users), bool) if cohort == "all" else months == cohort
        fit = SurvfuncRight(lifespan[mask].astype(float), churned[mask].astype(float))
        for t, s in zip(fit.surv_times, fit.surv_prob):
            survival_rows.append((cohort, int(t), s))
        medians[cohort] = fit.quantile(0.5)

    x = (users["active_days"] - 1).to_numpy().astype(float)
    tx = (users["last"] - users["first"]).to_numpy() / 7.0
    T = age / 7.0
    sampled = users["sampled"].to_numpy() == 1
    params = fit_bgnbd(x[sampled], tx[sampled], T[sampled])
    expected, alive = expected_and_alive(params, x, tx, T, args.horizon_days / 7.0)
    frame = pd.DataFrame({"cohort": months, "expected": expected, "alive": alive})
    by_cohort = frame.groupby("cohort").agg(users=("expected", "size"), expected=("expected", "sum"), alive=("alive", "mean"))
    total = pd.DataFrame({"users": [len(frame)], "expected": [expected.sum()], "alive": [alive.mean()]}, index=["all"])
    by_cohort = pd.concat([by_cohort, total])
    seconds = time.perf_counter() - clock

    print(f"pandas_seconds={seconds:.6f}")
    print(f"new={int(new.sum())}")
    print(f"dormant={int(dormant.sum())}")
    print(f"churned={int(churned.sum())}")
    for name, value in zip(["r", "alpha", "a", "b"], params):
        print(f"{name}={value:.10f}")
    by_cohort.to_csv(os.path.join(args.out_dir, "cohort_value.csv"), index_label="cohort")
    pd.DataFrame(survival_rows, columns=["cohort", "day", "survival"]).to_csv(os.path.join(args.out_dir, "survival.csv"), index=False)


if __name__ == "__main__":
    main()
