"""Leave-one-out evaluation by full ranking over the catalogue, for the model and a popularity baseline."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import torch

from longview_training import metrics
from longview_training.splits import Dataset, UserSplit

K = 10


def item_user_counts(dataset: Dataset) -> np.ndarray:
    """Number of users whose training sequence holds each item (index 0 unused)."""
    counts = np.zeros(dataset.vocabulary.size + 1, dtype=np.int64)
    for split in dataset.splits:
        counts[list(set(split.train))] += 1
    return counts


def _inputs(users: Sequence[UserSplit], stage: str) -> tuple[list[tuple[int, ...]], list[int]]:
    if stage == "validation":
        return [u.validation_input for u in users], [u.validation for u in users]
    if stage == "test":
        return [u.test_input for u in users], [u.test for u in users]
    raise ValueError(f"unknown stage {stage!r}")


def left_pad(sequences: Sequence[Sequence[int]], max_len: int) -> torch.Tensor:
    length = max(1, min(max_len, max(len(s) for s in sequences)))
    batch = torch.zeros(len(sequences), length, dtype=torch.long)
    for row, seq in enumerate(sequences):
        tail = list(seq)[-length:]
        if tail:
            batch[row, length - len(tail):] = torch.as_tensor(tail, dtype=torch.long)
    return batch


def evaluate(score_batch: Callable[[list[tuple[int, ...]]], torch.Tensor], dataset: Dataset, stage: str,
             batch_size: int = 256) -> dict:
    """Ranks each evaluated user's held-out item against the whole catalogue.

    Items in the user's input sequence are excluded from the ranking (and from the top-10 lists).
    """
    users = dataset.evaluated
    if not users:
        return {"users": 0}
    popularity = item_user_counts(dataset)
    train_users = len(dataset.splits)
    all_ranks, all_tops = [], []
    for start in range(0, len(users), batch_size):
        inputs, targets = _inputs(users[start:start + batch_size], stage)
        masked = metrics.mask_excluded(score_batch(inputs), inputs)
        all_ranks.append(metrics.target_ranks(masked, targets))
        all_tops.append(metrics.top_k(masked, K))
    ranks, tops = torch.cat(all_ranks), torch.cat(all_tops)
    return {
        "users": len(users),
        "ndcg@10": metrics.ndcg_at(ranks, K),
        "recall@10": metrics.recall_at(ranks, K),
        "mrr": metrics.mrr(ranks),
        "coverage@10": metrics.coverage(tops, dataset.vocabulary.size),
        "novelty@10": metrics.novelty(tops, popularity, train_users),
    }


def model_scorer(model: torch.nn.Module, max_len: int, device: torch.device) -> Callable:
    def score(inputs: list[tuple[int, ...]]) -> torch.Tensor:
        with torch.no_grad():
            return model(left_pad(inputs, max_len).to(device)).float().cpu()
    return score


def popularity_scorer(dataset: Dataset) -> Callable:
    """Scores every item by how many training users had it: the same list for everyone."""
    counts = torch.as_tensor(item_user_counts(dataset), dtype=torch.float32)

    def score(inputs: list[tuple[int, ...]]) -> torch.Tensor:
        return counts.unsqueeze(0).expand(len(inputs), -1)
    return score


def evaluate_model(model: torch.nn.Module, dataset: Dataset, stage: str, max_len: int,
                   device: torch.device) -> dict:
    was_training = model.training
    model.eval()
    try:
        return evaluate(model_scorer(model, max_len, device), dataset, stage)
    finally:
        model.train(was_training)
