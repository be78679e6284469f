import json
import math

import pytest

from longview_training import churn
from longview_training.snapshot import parse_record, parse_snapshot
from snapshots import BASE, DAY, user_record

D0 = BASE // DAY


def test_features_use_only_days_at_or_before_the_reference_day():
    t_day = D0 + 100
    # active on D0 (first seen), t_day - 40, t_day - 5, t_day, and after t_day (must be ignored)
    days = [D0, t_day - 40, t_day - 5, t_day, t_day + 3]
    events = [(f"i{k}", d * DAY + 60) for k, d in enumerate(days)]
    user = parse_record(user_record("u", events))
    f = dict(zip(churn.FEATURES, churn.features(user, t_day)))
    assert f["log1p_days_since_last_active"] == pytest.approx(math.log1p(0))
    assert f["log1p_days_since_first_seen"] == pytest.approx(math.log1p(100))
    assert f["active_days_7d"] == 2          # t_day - 5, t_day
    assert f["active_days_30d"] == 2
    assert f["active_days_90d"] == 3         # + t_day - 40
    assert f["log1p_events_30d"] == pytest.approx(math.log1p(2))
    assert f["log1p_events_total"] == pytest.approx(math.log1p(4))


def test_days_since_last_active_ignores_later_activity():
    t_day = D0 + 50
    user = parse_record(user_record("u", [("a", D0 * DAY), ("b", (D0 + 20) * DAY), ("c", (D0 + 60) * DAY)]))
    assert churn.features(user, t_day)[0] == pytest.approx(math.log1p(30))


def test_label_is_churned_without_activity_in_the_next_30_days():
    t_day = D0 + 10
    stays = parse_record(user_record("s", [("a", D0 * DAY), ("b", (t_day + 30) * DAY)]))
    leaves = parse_record(user_record("l", [("a", D0 * DAY), ("b", (t_day + 31) * DAY)]))
    assert churn.churned(stays, t_day) == 0
    assert churn.churned(leaves, t_day) == 1


def test_reference_day_is_30_days_before_the_latest_timestamp_and_late_users_are_left_out():
    last = D0 + 200
    records = [user_record("old", [("a", D0 * DAY), ("b", last * DAY)]),
               user_record("new", [("a", (last - 10) * DAY)])]
    snapshot = parse_snapshot((n, json.dumps(r).encode()) for n, r in enumerate(records))
    data = churn.labelled_users(snapshot)
    assert data.t_day == last - 30
    assert data.user_ids == ["old"] and data.y.tolist() == [0.0]


def test_churn_model_separates_a_learnable_case():
    # users active recently (stay) vs users whose last activity is long ago (leave)
    records = []
    last = D0 + 400
    for u in range(40):
        if u % 2:
            days = [D0 + u, last - 35, last - 31, last - 5]        # active, returns after T
        else:
            days = [D0 + u, D0 + u + 2]                             # gone long ago
        records.append(user_record(f"u{u}", [(f"i{k}", d * DAY) for k, d in enumerate(days)]))
    snapshot = parse_snapshot((n, json.dumps(r).encode()) for n, r in enumerate(records))
    result = churn.train_churn(snapshot, seed=1)
    assert result.summary["trained"] is True
    assert result.summary["testUsers"] == 8 and result.summary["trainUsers"] == 32
    assert result.summary["auc"] == 1.0
    # calibration beside ranking, for promotion: both in [0, 1], and a separable case is well calibrated
    assert 0.0 <= result.summary["brier"] < 0.1
    assert 0.0 <= result.summary["ece"] < 0.2 and result.summary["eceBins"] == 10
