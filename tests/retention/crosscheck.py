#!/usr/bin/env python3
"""Independent pandas computation of Longview's retention tables, straight from the raw dataset files.

Written from the definitions in functions/Longview.Core/Retention/README.md without sharing any code with the
C# implementation; the xunit test RetentionCrossCheckTests runs it and requires exact equality of every cell.

  /usr/bin/python3 tests/retention/crosscheck.py --dataset lastfm --input .../user_taggedartists.dat \
      --as-of 2010-12-31 --activity-from 2010-01-01 --out-dir /tmp/out

writes daily.csv, monthly.csv and activity.csv (counts only; a cell not yet elapsed on the as-of day is empty).
"""
import argparse
import json
import os
import sys

import pandas as pd

DEFAULT_DAYS = "1,3,7,14,30,60,90"


def load_lastfm(path):
    """user_taggedartists.dat: tab-separated with header, CRLF; one tagging per line at day/month/year."""
    raw = pd.read_csv(path, sep="\t", dtype=str)
    raw.columns = [c.strip() for c in raw.columns]
    dates = pd.to_datetime(
        pd.DataFrame({"year": raw["year"].str.strip().astype(int),
                      "month": raw["month"].str.strip().astype(int),
                      "day": raw["day"].str.strip().astype(int)}))
    return pd.DataFrame({"user": raw["userID"].str.strip(), "date": dates})


def load_amazon(path):
    """JSON lines: reviewerID and unixReviewTime (UTC seconds) are all that activity needs."""
    users, seconds = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            users.append(record["reviewerID"])
            seconds.append(int(record["unixReviewTime"]))
    dates = pd.to_datetime(pd.Series(seconds, dtype="int64"), unit="s").dt.floor("D")
    return pd.DataFrame({"user": users, "date": dates})


def as_counts(table):
    """Integer columns that stay integers with missing cells (written as empty fields)."""
    for column in ("retained", "retained_or_later"):
        table[column] = table[column].astype("Int64")
    return table


def visible_activity(events, as_of):
    """Distinct (user, UTC day) pairs known on the as-of day."""
    return events[events["date"] <= as_of][["user", "date"]].drop_duplicates().reset_index(drop=True)


def daily_table(activity, as_of, days):
    per_user = activity.groupby("user")["date"].agg(first="min", last="max")
    joined = activity.merge(per_user, left_on="user", right_index=True)
    joined["offset"] = (joined["date"] - joined["first"]).dt.days
    per_user["span"] = (per_user["last"] - per_user["first"]).dt.days
    sizes = per_user.groupby("first").size()
    rows = []
    for n in days:
        exactly = joined[joined["offset"] == n].groupby("first")["user"].nunique()
        or_later = per_user[per_user["span"] >= n].groupby("first").size()
        for cohort, size in sizes.items():
            complete = cohort + pd.Timedelta(days=n) <= as_of
            rows.append({
                "cohort": cohort.strftime("%Y-%m-%d"), "day": n, "cohort_size": int(size),
                "retained": int(exactly.get(cohort, 0)) if complete else None,
                "retained_or_later": int(or_later.get(cohort, 0)) if complete else None,
            })
    table = pd.DataFrame(rows, columns=["cohort", "day", "cohort_size", "retained", "retained_or_later"])
    return as_counts(table.sort_values(["cohort", "day"], kind="stable").reset_index(drop=True))


def monthly_table(activity, as_of, months):
    activity = activity.copy()
    activity["period"] = activity["date"].dt.to_period("M")
    activity["ordinal"] = pd.PeriodIndex(activity["period"]).asi8
    per_user = activity.groupby("user").agg(first=("ordinal", "min"), last=("ordinal", "max"),
                                            first_period=("period", "min"))
    joined = activity.merge(per_user[["first"]], left_on="user", right_index=True)
    joined["offset"] = joined["ordinal"] - joined["first"]
    per_user["span"] = per_user["last"] - per_user["first"]
    sizes = per_user.groupby("first_period").size()
    first_by_period = per_user.groupby("first_period")["first"].first()
    rows = []
    for n in range(1, months + 1):
        exactly = joined[joined["offset"] == n].groupby("first")["user"].nunique()
        or_later = per_user[per_user["span"] >= n].groupby("first").size()
        for period, size in sizes.items():
            target = period + n
            complete = target.end_time.normalize() <= as_of
            key = first_by_period[period]
            rows.append({
                "cohort_month": period.start_time.strftime("%Y-%m-%d"), "month": n, "cohort_size": int(size),
                "retained": int(exactly.get(key, 0)) if complete else None,
                "retained_or_later": int(or_later.get(key, 0)) if complete else None,
            })
    table = pd.DataFrame(rows, columns=["cohort_month", "month", "cohort_size", "retained", "retained_or_later"])
    return as_counts(table.sort_values(["cohort_month", "month"], kind="stable").reset_index(drop=True))


def distinct_users_in_window(activity, window, start, end):
    """Per day d of [start, end]: distinct users active on some day of [d - window + 1, d]."""
    spread = pd.concat([
        pd.DataFrame({"user": activity["user"], "day": activity["date"] + pd.Timedelta(days=k)})
        for k in range(window)
    ]).drop_duplicates()
    counts = spread.groupby("day")["user"].nunique()
    return counts.reindex(pd.date_range(start, end, freq="D"), fill_value=0)


def activity_table(activity, start, end):
    dau = distinct_users_in_window(activity, 1, start, end)
    wau = distinct_users_in_window(activity, 7, start, end)
    mau = distinct_users_in_window(activity, 30, start, end)
    return pd.DataFrame({
        "day": [d.strftime("%Y-%m-%d") for d in dau.index],
        "dau": dau.values.astype(int), "wau": wau.values.astype(int), "mau": mau.values.astype(int),
    })


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=["lastfm", "amazon"], required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--as-of", required=True, help="YYYY-MM-DD, inclusive")
    parser.add_argument("--days", default=DEFAULT_DAYS)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--activity-from", help="first day of the DAU/WAU/MAU series (default: as-of - 89 days)")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--min-timestamp", default="1990-01-01",
                        help="records before this UTC day are dropped, as the event contract's MinTimestamp rejects them")
    args = parser.parse_args(argv)

    as_of = pd.Timestamp(args.as_of)
    days = [int(d) for d in args.days.split(",")]
    events = load_lastfm(args.input) if args.dataset == "lastfm" else load_amazon(args.input)
    # The event contract refuses timestamps before its MinTimestamp (EventLimits, 1990-01-01): Longview's import
    # rejects those records (Last.fm has 5, dated 1956-1979), so the independent side drops them by the same rule.
    events = events[events["date"] >= pd.Timestamp(args.min_timestamp)]
    activity = visible_activity(events, as_of)
    activity_from = pd.Timestamp(args.activity_from) if args.activity_from else as_of - pd.Timedelta(days=89)

    os.makedirs(args.out_dir, exist_ok=True)
    daily_table(activity, as_of, days).to_csv(os.path.join(args.out_dir, "daily.csv"), index=False, lineterminator="\n")
    monthly_table(activity, as_of, args.months).to_csv(os.path.join(args.out_dir, "monthly.csv"), index=False, lineterminator="\n")
    activity_table(activity, activity_from, as_of).to_csv(os.path.join(args.out_dir, "activity.csv"), index=False, lineterminator="\n")
    print(f"{args.dataset}: {len(events)} events, {activity['user'].nunique()} users as of {args.as_of}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
