#!/usr/bin/env python3
"""The pandas side of `./dev bench retention`: the same daily and monthly tables over the same simulated users.

Input: a CSV `user,day` (day = integer days since --start) written by RetentionBench. The tables are computed
with vectorised pandas/numpy (integer day numbers, hashed integer keys instead of drop_duplicates, one
value_counts per table plus one per N for unbounded retention), the fastest straightforward pandas formulation
we have; loading the file is timed apart. Prints
`pandas_load_seconds=` and `pandas_seconds=` lines for the C# side, and writes daily.csv and monthly.csv in the
format of crosscheck.py so that the C# side can compare every cell.
"""
import argparse
import os
import sys
import time

import numpy as np
import pandas as pd

DAYS = [1, 3, 7, 14, 30, 60, 90]
MONTHS = 12


def cohort_table(first, last, offsets_first, offsets, periods, complete, label, period_label, to_text):
    """Rows (cohort, N) with size, users active at offset exactly N, users whose last period is >= N.

    first/last: per user, first and last period; offsets_first/offsets: per distinct activity row.
    complete(cohort, n) -> bool says whether the cell has elapsed.
    """
    sizes = first.value_counts().sort_index()
    exact = pd.Series(np.asarray(offsets_first) * 100_000 + np.asarray(offsets)).value_counts()
    span = last - first
    later = {n: first[span >= n].value_counts() for n in periods}
    rows_cohort, rows_n, rows_size, rows_retained, rows_later = [], [], [], [], []
    for cohort, size in sizes.items():
        for n in periods:
            rows_cohort.append(to_text(cohort))
            rows_n.append(n)
            rows_size.append(size)
            if complete(cohort, n):
                rows_retained.append(int(exact.get(cohort * 100_000 + n, 0)))
                rows_later.append(int(later[n].get(cohort, 0)))
            else:
                rows_retained.append(None)
                rows_later.append(None)
    table = pd.DataFrame({label: rows_cohort, period_label: rows_n, "cohort_size": rows_size,
                          "retained": pd.array(rows_retained, dtype="Int64"),
                          "retained_or_later": pd.array(rows_later, dtype="Int64")})
    return table


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--start", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args(argv)

    loaded = time.perf_counter()
    raw = pd.read_csv(args.input, dtype={"user": "int64", "day": "int64"})
    load_seconds = time.perf_counter() - loaded

    start = pd.Timestamp(args.start)
    as_of = (pd.Timestamp(args.as_of) - start).days
    started = time.perf_counter()

    # Distinct (user, day) pairs up to the as-of day, through one integer key (hashing beats drop_duplicates).
    user = raw["user"].to_numpy()
    day = raw["day"].to_numpy()
    visible = day <= as_of
    user, day = user[visible], day[visible]
    width = as_of + 1
    pairs = pd.unique(user * width + day)
    user, day = pairs // width, pairs % width
    by_user = pd.DataFrame({"user": user, "day": day}).groupby("user")["day"]
    first_u, last_u = by_user.min(), by_user.max()
    row_first = by_user.transform("min").to_numpy()

    day_offset = day - row_first
    keep = np.isin(day_offset, DAYS)
    daily = cohort_table(first_u, last_u, row_first[keep], day_offset[keep], DAYS,
                         lambda cohort, n: cohort + n <= as_of, "cohort", "day",
                         lambda cohort: (start + pd.Timedelta(days=int(cohort))).strftime("%Y-%m-%d"))

    # Month index of every day of the period through a lookup table (days are small integers).
    calendar = pd.date_range(start, periods=width, freq="D")
    base_month = calendar[0].year * 12 + calendar[0].month - 1
    month_of_day = (calendar.year * 12 + calendar.month - 1).to_numpy() - base_month
    last_complete = month_of_day[as_of] if (calendar[as_of] + pd.Timedelta(days=1)).month != calendar[as_of].month else month_of_day[as_of] - 1
    first_month_u = pd.Series(month_of_day[first_u.to_numpy()], index=first_u.index)
    last_month_u = pd.Series(month_of_day[last_u.to_numpy()], index=last_u.index)
    row_first_month = month_of_day[row_first]
    month_offset = month_of_day[day] - row_first_month
    keep = (month_offset >= 1) & (month_offset <= MONTHS)
    user_months = pd.unique(user[keep] * 16 + month_offset[keep])
    month_users, month_offsets = user_months // 16, user_months % 16
    month_firsts = first_month_u.to_numpy()[first_u.index.get_indexer(month_users)]
    monthly = cohort_table(first_month_u, last_month_u, month_firsts, month_offsets,
                           list(range(1, MONTHS + 1)), lambda cohort, n: cohort + n <= last_complete, "cohort_month", "month",
                           lambda cohort: f"{(base_month + int(cohort)) // 12:04d}-{(base_month + int(cohort)) % 12 + 1:02d}-01")
    seconds = time.perf_counter() - started

    os.makedirs(args.out_dir, exist_ok=True)
    daily.to_csv(os.path.join(args.out_dir, "daily.csv"), index=False, lineterminator="\n")
    monthly.to_csv(os.path.join(args.out_dir, "monthly.csv"), index=False, lineterminator="\n")
    print(f"pandas_load_seconds={load_seconds:.3f}")
    print(f"pandas_seconds={seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
