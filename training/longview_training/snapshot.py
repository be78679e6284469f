"""Reads the training snapshot (gzip NDJSON, one user per line) into validated records.

A malformed line never stops the job or leaks into the data: it is skipped and reported with its
line number, the user (when known), the field and the reason.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from dataclasses import dataclass, field
from typing import Iterable, Iterator

MAX_LINE_BYTES = 1 << 20          # one user record; 200 events fit in ~20 KB
MAX_EVENTS_PER_USER = 200         # the profile's recent sequence
MAX_ACTIVE_DAYS = 100_000
MAX_ID_LENGTH = 256
MAX_USERS = 5_000_000
MAX_REPORTED_ERRORS = 20


class SnapshotError(ValueError):
    """The snapshot as a whole cannot be used (unreadable, too large, no valid user)."""


@dataclass(frozen=True)
class Event:
    item_id: str
    ts: int
    type: str
    value: float | None = None


@dataclass(frozen=True)
class UserRecord:
    user_id: str
    first_seen: int               # Unix seconds UTC
    last_seen: int
    events: tuple[Event, ...]     # oldest first, ties by item id
    active_days: tuple[int, ...]  # sorted UTC days since the epoch


@dataclass
class Snapshot:
    users: list[UserRecord]
    rejected: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def max_timestamp(self) -> int:
        return max(max(u.last_seen, u.events[-1].ts if u.events else u.last_seen) for u in self.users)


class RecordError(ValueError):
    pass


def _parse_time(value: object, name: str) -> int:
    if not isinstance(value, str) or len(value) > 64:
        raise RecordError(f"{name}: expected an ISO-8601 string, got {type(value).__name__}")
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as e:
        raise RecordError(f"{name}: not an ISO-8601 timestamp ({value!r})") from e
    if parsed.tzinfo is None:
        raise RecordError(f"{name}: timestamp has no UTC offset ({value!r})")
    return int(parsed.timestamp())


def _parse_id(value: object, name: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
        raise RecordError(f"{name}: expected a non-empty string of at most {MAX_ID_LENGTH} characters")
    return value


def _parse_event(raw: object, index: int) -> Event:
    if not isinstance(raw, dict):
        raise RecordError(f"events[{index}]: expected an object")
    item_id = _parse_id(raw.get("itemId"), f"events[{index}].itemId")
    ts = raw.get("ts")
    if isinstance(ts, bool) or not isinstance(ts, int) or not 0 <= ts < 2**33:
        raise RecordError(f"events[{index}].ts: expected Unix seconds as a non-negative integer, got {ts!r}")
    etype = raw.get("type")
    if not isinstance(etype, str) or not etype or len(etype) > 32:
        raise RecordError(f"events[{index}].type: expected an event type name")
    value = raw.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise RecordError(f"events[{index}].value: expected a number or null")
    return Event(item_id, ts, etype, None if value is None else float(value))


def parse_record(raw: object) -> UserRecord:
    """Validates one decoded JSON line. Unknown fields are ignored."""
    if not isinstance(raw, dict):
        raise RecordError("expected a JSON object")
    user_id = _parse_id(raw.get("userId"), "userId")
    try:
        events_raw = raw.get("events", [])
        if not isinstance(events_raw, list):
            raise RecordError("events: expected an array")
        events = sorted((_parse_event(e, i) for i, e in enumerate(events_raw)), key=lambda e: (e.ts, e.item_id))
        events = events[-MAX_EVENTS_PER_USER:]
        days_raw = raw.get("activeDays", [])
        if not isinstance(days_raw, list) or len(days_raw) > MAX_ACTIVE_DAYS:
            raise RecordError(f"activeDays: expected an array of at most {MAX_ACTIVE_DAYS} day numbers")
        for i, d in enumerate(days_raw):
            if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d < 200_000:
                raise RecordError(f"activeDays[{i}]: expected a UTC day number, got {d!r}")
        active_days = tuple(sorted(set(days_raw)))
        first_seen = _parse_time(raw.get("firstSeen"), "firstSeen") if raw.get("firstSeen") is not None else None
        last_seen = _parse_time(raw.get("lastSeen"), "lastSeen") if raw.get("lastSeen") is not None else None
        # A profile always has both; tolerate their absence by falling back on the events.
        if first_seen is None:
            if not events:
                raise RecordError("firstSeen: missing and there are no events to infer it from")
            first_seen = events[0].ts
        if last_seen is None:
            last_seen = events[-1].ts if events else first_seen
        if last_seen < first_seen:
            raise RecordError("lastSeen: earlier than firstSeen")
    except RecordError as e:
        raise RecordError(f"user {user_id!r}: {e}") from None
    return UserRecord(user_id, first_seen, last_seen, tuple(events), active_days)


def read_lines(stream: io.BufferedIOBase) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(stream, start=1):
        yield number, line


def parse_snapshot(lines: Iterable[tuple[int, bytes]]) -> Snapshot:
    snapshot = Snapshot(users=[])
    seen: set[str] = set()
    for number, line in lines:
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE_BYTES:
                raise RecordError(f"record is {len(line)} bytes, the limit is {MAX_LINE_BYTES}")
            try:
                raw = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise RecordError(f"not valid JSON ({e.msg if hasattr(e, 'msg') else e})") from None
            record = parse_record(raw)
            if record.user_id in seen:
                raise RecordError(f"user {record.user_id!r}: duplicate record (the first one is kept)")
        except RecordError as e:
            snapshot.rejected += 1
            if len(snapshot.errors) < MAX_REPORTED_ERRORS:
                snapshot.errors.append(f"line {number}: {e}")
            continue
        if len(snapshot.users) >= MAX_USERS:
            raise SnapshotError(f"snapshot has more than {MAX_USERS} users")
        seen.add(record.user_id)
        snapshot.users.append(record)
    if not snapshot.users:
        detail = "; ".join(snapshot.errors[:3])
        raise SnapshotError(f"snapshot has no valid user record{': ' + detail if detail else ''}")
    return snapshot


def load_snapshot(path: str) -> Snapshot:
    """Reads a gzip (or plain) NDJSON snapshot from a local path."""
    with open(path, "rb") as raw:
        magic = raw.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as stream:
            return parse_snapshot(read_lines(stream))
    except (OSError, EOFError) as e:
        raise SnapshotError(f"{path}: cannot read the snapshot ({e})") from e
