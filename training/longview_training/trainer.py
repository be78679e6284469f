"""Trains SASRec with full softmax cross-entropy at every position; early-stops on validation NDCG@10."""
from __future__ import annotations

import copy
import os
import time
from dataclasses import dataclass, field
from typing import Callable

import torch
from torch import nn

from longview_training import device as devices
from longview_training.evaluation import evaluate_model, left_pad
from longview_training.model import SASRec
from longview_training.parameters import TrainingParameters
from longview_training.splits import Dataset


@dataclass
class TrainingResult:
    model: SASRec
    best_epoch: int
    epochs: int
    minutes: float
    stopped_because: str
    history: list[dict] = field(default_factory=list)


def training_sequences(dataset: Dataset, max_len: int) -> list[tuple[int, ...]]:
    """Each user's training items, last max_len + 1 (inputs are all but the last, targets all but the first)."""
    return [s.train[-(max_len + 1):] for s in dataset.splits if len(s.train) >= 2]


def _batches(sequences: list[tuple[int, ...]], batch_size: int, generator: torch.Generator, max_len: int):
    """Batches of users of similar length (little padding), in a random order each epoch."""
    shuffled = torch.randperm(len(sequences), generator=generator).tolist()
    by_length = sorted(shuffled, key=lambda i: len(sequences[i]))
    chunks = [by_length[start:start + batch_size] for start in range(0, len(by_length), batch_size)]
    for c in torch.randperm(len(chunks), generator=generator).tolist():
        chunk = [sequences[i] for i in chunks[c]]
        yield left_pad([s[:-1] for s in chunk], max_len), left_pad([s[1:] for s in chunk], max_len)


def train(dataset: Dataset, params: TrainingParameters, device: torch.device,
          progress: Callable[[str], None] = print) -> TrainingResult:
    devices.seed_everything(params.seed)
    model = SASRec(dataset.vocabulary.size, params.dim, params.blocks, params.heads, params.max_len,
                   params.dropout).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=params.lr, betas=(0.9, 0.98),
                                 weight_decay=params.weight_decay)
    scaler = devices.grad_scaler(device)
    loss_fn = nn.CrossEntropyLoss()
    sequences = training_sequences(dataset, params.max_len)
    if not sequences:
        raise ValueError("no user has at least two training items: nothing to learn from")
    generator = torch.Generator().manual_seed(params.seed)
    deadline = params.max_minutes * 60.0
    started = time.monotonic()
    tracking_seconds = 0.0   # time spent on --track-test evaluations, left out of the reported minutes
    best_ndcg, best_epoch, best_state, waited = -1.0, 0, None, 0
    history: list[dict] = []
    stopped_because = "max-epochs"
    epoch = 0
    for epoch in range(1, params.max_epochs + 1):
        model.train()
        epoch_start, loss_sum, positions, out_of_time = time.monotonic(), 0.0, 0, False
        for inputs, targets in _batches(sequences, params.batch_size, generator, params.max_len):
            inputs, targets = inputs.to(device), targets.to(device)
            keep = targets != 0
            with devices.autocast(device):
                hidden = model.hidden(inputs)[keep]
                loss = loss_fn(model.logits(hidden), targets[keep])
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            count = int(keep.sum())
            loss_sum += float(loss) * count
            positions += count
            if time.monotonic() - started - tracking_seconds > deadline:
                out_of_time = True
                break
        train_seconds = time.monotonic() - epoch_start
        validation = evaluate_model(model, dataset, "validation", params.max_len, device)
        entry = {"epoch": epoch, "minutes": round((time.monotonic() - started - tracking_seconds) / 60.0, 3),
                 "loss": loss_sum / max(positions, 1), "validationNdcg@10": validation.get("ndcg@10", 0.0),
                 "itemsPerSecond": positions / max(train_seconds, 1e-9),
                 "loadAverage1m": os.getloadavg()[0]}
        if params.track_test:
            tracking_start = time.monotonic()
            entry["testNdcg@10"] = evaluate_model(model, dataset, "test", params.max_len, device).get("ndcg@10", 0.0)
            tracking_seconds += time.monotonic() - tracking_start
        history.append(entry)
        progress(f"epoch {epoch} loss {entry['loss']:.4f} val_ndcg@10 {entry['validationNdcg@10']:.4f}"
                 + (f" test_ndcg@10 {entry['testNdcg@10']:.4f}" if "testNdcg@10" in entry else "")
                 + f" elapsed {entry['minutes']:.2f}min items/s {entry['itemsPerSecond']:.0f}"
                 + f" load {entry['loadAverage1m']:.1f}")
        if entry["validationNdcg@10"] > best_ndcg:
            best_ndcg, best_epoch, waited = entry["validationNdcg@10"], epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
        if out_of_time or time.monotonic() - started - tracking_seconds > deadline:
            stopped_because = "max-minutes"
            break
        if waited >= params.patience:
            stopped_because = "patience"
            break
    assert best_state is not None
    model.load_state_dict(best_state)
    model.eval()
    progress(f"best epoch {best_epoch} val_ndcg@10 {best_ndcg:.4f} (stopped: {stopped_because})")
    return TrainingResult(model, best_epoch, epoch, (time.monotonic() - started - tracking_seconds) / 60.0,
                          stopped_because, history)
