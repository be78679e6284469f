"""Text -> item space: how an item the model has never seen is scored from its text embedding alone.

The sequence model scores item j after a history as ``h · E_j`` (``E`` the tied item embedding). A new item has no
row of ``E``; its text embedding ``t`` (from the serving encoder, side file ``item_embeddings.ndjson.gz``) is mapped to
``v = W t + b`` and scored ``h · v``. ``W, b`` are learned here on the items that have both, with the trained model
frozen, by the loss that matches serving: at each training position the target is treated as if it were new (its
logit comes from ``h · (W t + b)``, every other item keeps ``h · E``), plus a softmax among the text vectors of all
items, so new items are both calibrated against the known catalogue and ordered among themselves.

Serving never sees ``h``: the ONNX model outputs only ``scores = E h``. Since ``E`` (n x d, n >> d) has full column
rank, ``h = pinv(E) · scores`` exactly; the job exports ``pinv(E)`` with the projection (``text_projection.bin``), so
serving recovers ``h`` with one d x n product and scores every new item with d multiplications.
"""
from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch import nn

from longview_training.evaluation import left_pad

FILE = "text_projection.bin"
MAX_TEXT_DIMENSIONS = 4096
MAX_REPORTED_ERRORS = 20


@dataclass
class ItemTexts:
    """Text embeddings by item id, all from one encoder."""
    encoder: str
    dimensions: int
    vectors: dict[str, np.ndarray]
    categories: dict[str, list[str]]
    rejected: int = 0
    errors: list[str] | None = None


def load_item_embeddings(path: str) -> ItemTexts:
    """Reads the side file (gzip or plain NDJSON): ``{"itemId", "encoder", "vector": [...], "categories"?: [...]}``.

    All vectors must come from one encoder (the one serving will use): lines of another encoder, of another
    dimension, with non-finite values or unreadable are skipped and reported, never mixed in.
    """
    opener = gzip.open if path.endswith(".gz") else open
    vectors: dict[str, np.ndarray] = {}
    categories: dict[str, list[str]] = {}
    encoder, dimensions, rejected, errors = None, None, 0, []
    with opener(path, "rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                item_id, enc, vector = raw.get("itemId"), raw.get("encoder"), raw.get("vector")
                if not isinstance(item_id, str) or not item_id:
                    raise ValueError("itemId: expected a non-empty string")
                if not isinstance(enc, str) or not enc:
                    raise ValueError(f"item {item_id!r}: encoder: expected a non-empty string")
                if not isinstance(vector, list) or not 0 < len(vector) <= MAX_TEXT_DIMENSIONS:
                    raise ValueError(f"item {item_id!r}: vector: expected 1..{MAX_TEXT_DIMENSIONS} numbers")
                encoder = encoder or enc
                dimensions = dimensions or len(vector)
                if enc != encoder:
                    raise ValueError(f"item {item_id!r}: encoder {enc!r} differs from the file's {encoder!r}")
                if len(vector) != dimensions:
                    raise ValueError(f"item {item_id!r}: vector has {len(vector)} values, the file's have {dimensions}")
                array = np.asarray(vector, dtype=np.float32)
                if not np.all(np.isfinite(array)):
                    raise ValueError(f"item {item_id!r}: vector has non-finite values")
            except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as e:
                rejected += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append(f"line {number}: {e}")
                continue
            vectors[item_id] = array
            cats = raw.get("categories")
            if isinstance(cats, list):
                categories[item_id] = [c for c in cats if isinstance(c, str)]
    if not vectors:
        raise ValueError(f"{path}: no usable item embedding ({'; '.join(errors[:3])})")
    return ItemTexts(encoder, dimensions, vectors, categories, rejected, errors)


def text_matrix(texts: ItemTexts, item_ids: tuple[str, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    """[n + 1, t] text vectors in vocabulary order (row 0 and items without text are zero) and the has-text mask."""
    matrix = torch.zeros(len(item_ids) + 1, texts.dimensions)
    has = torch.zeros(len(item_ids) + 1, dtype=torch.bool)
    for index, item in enumerate(item_ids, start=1):
        vector = texts.vectors.get(item)
        if vector is not None:
            matrix[index] = torch.from_numpy(vector)
            has[index] = True
    return matrix, has


def hidden_positions(model: nn.Module, sequences: list[tuple[int, ...]], max_len: int, max_positions: int,
                     seed: int, batch_size: int = 64) -> tuple[torch.Tensor, torch.Tensor]:
    """Frozen-model hidden states at training positions and the item that followed each (a seeded subsample)."""
    model.eval()
    states, targets = [], []
    with torch.no_grad():
        for start in range(0, len(sequences), batch_size):
            chunk = sequences[start:start + batch_size]
            inputs, following = left_pad([s[:-1] for s in chunk], max_len), left_pad([s[1:] for s in chunk], max_len)
            keep = following != 0
            states.append(model.hidden(inputs)[keep].float())
            targets.append(following[keep])
    h, y = torch.cat(states), torch.cat(targets)
    if len(y) > max_positions:
        pick = torch.randperm(len(y), generator=torch.Generator().manual_seed(seed))[:max_positions]
        h, y = h[pick], y[pick]
    return h, y


@dataclass
class TextProjection:
    weight: torch.Tensor      # [d, t]
    bias: torch.Tensor        # [d]
    encoder: str
    summary: dict

    def project(self, text: torch.Tensor) -> torch.Tensor:
        return text @ self.weight.t() + self.bias


def train_projection(model: nn.Module, states: torch.Tensor, targets: torch.Tensor, text: torch.Tensor,
                     has_text: torch.Tensor, encoder: str, epochs: int = 4, batch_size: int = 256,
                     lr: float = 1e-2, weight_decay: float = 1e-4, seed: int = 42,
                     progress: Callable[[str], None] = print) -> TextProjection:
    started = time.monotonic()
    torch.manual_seed(seed)
    embedding = model.item_embedding.weight.detach().float()          # [n + 1, d]
    dim, text_dim = embedding.shape[1], text.shape[1]
    keep = has_text[targets]
    states, targets = states[keep], targets[keep]
    if len(targets) == 0:
        raise ValueError("no training position has a target item with a text embedding")
    text_items = torch.nonzero(has_text).squeeze(1)                   # vocabulary indices with text
    text_position = torch.full((len(has_text),), -1, dtype=torch.long)
    text_position[text_items] = torch.arange(len(text_items))

    # Sentence embeddings share a large common direction (unrelated titles have cosine ~0.8): the projection works on
    # centred, rescaled vectors z = (t - mean) / scale, folded back into W and b at the end so serving applies W t + b.
    mean = text[text_items].mean(0)
    scale = float((text[text_items] - mean).norm(dim=1).mean()) or 1.0
    text = torch.where(has_text.unsqueeze(1), (text - mean) / scale, torch.zeros_like(text))
    # Start from the least-squares map z -> item embedding (ridge), then fit the ranking loss.
    x, y = text[text_items], embedding[text_items]
    ridge = torch.linalg.solve(x.t() @ x + 1.0 * torch.eye(text_dim), x.t() @ (y - y.mean(0)))
    weight = nn.Parameter(ridge.t().contiguous())
    bias = nn.Parameter(y.mean(0).clone())
    optimizer = torch.optim.Adam([weight, bias], lr=lr, weight_decay=weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    history = []
    for epoch in range(1, epochs + 1):
        order = torch.randperm(len(targets), generator=generator)
        total, count = 0.0, 0
        for start in range(0, len(order), batch_size):
            pick = order[start:start + batch_size]
            h, target = states[pick], targets[pick]
            with torch.no_grad():
                known = h @ embedding.t()
                known[:, 0] = -1e9
            # Calibration: the catalogue with a random half of its items scored from their text instead of the
            # model (which half changes every position). The split is symmetric, so the only way to lower the loss is a
            # text score that says what the model's own score would say: new items land on the known items' scale.
            vectors = text[text_items] @ weight.t() + bias
            texts = h @ vectors.t()
            as_text = known.clone()
            as_text[:, text_items] = texts
            swapped = (torch.rand(known.shape, generator=generator) < 0.5) & has_text
            loss = loss_fn(torch.where(swapped, as_text, known), target)
            # Among new items only: the order of the text scores (invariant to any common shift).
            loss = loss + loss_fn(texts, text_position[target])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += float(loss) * len(pick)
            count += len(pick)
        history.append({"epoch": epoch, "loss": round(total / count, 4)})
        progress(f"text projection epoch {epoch} loss {total / count:.4f}")
    summary = {"encoder": encoder, "textDimensions": text_dim, "dim": dim, "itemsWithText": int(len(text_items)),
               "positions": int(len(targets)), "epochs": epochs, "history": history,
               "seconds": round(time.monotonic() - started, 1)}
    folded_weight = weight.detach() / scale
    return TextProjection(folded_weight.clone(), (bias.detach() - folded_weight @ mean).clone(), encoder, summary)


def state_from_scores(model: nn.Module) -> torch.Tensor:
    """pinv(E) with a zero column for padding: [d, n + 1], so ``h = G · scores`` (scores[0] is ignored)."""
    embedding = model.item_embedding.weight.detach().double()[1:]    # [n, d]
    pinv = torch.linalg.pinv(embedding)                               # [d, n]
    return torch.cat([torch.zeros(pinv.shape[0], 1, dtype=pinv.dtype), pinv], dim=1).float()


def export_projection(model: nn.Module, projection: TextProjection) -> tuple[bytes, dict]:
    """The serving file (float32 little-endian: projection [d, t] row-major, bias [d], stateFromScores [d, n + 1])
    and its manifest section."""
    state = state_from_scores(model)
    parts = [projection.weight.float(), projection.bias.float(), state]
    data = b"".join(p.contiguous().numpy().astype("<f4").tobytes() for p in parts)
    dim, text_dim = projection.weight.shape
    section = {"file": FILE, "encoder": projection.encoder, "textDimensions": text_dim, "dim": dim,
               "layout": ["projection float32 [dim, textDimensions] row-major", "bias float32 [dim]",
                          "stateFromScores float32 [dim, items.length] row-major"],
               **{k: v for k, v in projection.summary.items() if k not in ("encoder", "textDimensions", "dim")}}
    return data, section


def recovery_error(model: nn.Module, inputs: list[tuple[int, ...]], max_len: int) -> float:
    """Largest |h - G · scores| over a few inputs in float32, as serving computes it (checked by the job)."""
    state = state_from_scores(model)
    with torch.no_grad():
        batch = left_pad(inputs, max_len)
        h = model.hidden(batch, last_only=True)[:, -1, :].float()
        scores = model(batch).float()
        scores[:, 0] = 0.0
        return float((scores @ state.t() - h).abs().max()) if len(inputs) else 0.0


