"""The serving window: how many of the newest history items serving feeds the model, chosen by measurement.

The model's cost per request grows with the square of the input length (self-attention over every position in the
first block), so serving the newest ``w`` items instead of ``max_len`` costs about (w / max_len)^2 of the attention
and w / max_len of the rest. Whether that loses ranking quality depends on the model, so it is measured per model: the
smallest candidate window whose validation NDCG@10 is at most ``TOLERANCE`` below the full-length model's is written to
the manifest as ``servingWindow.length`` (``max_len`` when none qualifies). Validation only: the test split stays
untouched for reporting, and the measured values travel in the manifest so the choice can be audited.
"""
from __future__ import annotations

from typing import Sequence

import torch

from longview_training.evaluation import evaluate, left_pad
from longview_training.splits import Dataset

TOLERANCE = 0.002
CANDIDATES = (50, 100, 150)


def windowed_scorer(model: torch.nn.Module, window: int, device: torch.device):
    """Scores each input from its newest ``window`` items only (exclusions still use the whole input)."""
    def score(inputs: Sequence[Sequence[int]]) -> torch.Tensor:
        with torch.no_grad():
            return model(left_pad(inputs, window).to(device)).float().cpu()
    return score


def choose(model: torch.nn.Module, dataset: Dataset, max_len: int, device: torch.device, full_ndcg: float) -> dict:
    """The manifest's ``servingWindow`` section; tries the candidates from the smallest and stops at the first that qualifies."""
    was_training = model.training
    model.eval()
    measured = {str(max_len): full_ndcg}
    chosen = max_len
    try:
        for window in sorted(c for c in CANDIDATES if c < max_len):
            ndcg = evaluate(windowed_scorer(model, window, device), dataset, "validation").get("ndcg@10", 0.0)
            measured[str(window)] = ndcg
            if ndcg >= full_ndcg - TOLERANCE:
                chosen = window
                break
    finally:
        model.train(was_training)
    return {"length": chosen, "tolerance": TOLERANCE, "metric": "validation ndcg@10", "measured": measured}
