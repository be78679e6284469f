import gzip
import json

import pytest

from longview_training.snapshot import MAX_EVENTS_PER_USER, SnapshotError, load_snapshot
from snapshots import BASE, DAY, user_record, write


def test_reads_users_and_ignores_unknown_fields(tmp_path):
    record = user_record("42", [("b", BASE + 5), ("a", BASE + 5), ("c", BASE + DAY)], futureField={"x": 1})
    record["events"][0]["extra"] = "ignored"
    snapshot = load_snapshot(write(tmp_path / "s.ndjson.gz", [record]))
    user = snapshot.users[0]
    assert user.user_id == "42"
    # ties at the same second are ordered by item id
    assert [e.item_id for e in user.events] == ["a", "b", "c"]
    assert user.first_seen == BASE + 5 and user.last_seen == BASE + DAY
    assert user.active_days == (BASE // DAY, BASE // DAY + 1)
    assert snapshot.rejected == 0


def test_bad_records_are_rejected_precisely_and_good_ones_kept(tmp_path):
    good = user_record("ok", [("a", BASE), ("b", BASE + 1)])
    bad_ts = user_record("badts", [("a", BASE)])
    bad_ts["events"][0]["ts"] = "yesterday"
    no_item = user_record("noitem", [("a", BASE)])
    del no_item["events"][0]["itemId"]
    path = write(tmp_path / "s.ndjson.gz", [good, "{not json", bad_ts, no_item, good])
    snapshot = load_snapshot(path)
    assert [u.user_id for u in snapshot.users] == ["ok"]
    assert snapshot.rejected == 4
    assert snapshot.errors[0].startswith("line 2: not valid JSON")
    assert "line 3: user 'badts': events[0].ts" in snapshot.errors[1]
    assert "line 4: user 'noitem': events[0].itemId" in snapshot.errors[2]
    assert "line 5: user 'ok': duplicate record" in snapshot.errors[3]


def test_keeps_only_the_most_recent_events(tmp_path):
    events = [(f"i{k}", BASE + k) for k in range(MAX_EVENTS_PER_USER + 5)]
    snapshot = load_snapshot(write(tmp_path / "s.ndjson.gz", [user_record("u", events)]))
    kept = snapshot.users[0].events
    assert len(kept) == MAX_EVENTS_PER_USER and kept[0].item_id == "i5"


def test_plain_ndjson_is_accepted(tmp_path):
    path = tmp_path / "s.ndjson"
    path.write_text(json.dumps(user_record("u", [("a", BASE)])) + "\n")
    assert load_snapshot(str(path)).users[0].user_id == "u"


def test_a_snapshot_without_any_valid_user_fails_with_the_reason(tmp_path):
    path = write(tmp_path / "s.ndjson.gz", ['{"userId": ""}'])
    with pytest.raises(SnapshotError, match="userId"):
        load_snapshot(path)


def test_oversized_record_is_rejected(tmp_path):
    huge = user_record("big", [("a", BASE)], padding="x" * (1 << 20))
    snapshot = load_snapshot(write(tmp_path / "s.ndjson.gz", [huge, user_record("u", [("a", BASE)])]))
    assert [u.user_id for u in snapshot.users] == ["u"]
    assert "bytes, the limit is" in snapshot.errors[0]


def test_truncated_gzip_is_a_snapshot_error(tmp_path):
    data = gzip.compress(b"".join(json.dumps(user_record(f"u{i}", [("a", BASE)])).encode() + b"\n"
                                  for i in range(200)))
    path = tmp_path / "s.ndjson.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SnapshotError, match="cannot read"):
        load_snapshot(str(path))


def test_a_snapshot_committed_from_parts_loads_whole(tmp_path):
    # The pipeline writes the snapshot in parts, one gzip member each, and commits them as one blob: the
    # concatenated members are one gzip stream, so every part's users load, and none twice.
    first = [user_record(f"p0-{i}", [("a", BASE + i)]) for i in range(3)]
    second = [user_record(f"p1-{i}", [("b", BASE + i)]) for i in range(2)]
    members = [gzip.compress("".join(json.dumps(r) + "\n" for r in part).encode()) for part in (first, second)]
    path = tmp_path / "snapshot.ndjson.gz"
    path.write_bytes(b"".join(members))
    snapshot = load_snapshot(str(path))
    assert [u.user_id for u in snapshot.users] == ["p0-0", "p0-1", "p0-2", "p1-0", "p1-1"]
    assert snapshot.rejected == 0


def test_an_empty_part_between_parts_is_harmless(tmp_path):
    # A part whose page held only impression-only profiles is an empty gzip member.
    members = [gzip.compress((json.dumps(user_record("a", [("x", BASE)])) + "\n").encode()), gzip.compress(b""),
               gzip.compress((json.dumps(user_record("b", [("y", BASE)])) + "\n").encode())]
    path = tmp_path / "snapshot.ndjson.gz"
    path.write_bytes(b"".join(members))
    assert [u.user_id for u in load_snapshot(str(path)).users] == ["a", "b"]
