"""Ranking and classification metrics, computed from full score vectors (no sampled negatives)."""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import torch


def mask_excluded(scores: torch.Tensor, excluded: Sequence[Sequence[int]]) -> torch.Tensor:
    """Returns scores with padding (index 0) and each row's excluded items set to -inf."""
    masked = scores.clone().float()
    masked[:, 0] = -math.inf
    for row, items in enumerate(excluded):
        if len(items):
            masked[row, torch.as_tensor(list(items), dtype=torch.long)] = -math.inf
    return masked


def target_ranks(masked: torch.Tensor, targets: Sequence[int]) -> torch.Tensor:
    """1-based rank of each target under the order (score desc, index asc).

    An excluded target (it was already in the input) scores -inf and ranks after every candidate.
    """
    target = torch.as_tensor(list(targets), dtype=torch.long)
    target_scores = masked.gather(1, target.unsqueeze(1))
    indices = torch.arange(masked.shape[1]).unsqueeze(0)
    ahead = (masked > target_scores) | ((masked == target_scores) & (indices < target.unsqueeze(1)))
    return ahead.sum(dim=1) + 1


def top_k(masked: torch.Tensor, k: int) -> torch.Tensor:
    """Top-k indices per row, ties broken by the lower index (the same order as target_ranks).

    Slots that only an excluded item could fill (tiny catalogues) hold 0, the padding index.
    """
    ordered = torch.sort(masked, dim=1, descending=True, stable=True)
    indices = ordered.indices[:, :k].clone()
    indices[ordered.values[:, :k] == -math.inf] = 0
    return indices


def ndcg_at(ranks: torch.Tensor, k: int) -> float:
    ranks = ranks.double()
    gains = torch.where(ranks <= k, 1.0 / torch.log2(ranks + 1.0), torch.zeros_like(ranks))
    return float(gains.mean())


def recall_at(ranks: torch.Tensor, k: int) -> float:
    return float((ranks <= k).double().mean())


def mrr(ranks: torch.Tensor) -> float:
    return float((1.0 / ranks.double()).mean())


def coverage(top_lists: torch.Tensor, catalogue_size: int) -> float:
    """Distinct items over all top-k lists divided by the catalogue size (padding not counted)."""
    return len(set(top_lists.flatten().tolist()) - {0}) / catalogue_size


def novelty(top_lists: torch.Tensor, item_user_counts: np.ndarray, users: int) -> float:
    """Mean self-information -log2(p) of recommended items, p = share of training users who had the item.

    Items no training user had count as one user, so novelty stays finite.
    """
    recommended = top_lists.flatten().numpy()
    recommended = recommended[recommended > 0]
    if len(recommended) == 0:
        return 0.0
    counts = np.maximum(item_user_counts[recommended], 1)
    return float(np.mean(-np.log2(counts / users)))


def auc(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """ROC AUC by the Mann-Whitney statistic with tied scores sharing their average rank.

    None when one class is absent (AUC is undefined there).
    """
    labels = np.asarray(labels, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return None
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores), dtype=np.float64)
    start = 0
    while start < len(scores):
        end = start
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start:end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def brier(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """Mean squared difference between the predicted probability and the 0/1 outcome (scikit-learn's brier_score_loss).

    None without users.
    """
    labels = np.asarray(labels, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    if len(labels) == 0:
        return None
    return float(np.mean((scores - labels) ** 2))


def expected_calibration_error(labels: Sequence[int], scores: Sequence[float], bins: int = 10) -> float | None:
    """ECE over equal-width probability bins (Guo et al. 2017): sum over bins of (share of users in the bin) x
    |observed rate - mean predicted probability|. Bin b holds b/bins <= p < (b+1)/bins, the last one includes 1.

    None without users.
    """
    labels = np.asarray(labels, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    if len(labels) == 0:
        return None
    index = np.minimum((scores * bins).astype(np.int64), bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.sum() / len(labels) * abs(labels[members].mean() - scores[members].mean())
    return float(total)
