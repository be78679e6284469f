from longview_training.snapshot import parse_snapshot
from longview_training.splits import build_dataset
from snapshots import BASE, user_record
import json


def snapshot_of(*records):
    return parse_snapshot((n, json.dumps(r).encode()) for n, r in enumerate(records, start=1))


def test_leave_one_out_last_is_test_second_to_last_is_validation():
    snapshot = snapshot_of(user_record("u1", [("a", BASE), ("b", BASE + 1), ("c", BASE + 2), ("d", BASE + 3),
                                              ("e", BASE + 4)]))
    dataset = build_dataset(snapshot)
    index = dataset.vocabulary.index_of()
    split = dataset.splits[0]
    assert split.train == (index["a"], index["b"], index["c"])
    assert split.validation == index["d"] and split.test == index["e"]
    assert split.validation_input == split.train
    assert split.test_input == (*split.train, index["d"])


def test_users_with_fewer_than_three_items_only_train():
    snapshot = snapshot_of(user_record("short", [("a", BASE), ("b", BASE + 1)]),
                           user_record("long", [("a", BASE), ("b", BASE + 1), ("c", BASE + 2)]))
    dataset = build_dataset(snapshot)
    short, long = dataset.splits
    assert short.train == (1, 2) and short.validation is None and short.test is None
    assert long.train == (1,) and long.validation == 2 and long.test == 3
    assert [s.user_id for s in dataset.evaluated] == ["long"]
    summary = dataset.summary()
    assert summary["trainOnlyUsers"] == 1 and summary["evaluatedUsers"] == 1 and summary["events"] == 5


def test_vocabulary_reserves_index_zero_for_padding_and_is_sorted():
    dataset = build_dataset(snapshot_of(user_record("u", [("z", BASE), ("m", BASE + 1), ("a", BASE + 2)])))
    assert dataset.vocabulary.manifest_items() == [None, "a", "m", "z"]


def test_impressions_do_not_enter_the_sequence():
    record = user_record("u", [("a", BASE), ("b", BASE + 1), ("c", BASE + 2), ("d", BASE + 3)])
    record["events"][1]["type"] = "impression"
    dataset = build_dataset(snapshot_of(record))
    assert dataset.vocabulary.manifest_items() == [None, "a", "c", "d"]
    assert dataset.splits[0].train == (1,)
