"""The new-item combiner: its features, its fit on pseudo-new cases, and the parity file serving's test reads."""
import json
import math
import os

import numpy as np
import pytest

from longview_training import new_item_scoring as nis

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def test_the_parity_file_is_what_the_training_code_computes_now():
    # NewItemScoringTests (C#) checks serving against this file; if the formula changes here, this fails until the
    # file is rewritten (python -m longview_training.new_item_scoring), and then the C# test checks the new one.
    with open(os.path.join(ROOT, nis.REFERENCE_FILE), encoding="utf-8") as f:
        stored = json.load(f)
    current = json.loads(json.dumps(nis.parity_reference(nis.REFERENCE_SCORING)))

    assert stored["scoring"] == current["scoring"]
    assert len(stored["cases"]) == len(current["cases"]) >= 10
    for s, c in zip(stored["cases"], current["cases"]):
        assert s["inputs"] == c["inputs"] and s["item"] == c["item"]
        assert s["score"] == pytest.approx(c["score"], abs=1e-9)
    features = np.array([c["features"] for c in current["cases"]])
    assert (features[:, 1] > 0).any() and (features[:, 2] != 0).any(), "the cases must exercise every feature"
    assert (features[:, 3] != features[:, 1]).any(), "some inputs must be longer than the recent window"


def test_features_are_shares_and_cosines_of_the_model_input():
    inputs = [["Drama", "Crime"], ["Drama"], ["Comedy"], []]
    assert nis.category_affinity(inputs, ["Crime", "Drama"]) == 0.5
    assert nis.category_affinity(inputs, ["Horror"]) == 0.0
    assert nis.category_affinity([], ["Drama"]) == 0.0
    centroid = nis.input_centroid([np.array([1.0, 0.0]), None, np.array([1.0, 0.0, 0.0]), np.array([0.0, 0.0])], 2)
    assert nis.content_similarity(np.array([3.0, 0.0]), centroid) == pytest.approx(1.0)
    assert nis.content_similarity(np.array([0.0, 2.0]), centroid) == pytest.approx(0.0)
    assert nis.content_similarity(None, centroid) == 0.0


class _Cases:
    """A context whose cases are precomputed batches (fit_scoring only reads batches)."""
    def batches(self, cases):
        return cases


def _batch(rows, m=4, n=5, seed=0):
    """Half the targets are the new item in the user's strongest category; the other half a known item."""
    rng = np.random.default_rng(seed)
    b = len(rows)
    features = np.zeros((b, m, len(nis.FEATURES)))
    features[:, :, 0] = rng.normal(size=(b, m))          # text scores that say nothing
    target_known, target_new = np.full(b, -1), np.full(b, -1)
    for r, new_target in enumerate(rows):
        slot = r % m
        features[r, slot, 1] = 1.0
        if new_target:
            target_new[r] = slot
        else:
            target_known[r] = 1
    known = np.zeros((b, n + 1))
    excluded = np.zeros((b, n + 1), dtype=bool)
    excluded[:, 0] = True
    return nis.CaseBatch(known, excluded, features, np.zeros((b, m)), np.zeros((b, m), dtype=bool), target_known,
                         target_new, [3] * b)


def test_the_combiner_learns_which_feature_matters_and_how_often_new_items_are_chosen():
    full = [_batch([r % 2 == 0 for r in range(200)])]
    new = [_batch([True] * 100, seed=1)]

    scoring = nis.fit_scoring(_Cases(), full, new, progress=lambda _: None)
    too_few = nis.fit_scoring(_Cases(), [_batch([True, False] * 10)], new, progress=lambda _: None)

    assert scoring.weights[1] > 2.0, "category affinity decides the target here"
    assert abs(scoring.weights[0]) < 0.5, "the text score carries no signal here"
    # Calibration: half the targets are new, so the new items should hold about half the probability mass.
    f = full[0].features[0]
    new_mass = np.exp(scoring.score(f)).sum()
    share = new_mass / (new_mass + 5 * math.exp(0.0))
    assert 0.35 < share < 0.65
    assert too_few.weights.tolist() == [1.0, 0.0, 0.0, 0.0] and "fewer than" in too_few.summary["fittedOn"]


def test_without_pseudo_new_cases_the_raw_text_score_is_kept():
    scoring = nis.fit_scoring(_Cases(), [], [], progress=lambda _: None)
    assert scoring.weights.tolist() == [1.0, 0.0, 0.0, 0.0] and scoring.offset == 0.0
