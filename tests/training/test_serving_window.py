"""The serving window is the smallest candidate within the tolerance of the full model on validation, never one below it."""
import pytest
import torch

from longview_training import serving_window


class _Model(torch.nn.Module):
    def forward(self, ids):  # pragma: no cover - evaluate is replaced in these tests
        raise AssertionError("not called")


def _choose(monkeypatch, full, by_window, max_len=200):
    asked = []

    def fake_scorer(model, window, device):
        return window

    def fake_evaluate(scorer, dataset, stage):
        assert stage == "validation", "the window is chosen on validation, never on test"
        asked.append(scorer)
        return {"ndcg@10": by_window[scorer]}

    monkeypatch.setattr(serving_window, "windowed_scorer", fake_scorer)
    monkeypatch.setattr(serving_window, "evaluate", fake_evaluate)
    return serving_window.choose(_Model(), None, max_len, torch.device("cpu"), full), asked


def test_the_smallest_window_within_the_tolerance_is_chosen(monkeypatch):
    window, asked = _choose(monkeypatch, 0.100, {50: 0.0975, 100: 0.0985, 150: 0.1001})
    assert window["length"] == 100
    assert asked == [50, 100], "stops at the first window that qualifies"
    assert window["measured"] == {"200": 0.100, "50": 0.0975, "100": 0.0985}
    assert window["tolerance"] == serving_window.TOLERANCE == 0.002


def test_a_window_that_ranks_better_qualifies(monkeypatch):
    window, _ = _choose(monkeypatch, 0.058, {50: 0.061, 100: 0.058, 150: 0.058})
    assert window["length"] == 50


def test_the_full_length_is_kept_when_no_window_is_close_enough(monkeypatch):
    window, asked = _choose(monkeypatch, 0.100, {50: 0.09, 100: 0.0979, 150: 0.0979})
    assert window["length"] == 200
    assert asked == [50, 100, 150]


def test_models_no_longer_than_the_candidates_are_served_whole(monkeypatch):
    window, asked = _choose(monkeypatch, 0.1, {}, max_len=50)
    assert window["length"] == 50 and asked == []


def test_windowed_scorer_feeds_only_the_newest_items():
    seen = []

    class Recorder(torch.nn.Module):
        def forward(self, ids):
            seen.append(ids.clone())
            return torch.zeros(ids.shape[0], 5)

    serving_window.windowed_scorer(Recorder(), 2, torch.device("cpu"))([(1, 2, 3, 4), (3,)])
    assert seen[0].tolist() == [[3, 4], [0, 3]]
