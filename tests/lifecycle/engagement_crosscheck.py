"""Independent engagement tables for the C# cross-check, computed with pandas from the raw events.

stdin: JSON {"as_of": "yyyy-mm-dd", "days": n, "gap_minutes": g,
             "events": [{"user": "...", "type": "view|impression|...", "t": epoch seconds}, ...]}
stdout: JSON [{"days": [...], "cohorts": [...]}], the rows of EngagementDayRow and EngagementCohortRow in snake case.

Definitions (written here from the Lifecycle README, not from the C# code): activity is every event but an impression;
a session is a run of one user's activity events, each less than the gap after the previous one; activity after the
as-of day is ignored; a session counts on the UTC day it starts, when that day is in [as_of - days + 1, as_of]; its
length runs from its first to its last event. The median is over lengths in whole minutes rounded down (capped at 1440).
A user's cohort is the month of their first activity.
"""
import json
import sys

import numpy as np
import pandas as pd

data = json.load(sys.stdin)
events = pd.DataFrame(data["events"])
events["time"] = pd.to_datetime(events["t"], unit="s", utc=True)
activity = events[events["type"] != "impression"]
first_seen = activity.groupby("user")["time"].min()

end = pd.Timestamp(data["as_of"], tz="UTC") + pd.Timedelta(days=1)
start = end - pd.Timedelta(days=data["days"])
gap = pd.Timedelta(minutes=data["gap_minutes"])

a = activity[activity["time"] < end].sort_values(["user", "time"]).copy()
step = a.groupby("user")["time"].diff()
a["session"] = (step.isna() | (step >= gap)).cumsum()
sessions = a.groupby("session").agg(user=("user", "first"), start=("time", "min"), end=("time", "max"), events=("time", "size"))
sessions = sessions[sessions["start"] >= start].copy()
sessions["minutes"] = (sessions["end"] - sessions["start"]).dt.total_seconds() / 60
sessions["day"] = sessions["start"].dt.floor("D")
sessions["cohort"] = first_seen.loc[sessions["user"]].dt.strftime("%Y-%m").to_numpy()


def ratio(a, b):
    return float(a) / b if b else 0.0


days = []
for day in pd.date_range(start, periods=data["days"], freq="D"):
    s = sessions[sessions["day"] == day]
    n = len(s)
    days.append({
        "day": day.strftime("%Y-%m-%d"),
        "active_users": int(s["user"].nunique()),
        "sessions": n,
        "sessions_per_active_user": ratio(n, s["user"].nunique()),
        "mean_session_minutes": float(s["minutes"].mean()) if n else 0.0,
        "median_session_minutes": float(np.floor(s["minutes"]).clip(upper=1440).median()) if n else 0.0,
        "events_per_session": ratio(s["events"].sum(), n),
    })


def cohort_row(name, s):
    n = len(s)
    users = int(s["user"].nunique())
    return {
        "cohort": name,
        "users": users,
        "sessions": n,
        "sessions_per_user": ratio(n, users),
        "mean_session_minutes": float(s["minutes"].mean()) if n else 0.0,
        "events_per_session": ratio(s["events"].sum(), n),
    }


cohorts = [cohort_row(name, s) for name, s in sorted(sessions.groupby("cohort"), key=lambda g: g[0])]
cohorts.append(cohort_row("all", sessions))
json.dump([{"days": days, "cohorts": cohorts}], sys.stdout)
