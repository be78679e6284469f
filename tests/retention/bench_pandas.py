#!/usr/bin/env python3
"""The pandas side of `./dev bench retention`: the same daily and monthly tables over the same simulated users.

Input: a CSV `user,day` (day = days since --start) written by RetentionBench. Uses the table functions of
crosscheck.py (the independent implementation) and times them apart from loading the file. Prints one line
`pandas_seconds=<s>` for the C# side to read, and writes daily.csv and monthly.csv for it to compare.
"""
import argparse
import os
import sys
import time

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck  # noqa: E402


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--start", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args(argv)

    loaded = time.perf_counter()
    raw = pd.read_csv(args.input, dtype={"user": "int64", "day": "int64"})
    events = pd.DataFrame({"user": raw["user"], "date": pd.Timestamp(args.start) + pd.to_timedelta(raw["day"], unit="D")})
    load_seconds = time.perf_counter() - loaded

    as_of = pd.Timestamp(args.as_of)
    started = time.perf_counter()
    activity = crosscheck.visible_activity(events, as_of)
    daily = crosscheck.daily_table(activity, as_of, [int(d) for d in crosscheck.DEFAULT_DAYS.split(",")])
    monthly = crosscheck.monthly_table(activity, as_of, 12)
    seconds = time.perf_counter() - started

    os.makedirs(args.out_dir, exist_ok=True)
    daily.to_csv(os.path.join(args.out_dir, "daily.csv"), index=False, lineterminator="\n")
    monthly.to_csv(os.path.join(args.out_dir, "monthly.csv"), index=False, lineterminator="\n")
    print(f"pandas_load_seconds={load_seconds:.3f}")
    print(f"pandas_seconds={seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
