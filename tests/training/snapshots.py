"""Builds small snapshots in the documented format for the tests."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import random

DAY = 86_400
BASE = 1_000_000_000 // DAY * DAY   # 2001-09-08 00:00 UTC


def iso(ts: int) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_record(user_id: str, events: list[tuple[str, int]], event_type: str = "rating", **extra) -> dict:
    """events: (itemId, ts) pairs; activeDays and counts follow from them."""
    ordered = sorted(events, key=lambda e: (e[1], e[0]))
    record = {
        "userId": user_id,
        "firstSeen": iso(ordered[0][1]),
        "lastSeen": iso(ordered[-1][1]),
        "events": [{"itemId": item, "ts": ts, "type": event_type, "value": 4.0} for item, ts in ordered],
        "activeDays": sorted({ts // DAY for _, ts in ordered}),
        "counts": {event_type: len(ordered)},
    }
    record.update(extra)
    return record


def write(path, records: list) -> str:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return str(path)


def synthetic(users: int = 60, items: int = 20, length: int = 12, seed: int = 0) -> list[dict]:
    """Users walk the catalogue in order (item k is followed by k+1), from a random start: learnable."""
    rng = random.Random(seed)
    records = []
    for u in range(users):
        start, day = rng.randrange(items), rng.randrange(120)
        events = [(f"i{(start + k) % items}", BASE + (day + k * rng.randrange(1, 4)) * DAY + k) for k in range(length)]
        records.append(user_record(f"u{u}", events))
    return records
