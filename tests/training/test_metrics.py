import math

import numpy as np
import pytest
import torch

from longview_training import metrics
from longview_training.evaluation import evaluate, popularity_scorer
from longview_training.snapshot import parse_snapshot
from longview_training.splits import build_dataset
from snapshots import BASE, user_record
import json


def ranks_for(scores, targets, excluded=None):
    masked = metrics.mask_excluded(torch.tensor(scores), excluded or [[] for _ in scores])
    return metrics.target_ranks(masked, targets)


def test_ndcg_of_rank_one_is_one_and_rank_three_is_one_over_log2_4():
    # index 0 is padding and never ranks, even with the highest score
    ranks = ranks_for([[99.0, 0.9, 0.5, 0.1, 0.7]], [1])
    assert ranks.tolist() == [1]
    assert metrics.ndcg_at(ranks, 10) == 1.0
    ranks = ranks_for([[99.0, 0.9, 0.5, 0.1, 0.7]], [2])
    assert ranks.tolist() == [3]
    assert metrics.ndcg_at(ranks, 10) == pytest.approx(1 / math.log2(4))


def test_ranks_beyond_k_score_zero_and_metrics_average_over_users():
    ranks = torch.tensor([1, 3, 11])
    assert metrics.ndcg_at(ranks, 10) == pytest.approx((1 + 0.5 + 0) / 3)
    assert metrics.recall_at(ranks, 10) == pytest.approx(2 / 3)
    assert metrics.mrr(ranks) == pytest.approx((1 + 1 / 3 + 1 / 11) / 3)


def test_input_items_are_excluded_from_the_ranking():
    scores = [[0.0, 0.9, 0.8, 0.1, 0.7]]
    assert ranks_for(scores, [4]).tolist() == [3]
    assert ranks_for(scores, [4], excluded=[[1, 2]]).tolist() == [1]
    # a target that was itself in the input cannot be recommended: it ranks last
    assert ranks_for(scores, [1], excluded=[[1]]).tolist() == [5]


def test_ties_break_by_lower_index_in_ranks_and_top_lists_alike():
    masked = metrics.mask_excluded(torch.tensor([[0.0, 0.5, 0.5, 0.5, 0.1]]), [[]])
    assert metrics.target_ranks(masked, [3]).tolist() == [3]
    assert metrics.top_k(masked, 3).tolist() == [[1, 2, 3]]


def test_top_lists_never_hold_excluded_items_or_padding():
    masked = metrics.mask_excluded(torch.tensor([[9.0, 0.5, 0.9, 0.1]]), [[2]])
    assert metrics.top_k(masked, 3).tolist() == [[1, 3, 0]]
    assert metrics.coverage(metrics.top_k(masked, 3), catalogue_size=3) == pytest.approx(2 / 3)


def test_coverage_counts_distinct_recommended_items_over_the_catalogue():
    tops = torch.tensor([[1, 2], [2, 3], [1, 3]])
    assert metrics.coverage(tops, catalogue_size=6) == pytest.approx(3 / 6)


def test_novelty_is_mean_self_information_of_recommended_items():
    counts = np.array([0, 4, 2, 1, 0])   # users per item; 4 training users
    tops = torch.tensor([[1, 2], [3, 4]])
    expected = np.mean([-math.log2(4 / 4), -math.log2(2 / 4), -math.log2(1 / 4), -math.log2(1 / 4)])
    assert metrics.novelty(tops, counts, users=4) == pytest.approx(expected)


def test_auc_on_a_known_case():
    assert metrics.auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    assert metrics.auc([0, 1], [0.2, 0.9]) == 1.0
    assert metrics.auc([1, 0], [0.2, 0.9]) == 0.0


def test_auc_counts_ties_as_half_and_is_undefined_for_one_class():
    assert metrics.auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == pytest.approx(0.5)
    assert metrics.auc([1, 1], [0.1, 0.2]) is None


def test_popularity_baseline_under_the_same_protocol():
    records = [user_record("u1", [("a", BASE), ("b", BASE + 1), ("c", BASE + 2)]),
               user_record("u2", [("a", BASE), ("c", BASE + 1), ("b", BASE + 2)]),
               user_record("u3", [("b", BASE), ("a", BASE + 1), ("c", BASE + 2)])]
    dataset = build_dataset(parse_snapshot((n, json.dumps(r).encode()) for n, r in enumerate(records)))
    # training items: u1 a, u2 a, u3 b -> a has 2 users, b 1, c 0. Each user's own input is excluded.
    result = evaluate(popularity_scorer(dataset), dataset, "test")
    # test: u1 (input a,b) target c -> rank 1; u2 (input a,c) target b -> rank 1; u3 (input b,a) target c -> 1
    assert result["ndcg@10"] == 1.0 and result["mrr"] == 1.0
    validation = evaluate(popularity_scorer(dataset), dataset, "validation")
    # validation: u1 (input a) target b -> rank 1; u2 (input a) target c -> rank 2 (b ahead); u3 (input b) target a -> 1
    assert validation["mrr"] == pytest.approx((1 + 0.5 + 1) / 3)
    assert validation["coverage@10"] == 1.0


def test_brier_is_the_mean_squared_error_of_the_probability():
    assert metrics.brier([1, 0, 1, 0], [0.9, 0.2, 0.4, 0.0]) == pytest.approx((0.01 + 0.04 + 0.36 + 0.0) / 4)
    assert metrics.brier([], []) is None


def test_ece_weighs_each_equal_width_bins_gap_by_its_share_of_users():
    # bin [0.1, 0.2): p 0.1, 0.1 -> observed 0.5, gap 0.4, share 2/5; bin [0.8, 0.9): p 0.8 x 3 -> observed 2/3, gap 0.1333
    labels = [0, 1, 1, 1, 0]
    scores = [0.1, 0.1, 0.8, 0.8, 0.8]
    assert metrics.expected_calibration_error(labels, scores) == pytest.approx(2 / 5 * 0.4 + 3 / 5 * abs(2 / 3 - 0.8))
    # a probability of exactly 1 falls in the last bin, and a perfectly calibrated split has no error
    assert metrics.expected_calibration_error([1, 1, 0, 1], [1.0, 1.0, 0.0, 1.0]) == pytest.approx(0.0)
    assert metrics.expected_calibration_error([], []) is None


def test_brier_and_ece_equal_scikit_learns_definitions_where_it_is_installed():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    calibration = pytest.importorskip("sklearn.calibration")
    rng = np.random.default_rng(7)
    scores = rng.random(500)
    labels = (rng.random(500) < scores ** 2).astype(int)
    assert metrics.brier(labels, scores) == pytest.approx(sklearn_metrics.brier_score_loss(labels, scores), abs=1e-12)
    observed, predicted = calibration.calibration_curve(labels, scores, n_bins=10, strategy="uniform")
    index = np.minimum((scores * 10).astype(int), 9)
    shares = np.bincount(index, minlength=10)[np.bincount(index, minlength=10) > 0] / len(scores)
    assert metrics.expected_calibration_error(labels, scores) == pytest.approx(float(np.sum(shares * np.abs(observed - predicted))), abs=1e-12)
