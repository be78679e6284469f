"""How a new item's score is put on the known items' scale: a small combiner fitted on pseudo-new items.

The projection (``longview_training.text``) gives a new item the score ``h · (W t + b)`` that a *typical* item with its
text would get. New items are not typical: the ones that arrive late are mostly obscure, and the projection cannot see
that (on ml-1m, raw text scores cost full-catalogue NDCG@10). So serving scores a new item with

    score = offset + w_text · textScore + w_category · categoryAffinity + w_content · contentSimilarity
            + w_recent · recentCategoryAffinity

- ``textScore``: ``h · (W t + b)``, the projection's score;
- ``categoryAffinity``: the largest share of the model's input items that have one of the item's categories (0 when
  the item or the input has none);
- ``contentSimilarity``: the cosine between the item's text embedding and the sum of the input items' embeddings
  (0 when either is missing or zero);
- ``recentCategoryAffinity``: ``categoryAffinity`` over the newest ``RECENT_ITEMS`` (10) input items only (chosen by
  2-fold cross-validation on the pseudo-new cases: among-new Recall@10 0.296 -> 0.332, see training/README.md).

The item's popularity so far is deliberately not a feature: in an offline protocol an item's release is its first
interaction, so "no interaction yet" singles out the very case being ranked (a fit gave it a weight of -8), and the
number cannot be measured honestly here.

The weights are fitted with the trained model frozen, on *pseudo-new* items: inside the training period the last
``share`` of items by first interaction are treated as new (cutoff T'), the projection is trained without them, and the
combiner is fitted on each user's held-out interactions after T' (cross-entropy of the true next item among all candidates:
known items by the model, released pseudo-new items by the combiner; plus cross-entropy among the pseudo-new items
alone, for their order). The test period is never looked at. Serving applies the same formula
(``functions/Longview.Core/Semantics/NewItemScoring.cs``); ``parity_reference`` writes the cases its test checks.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import torch

from longview_training.evaluation import left_pad
from longview_training.splits import DEFAULT_SEQUENCE_TYPES

FEATURES = ("textScore", "categoryAffinity", "contentSimilarity", "recentCategoryAffinity")
RECENT_ITEMS = 10   # recentCategoryAffinity: the newest this many input items
DEFAULT_SHARE = 0.1
HELD_OUT = 2
MIN_CASES = 100


@dataclass
class NewItemScoring:
    """``offset + weights · features`` (features in ``FEATURES`` order)."""
    weights: np.ndarray
    offset: float
    summary: dict = field(default_factory=dict)

    @staticmethod
    def identity() -> "NewItemScoring":
        """The projection's raw score: what a model without a fitted combiner serves."""
        return NewItemScoring(np.eye(len(FEATURES))[0], 0.0)

    def score(self, features: np.ndarray) -> np.ndarray:
        return features @ self.weights + self.offset

    def to_manifest(self) -> dict:
        return {"features": list(FEATURES), "weights": [float(w) for w in self.weights], "offset": float(self.offset),
                **self.summary}


# --- the features, exactly as serving computes them ----------------------------------------------------------------

def category_counts(input_categories: list[list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for categories in input_categories:
        for c in set(categories):
            counts[c] = counts.get(c, 0) + 1
    return counts


def category_affinity(input_categories: list[list[str]], item_categories: list[str],
                      counts: dict[str, int] | None = None) -> float:
    if not input_categories or not item_categories:
        return 0.0
    counts = category_counts(input_categories) if counts is None else counts
    return max(counts.get(c, 0) for c in item_categories) / len(input_categories)


def input_centroid(input_vectors: list[np.ndarray | None], dimensions: int) -> np.ndarray:
    total = np.zeros(dimensions, dtype=np.float64)
    for v in input_vectors:
        if v is not None and len(v) == dimensions:
            total += v
    return total


def content_similarity(item_vector: np.ndarray | None, centroid: np.ndarray) -> float:
    if item_vector is None or len(item_vector) != len(centroid):
        return 0.0
    norm = float(np.linalg.norm(item_vector)) * float(np.linalg.norm(centroid))
    return float(np.dot(item_vector, centroid) / norm) if norm > 0 else 0.0


# --- the timeline: which items are new, and the cases after a cutoff ------------------------------------------------

def timeline(snapshot) -> list[tuple[str, list[tuple[int, str]]]]:
    return [(u.user_id, [(e.ts, e.item_id) for e in u.events if e.type in DEFAULT_SEQUENCE_TYPES])
            for u in snapshot.users]


def split_new_items(snapshot, new_share: float) -> tuple[int, set[str], dict[str, int]]:
    """Items ordered by first interaction; the last ``new_share`` are new; the cutoff is the first one's time."""
    first: dict[str, int] = {}
    for _, events in timeline(snapshot):
        for ts, item in events:
            if ts < first.get(item, 1 << 62):
                first[item] = ts
    ordered = sorted(first.values())
    cutoff = ordered[min(len(ordered) - 1, int(len(ordered) * (1.0 - new_share)))]
    return cutoff, {item for item, ts in first.items() if ts >= cutoff}, first


def build_cases(snapshot, cutoff, new_items, texts, new_only: bool, per_user: int = 1, held_out: int = 0):
    """Per user, the first ``per_user`` interactions at or after the cutoff (with a new item only, or any).

    ``held_out``: only the user's last ``held_out`` interactions, the positions the model did not train on (the
    leave-one-out split keeps each user's last two out of training).
    """
    cases = []
    for _, events in timeline(snapshot):
        taken = 0
        for position, (ts, item) in enumerate(events):
            if taken == per_user:
                break
            if ts < cutoff or (new_only and item not in new_items) or (held_out and position < len(events) - held_out):
                continue
            if new_only and item not in texts.vectors:
                break
            history = [i for _, i in events[:position]]
            if len(history) >= 2:
                cases.append((history, item, ts))
                taken += 1
    return cases


def interaction_times(snapshot, items: set[str]) -> dict[str, np.ndarray]:
    times: dict[str, list[int]] = {}
    for _, events in timeline(snapshot):
        for ts, item in events:
            if item in items:
                times.setdefault(item, []).append(ts)
    return {item: np.array(sorted(ts)) for item, ts in times.items()}


# --- per-case scores and features -----------------------------------------------------------------------------------

@dataclass
class CaseBatch:
    """One chunk of cases: the model's scores of the known items and the features of every new item."""
    known: np.ndarray            # [b, n + 1] model scores (index 0 padding)
    known_excluded: np.ndarray   # [b, n + 1] padding, input items, and vocabulary items that count as new
    features: np.ndarray         # [b, m, F]
    interactions: np.ndarray     # [b, m] the item's interactions before the case (today's cold start uses it)
    new_excluded: np.ndarray     # [b, m] not yet released, already in the history, or without text
    target_known: np.ndarray     # [b] vocabulary index of a known target, else -1
    target_new: np.ndarray       # [b] slot among the new items, else -1
    history_lengths: list[int]


class NewItemContext:
    """What the features need about the new items (ordered by release) and the vocabulary."""

    def __init__(self, model, projection, vocabulary, texts, new_items, first, interactions, max_len):
        self.model, self.max_len, self.texts = model, max_len, texts
        self.index = {item: i for i, item in enumerate(vocabulary, start=1)}
        self.n = len(vocabulary)
        self.new_list = sorted(new_items, key=lambda i: (first[i], i))
        self.new_set = set(self.new_list)
        self.new_slot = {item: s for s, item in enumerate(self.new_list)}
        self.release = np.array([first[i] for i in self.new_list])
        self.has_text = np.array([i in texts.vectors for i in self.new_list])
        new_text = torch.stack([torch.from_numpy(texts.vectors.get(i, np.zeros(texts.dimensions, np.float32)))
                                for i in self.new_list])
        self.vectors = projection.project(new_text)                   # [m, d]
        self.unit = new_text.double().numpy()
        norms = np.linalg.norm(self.unit, axis=1, keepdims=True)
        self.unit = np.where(norms > 0, self.unit / np.maximum(norms, 1e-30), 0.0)
        self.categories = [texts.categories.get(i, []) for i in self.new_list]
        self.vocabulary = vocabulary
        # Vocabulary items that are new here (pseudo-new items the model was trained with) are never known candidates
        # and never model input: serving would not have known them.
        self.vocab_new = np.zeros(self.n + 1, dtype=bool)
        for item in self.new_list:
            if item in self.index:
                self.vocab_new[self.index[item]] = True
        self.seen_at = [interactions.get(i, np.zeros(0, dtype=np.int64)) for i in self.new_list]
        self._cache: dict[int, tuple] = {}

    def batches(self, cases, chunk: int = 128):
        """Computed once per case list (the same list is ranked by several methods and combiners)."""
        key = id(cases)
        if key not in self._cache:
            self._cache[key] = (cases, list(self._batches(cases, chunk)))
        return self._cache[key][1]

    def _batches(self, cases, chunk: int):
        embedding = self.model.item_embedding.weight.detach().float().t()
        m = len(self.new_list)
        for start in range(0, len(cases), chunk):
            part = cases[start:start + chunk]
            inputs = [tuple(self.index[i] for i in history if i in self.index and i not in self.new_set)[-self.max_len:]
                      for history, _, _ in part]
            with torch.no_grad():
                h = self.model.hidden(left_pad(inputs, self.max_len), last_only=True)[:, -1, :].float()
                known = (h @ embedding).numpy()
                text_scores = (h @ self.vectors.t()).numpy()
            b = len(part)
            known_excluded = np.tile(self.vocab_new, (b, 1))
            known_excluded[:, 0] = True
            features = np.zeros((b, m, len(FEATURES)))
            new_excluded = np.zeros((b, m), dtype=bool)
            interactions = np.zeros((b, m))
            target_known, target_new = np.full(b, -1), np.full(b, -1)
            for row, (history, target, when) in enumerate(part):
                known_excluded[row, list(set(inputs[row]))] = True
                input_items = [self.vocabulary[i - 1] for i in inputs[row]]
                input_categories = [self.texts.categories.get(i, []) for i in input_items]
                centroid = input_centroid([self.texts.vectors.get(i) for i in input_items], self.texts.dimensions)
                cnorm = float(np.linalg.norm(centroid))
                features[row, :, 0] = text_scores[row]
                counts = category_counts(input_categories)
                features[row, :, 1] = [category_affinity(input_categories, c, counts) for c in self.categories]
                recent = input_categories[-RECENT_ITEMS:]
                recent_counts = category_counts(recent)
                features[row, :, 3] = [category_affinity(recent, c, recent_counts) for c in self.categories]
                features[row, :, 2] = (self.unit @ centroid) / cnorm if cnorm > 0 else 0.0
                interactions[row] = [np.searchsorted(ts, when) for ts in self.seen_at]
                seen = set(history)
                new_excluded[row] = (self.release > when) | ~self.has_text | np.array([i in seen for i in self.new_list])
                if target in self.new_set:
                    target_new[row] = self.new_slot[target]
                elif target in self.index:
                    target_known[row] = self.index[target]
            yield CaseBatch(known, known_excluded, features, interactions, new_excluded, target_known, target_new,
                            [len(x) for x in inputs])


# --- fitting --------------------------------------------------------------------------------------------------------

def _logsumexp(values: np.ndarray, excluded: np.ndarray) -> np.ndarray:
    masked = np.where(excluded, -np.inf, values)
    top = masked.max(axis=1, keepdims=True)
    return (top + np.log(np.exp(masked - top).sum(axis=1, keepdims=True))).squeeze(1)


def fit_scoring(context: NewItemContext, full_cases, new_cases, features=FEATURES, l2: float = 1e-3,
                progress=print, min_cases: int = MIN_CASES) -> NewItemScoring:
    """Fits offset and weights (those not in ``features`` stay 0; the text weight is 1 when left out)."""
    started = time.monotonic()
    rows = []   # per case: lse of known candidates, target's known score (or nan), new features, mask, new target
    for kind, cases in (("full", full_cases), ("new", new_cases)):
        for batch in context.batches(cases):
            lse = _logsumexp(batch.known, batch.known_excluded)
            for r in range(len(lse)):
                keep = ~batch.new_excluded[r]
                target_known = batch.known[r, batch.target_known[r]] if batch.target_known[r] > 0 else math.nan
                target_new = -1
                if batch.target_new[r] >= 0:
                    if not keep[batch.target_new[r]]:
                        continue
                    target_new = int(keep[:batch.target_new[r]].sum())
                elif batch.target_known[r] <= 0 or batch.known_excluded[r, batch.target_known[r]]:
                    continue
                rows.append((kind, lse[r], target_known, batch.features[r][keep], target_new))
    full_count = sum(1 for r in rows if r[0] == "full")
    if full_count < min_cases:
        # Four numbers fitted on a handful of cases would say more about those cases than about new items.
        progress(f"new-item scoring: {full_count} pseudo-new cases (< {min_cases}); new items keep the raw text score")
        return NewItemScoring(NewItemScoring.identity().weights, 0.0,
                              {"fittedOn": f"nothing ({full_count} pseudo-new cases, fewer than {min_cases})"})
    use = torch.tensor([f in features for f in FEATURES])
    weights = torch.zeros(len(FEATURES), dtype=torch.float64)
    weights[0] = 1.0
    free = torch.nn.Parameter(weights.clone())
    offset = torch.nn.Parameter(torch.zeros((), dtype=torch.float64))
    full_rows = [r for r in rows if r[0] == "full"]
    new_rows = [r for r in rows if r[0] == "new" and r[4] >= 0 and len(r[3]) > 1]
    # Pack into padded tensors: full cases [c, m_max, F] with a mask.
    def pack(selected):
        m = max((len(r[3]) for r in selected), default=1) or 1
        feats = torch.zeros(len(selected), m, len(FEATURES), dtype=torch.float64)
        mask = torch.zeros(len(selected), m, dtype=torch.bool)
        for i, r in enumerate(selected):
            feats[i, :len(r[3])] = torch.from_numpy(r[3])
            mask[i, :len(r[3])] = True
        return feats, mask
    full_feats, full_mask = pack(full_rows)
    full_lse = torch.tensor([r[1] for r in full_rows], dtype=torch.float64)
    full_target_known = torch.tensor([r[2] for r in full_rows], dtype=torch.float64)
    full_target_new = torch.tensor([r[4] for r in full_rows])
    new_feats, new_mask = pack(new_rows)
    new_target = torch.tensor([r[4] for r in new_rows])
    prior = torch.zeros(len(FEATURES), dtype=torch.float64)
    prior[0] = 1.0
    optimizer = torch.optim.LBFGS([free, offset], lr=1, max_iter=200, line_search_fn="strong_wolfe")

    def current():
        return torch.where(use, free, torch.where(torch.arange(len(FEATURES)) == 0, 1.0, 0.0).double())

    def objective():
        w = current()
        loss = torch.zeros((), dtype=torch.float64)
        if len(full_rows):
            s = torch.where(full_mask, full_feats @ w + offset, torch.tensor(-math.inf, dtype=torch.float64))
            total = torch.logaddexp(full_lse, torch.logsumexp(s, dim=1))
            is_new = full_target_new >= 0
            target = torch.where(is_new, s.gather(1, full_target_new.clamp_min(0).unsqueeze(1)).squeeze(1),
                                 torch.nan_to_num(full_target_known))
            loss = loss + (total - target).mean()
        if len(new_rows):
            s = torch.where(new_mask, new_feats @ w, torch.tensor(-math.inf, dtype=torch.float64))
            loss = loss + (torch.logsumexp(s, dim=1) - s.gather(1, new_target.unsqueeze(1)).squeeze(1)).mean()
        return loss + l2 * ((w - prior) ** 2).sum()

    def closure():
        optimizer.zero_grad()
        loss = objective()
        loss.backward()
        return loss

    optimizer.step(closure)
    w = current().detach().numpy().copy()
    summary = {"fittedOn": "pseudo-new items before the training cutoff", "fullCases": len(full_rows),
               "newItemCases": len(new_rows), "loss": round(float(objective()), 5), "l2": l2,
               "seconds": round(time.monotonic() - started, 1)}
    progress(f"new-item scoring fitted on {len(full_rows)} + {len(new_rows)} pseudo-new cases: "
             f"weights {np.round(w, 4).tolist()}, offset {float(offset):.4f}")
    return NewItemScoring(w, float(offset.detach()), summary)


def parity_reference(scoring: NewItemScoring, seed: int = 7, cases: int = 12, dimensions: int = 5) -> dict:
    """Inputs and expected scores for the C# test of the same formula (NewItemScoringParityTests)."""
    rng = np.random.default_rng(seed)
    names = ["Action", "Comedy", "Drama", "Horror"]
    out = []
    for c in range(cases):
        inputs = [{"categories": list(rng.choice(names, size=rng.integers(0, 3), replace=False)),
                   "embedding": None if rng.random() < 0.2 else [round(float(x), 4) for x in rng.normal(size=dimensions)]}
                  for _ in range(int(rng.integers(0, 6)) if c % 3 else int(rng.integers(11, 16)))]
        item = {"categories": list(rng.choice(names, size=rng.integers(0, 3), replace=False)),
                "embedding": None if c == 0 else [round(float(x), 4) for x in rng.normal(size=dimensions)],
                "textScore": round(float(rng.normal() * 3), 4)}
        features = np.array([item["textScore"],
                             category_affinity([i["categories"] for i in inputs], item["categories"]),
                             content_similarity(None if item["embedding"] is None else np.array(item["embedding"]),
                                                input_centroid([None if i["embedding"] is None else np.array(i["embedding"])
                                                                for i in inputs], dimensions)),
                             category_affinity([i["categories"] for i in inputs][-RECENT_ITEMS:], item["categories"])])
        out.append({"inputs": inputs, "item": item, "features": features.tolist(),
                    "score": float(scoring.score(features))})
    return {"scoring": scoring.to_manifest(), "cases": out}


def fit_for_serving(model, snapshot, dataset, texts, max_len: int, positions: int, seed: int, projection_epochs: int = 4,
                    share: float = DEFAULT_SHARE, features=FEATURES, progress=print, projection_cache: str | None = None):
    """The projection (trained without the pseudo-new items) and the combiner fitted on them: what the job exports.

    ``snapshot`` holds the training period only; its last ``share`` of items by first interaction are pseudo-new.
    Returns ``(projection, scoring, context)``; ``context`` is the pseudo-new evaluation context (for ablations).
    """
    import os
    from longview_training import text as text_space
    from longview_training.trainer import training_sequences

    vocabulary = dataset.vocabulary.item_ids
    cutoff, pseudo, first = split_new_items(snapshot, share)
    index = dataset.vocabulary.index_of()
    matrix, has = text_space.text_matrix(texts, vocabulary)
    fit_has = has.clone()
    for item in pseudo:
        if item in index:
            fit_has[index[item]] = False
    if projection_cache and os.path.exists(projection_cache):
        saved = torch.load(projection_cache)
        projection = text_space.TextProjection(saved["weight"], saved["bias"], texts.encoder, saved["summary"])
        progress(f"projection loaded from {projection_cache}")
    else:
        states, targets = text_space.hidden_positions(model, training_sequences(dataset, max_len), max_len, positions,
                                                      seed)
        projection = text_space.train_projection(model, states, targets, matrix, fit_has, texts.encoder, seed=seed,
                                                 epochs=projection_epochs, progress=progress)
        projection.summary["heldOutPseudoNewItems"] = int((has & ~fit_has).sum())
        if projection_cache:
            torch.save({"weight": projection.weight, "bias": projection.bias, "summary": projection.summary},
                       projection_cache)
    context = NewItemContext(model, projection, vocabulary, texts, pseudo, first, interaction_times(snapshot, pseudo),
                             max_len)
    # The known items' scores must be as sharp as they will be on unseen data: at positions the model trained on they
    # are sharper, which would push new items too far down. So the calibration cases are each user's held-out
    # interactions (the last two, which the leave-one-out split keeps out of training) after T'.
    full_cases = build_cases(snapshot, cutoff, pseudo, texts, new_only=False, per_user=HELD_OUT, held_out=HELD_OUT)
    new_cases = build_cases(snapshot, cutoff, pseudo, texts, new_only=True)
    scoring = fit_scoring(context, full_cases, new_cases, features, progress=progress)
    scoring.summary.update({"share": share, "pseudoNewItems": len(pseudo),
                            "pseudoCutoff": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(cutoff))})
    context.cases = (full_cases, new_cases)
    return projection, scoring, context


# The combiner the checked-in parity file is written with (a fitted one's shape; any values would do).
REFERENCE_SCORING = NewItemScoring(np.array([0.25, 2.5, 3.0, 1.5]), -4.0)
REFERENCE_FILE = "tests/Longview.Core.Tests/Semantics/Parity/new_item_scoring_reference.json"


if __name__ == "__main__":
    # Rewrites the parity file (run from the repository root) after a change to the formula; both test suites read it.
    import json
    import sys
    path = sys.argv[1] if len(sys.argv) > 1 else REFERENCE_FILE
    with open(path, "w", encoding="utf-8") as f:
        json.dump(parity_reference(REFERENCE_SCORING), f, indent=1)
        f.write("\n")
    print(f"wrote {path}")
