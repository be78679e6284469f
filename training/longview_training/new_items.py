"""The new-item protocol: how well are items ranked that the model never saw, from their text alone?

1. Items are ordered by their first interaction in the snapshot; the last ``new_share`` of them are *new*, and
   ``T`` is the first interaction with any of them. The model and the text projection train on the events before
   ``T`` only (so no new item, and nothing a user did after ``T``, is seen in training).
2. New-item cases: for each user, the first interaction at or after ``T`` with a new item. Its input is everything
   the user did before it with known items (what serving would feed the model). Candidates: every known item plus
   the new items already released at that moment (first interaction no later than the case's), minus the input.
3. Full-catalogue cases: for each user, the first interaction at or after ``T`` (known or new item), same input and
   candidates: this is the ranking a user actually gets, and adding text-scored new items must not hurt it.

Methods for the new items (known items are always scored by the model):
- ``text``: ``h · (W t + b)`` (``longview_training.text``), in the same logit space as the known items;
- ``today``: serving's cold start as it is (``ColdStartCandidates``): log(1 + the item's interactions so far, by any
  user, before the case) x (1 + the user's strongest category affinity among the item's categories), ties in a seeded
  random order; in the full ranking new items sit below every known item (they enter the pool at the relevance floor);
- ``category``: the category affinity alone (share of the input's items in the item's strongest category): stronger
  than today's, reported to show what categories alone can do;
- ``random``: a seeded random order; in the full ranking a uniform score between the user's lowest and highest
  known-item score (a random position).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import replace

import numpy as np
import torch

from longview_training import device as devices
from longview_training import text as text_space
from longview_training.evaluation import left_pad
from longview_training.parameters import TrainingParameters
from longview_training.snapshot import Snapshot, load_snapshot
from longview_training.splits import DEFAULT_SEQUENCE_TYPES, build_dataset
from longview_training.model import SASRec
from longview_training.trainer import TrainingResult, train, training_sequences

K = 10
METHODS = ("text", "today", "category", "content", "random")
# Full ranking only: text scores shifted down by these margins (a calibration sweep, reported, not tuned on the test).
SHIFTS = (0.5, 1.0, 2.0)


def _timeline(snapshot: Snapshot) -> list[tuple[str, list[tuple[int, str]]]]:
    return [(u.user_id, [(e.ts, e.item_id) for e in u.events if e.type in DEFAULT_SEQUENCE_TYPES])
            for u in snapshot.users]


def split_new_items(snapshot: Snapshot, new_share: float) -> tuple[int, set[str], dict[str, int]]:
    first: dict[str, int] = {}
    for _, events in _timeline(snapshot):
        for ts, item in events:
            if ts < first.get(item, 1 << 62):
                first[item] = ts
    ordered = sorted(first.values())
    cutoff = ordered[min(len(ordered) - 1, int(len(ordered) * (1.0 - new_share)))]
    return cutoff, {item for item, ts in first.items() if ts >= cutoff}, first


def _gains(ranks: np.ndarray) -> dict:
    if len(ranks) == 0:
        return {"cases": 0}
    hit = ranks <= K
    return {"cases": int(len(ranks)), f"recall@{K}": float(hit.mean()),
            f"ndcg@{K}": float(np.where(hit, 1.0 / np.log2(ranks + 1.0), 0.0).mean()),
            "mrr": float((1.0 / ranks).mean())}


def _rank(scores: np.ndarray, target: int, excluded: np.ndarray) -> int:
    """1-based rank among candidates (excluded ones never count); ties count against the target."""
    masked = scores.copy()
    masked[excluded] = -np.inf
    return int((masked > masked[target]).sum() + (masked == masked[target]).sum())


def evaluate_cases(model, projection, vocabulary, texts, new_items, first, cases, max_len, seed, interactions):
    """Ranks of every case per method: (among new items, full ranking)."""
    index = {item: i for i, item in enumerate(vocabulary, start=1)}
    n = len(vocabulary)
    new_list = sorted(new_items, key=lambda i: (first[i], i))
    new_release = np.array([first[i] for i in new_list])
    new_has_text = np.array([i in texts.vectors for i in new_list])
    new_text = torch.stack([torch.from_numpy(texts.vectors.get(i, np.zeros(texts.dimensions, np.float32)))
                            for i in new_list])
    new_vectors = projection.project(new_text)                         # [m, d]
    categories = [set(texts.categories.get(i, [])) for i in new_list]
    known_categories = [set()] + [set(texts.categories.get(i, [])) for i in vocabulary]
    unit = new_text / new_text.norm(dim=1, keepdim=True).clamp_min(1e-9)
    rng = np.random.default_rng(seed)
    seen_at = [np.array(sorted(interactions.get(i, []))) for i in new_list]
    out = {m: {"new": [], "full": []} for m in (*METHODS, *(f"text-{d}" for d in SHIFTS))}
    model.eval()
    for start in range(0, len(cases), 128):
        chunk = cases[start:start + 128]
        inputs = [tuple(index[i] for i in history if i in index)[-max_len:] for history, _, _ in chunk]
        with torch.no_grad():
            batch = left_pad(inputs, max_len)
            h = model.hidden(batch, last_only=True)[:, -1, :].float()
            known = (h @ model.item_embedding.weight.detach().float().t()).numpy()
            text_scores = (h @ new_vectors.t()).numpy()
        for row, (history, target, when) in enumerate(chunk):
            released = new_release <= when
            seen_new = np.isin(new_list, list(set(history)))
            new_excluded = ~released | seen_new | ~new_has_text
            known_excluded = np.zeros(n + 1, dtype=bool)
            known_excluded[0] = True
            known_excluded[list(set(inputs[row]))] = True
            known_scores = known[row]
            lo, hi = known_scores[1:].min(), known_scores[1:].max()
            counts: dict[str, int] = {}
            for item in inputs[row]:
                for c in known_categories[item]:
                    counts[c] = counts.get(c, 0) + 1
            affinity = np.array([max((counts.get(c, 0) for c in cats), default=0) / max(len(inputs[row]), 1)
                                 for cats in categories])
            noise = rng.random(len(new_list))
            centroid = np.zeros(texts.dimensions, dtype=np.float32)
            for item in history:
                if item in texts.vectors:
                    centroid += texts.vectors[item]
            content = (unit @ torch.from_numpy(centroid)).numpy() + 1e-6 * noise
            so_far = np.array([np.searchsorted(ts, when) for ts in seen_at], dtype=np.float64)
            today = np.log1p(so_far) * (1.0 + affinity)
            new_scores = {
                "text": text_scores[row],
                "today": today + 1e-6 * noise,
                "content": content,
                "category": affinity + 1e-6 * noise,
                "random": noise,
            }
            # Full ranking: the new items' scores placed on the known items' scale.
            full_new = {
                "text": text_scores[row],
                "today": lo - 1.0 - 1.0 / (1.0 + today) + 1e-6 * noise,
                "content": lo - 2.0 + content / max(float(np.abs(content).max()), 1e-9),
                **{f"text-{d}": text_scores[row] - d for d in SHIFTS},
                "category": lo - 1.0 - 1.0 / (1.0 + affinity) + 1e-6 * noise,
                "random": lo + (hi - lo) * rng.random(len(new_list)),
            }
            is_new = target in new_items
            target_slot = new_list.index(target) if is_new else index.get(target)
            if target_slot is None:
                continue   # a known-at-T item outside the vocabulary cannot happen; keep the guard honest
            for method in full_new:
                full = np.concatenate([known_scores, full_new[method]])
                excluded = np.concatenate([known_excluded, new_excluded])
                slot = (n + 1 + target_slot) if is_new else target_slot
                out[method]["full"].append(_rank(full, slot, excluded))
                if is_new and method in new_scores:
                    out[method]["new"].append(_rank(new_scores[method], target_slot, new_excluded))
    return {m: {k: np.array(v, dtype=np.float64) for k, v in d.items()} for m, d in out.items()}


def build_cases(snapshot, cutoff, new_items, texts, new_only: bool, per_user: int = 1):
    """Per user, the first ``per_user`` interactions at or after the cutoff (with a new item only, or any)."""
    cases = []
    for _, events in _timeline(snapshot):
        taken = 0
        for position, (ts, item) in enumerate(events):
            if taken == per_user:
                break
            if ts < cutoff or (new_only and item not in new_items):
                continue
            if new_only and item not in texts.vectors:
                break
            history = [i for _, i in events[:position]]
            if len(history) >= 2:
                cases.append((history, item, ts))
                taken += 1
    return cases


def run(snapshot_path, embeddings_path, new_share, params, max_users, projection_positions, seed, progress=print,
        model_cache=None, projection_epochs=4, full_per_user=10):
    started = time.monotonic()
    torch.set_num_threads(params.threads)
    snapshot = load_snapshot(snapshot_path)
    texts = text_space.load_item_embeddings(embeddings_path)
    if max_users and len(snapshot.users) > max_users:
        pick = np.random.default_rng(seed).choice(len(snapshot.users), max_users, replace=False)
        snapshot = Snapshot([snapshot.users[i] for i in sorted(pick)])
    cutoff, new_items, first = split_new_items(snapshot, new_share)
    before = Snapshot([replace(u, events=tuple(e for e in u.events if e.ts < cutoff)) for u in snapshot.users
                       if any(e.ts < cutoff for e in u.events)])
    dataset = build_dataset(before)
    progress(f"cutoff {time.strftime('%Y-%m-%d %H:%M', time.gmtime(cutoff))} UTC: {len(new_items)} new items, "
             f"training on {dataset.summary()['events']} events of {len(before.users)} users, "
             f"{dataset.vocabulary.size} known items")
    if model_cache and os.path.exists(model_cache):
        # Iterating on the projection or the metrics: the same data and parameters give the same model.
        model = SASRec(dataset.vocabulary.size, params.dim, params.blocks, params.heads, params.max_len, params.dropout)
        saved = torch.load(model_cache)
        model.load_state_dict(saved["state"])
        model.eval()
        result = TrainingResult(model, **saved["result"])
        progress(f"model loaded from {model_cache}")
    else:
        result = train(dataset, params, devices.resolve_device("cpu"), progress)
        model = result.model
        if model_cache:
            torch.save({"state": model.state_dict(), "result": {"best_epoch": result.best_epoch, "epochs": result.epochs,
                        "minutes": result.minutes, "stopped_because": result.stopped_because}}, model_cache)
    vocabulary = dataset.vocabulary.item_ids
    matrix, has = text_space.text_matrix(texts, vocabulary)
    states, targets = text_space.hidden_positions(model, training_sequences(dataset, params.max_len), params.max_len,
                                                  projection_positions, seed)
    projection = text_space.train_projection(model, states, targets, matrix, has, texts.encoder, seed=seed,
                                             epochs=projection_epochs, progress=progress)
    interactions: dict[str, list[int]] = {}
    for _, events in _timeline(snapshot):
        for ts, item in events:
            if item in new_items:
                interactions.setdefault(item, []).append(ts)
    new_cases = build_cases(snapshot, cutoff, new_items, texts, new_only=True)
    full_cases = build_cases(snapshot, cutoff, new_items, texts, new_only=False, per_user=full_per_user)
    ranks_new = evaluate_cases(model, projection, vocabulary, texts, new_items, first, new_cases, params.max_len, seed,
                               interactions)
    ranks_full = evaluate_cases(model, projection, vocabulary, texts, new_items, first, full_cases, params.max_len,
                                seed, interactions)
    report = {
        "protocol": __doc__.strip().split("\n\n")[0],
        "snapshot": os.path.basename(snapshot_path), "users": len(snapshot.users), "maxUsers": max_users,
        "newShare": new_share, "cutoff": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(cutoff)),
        "newItems": len(new_items), "knownItems": len(vocabulary), "trainingEvents": dataset.summary()["events"],
        "encoder": texts.encoder,
        "model": {"bestEpoch": result.best_epoch, "epochs": result.epochs, "minutes": round(result.minutes, 2),
                  "stoppedBecause": result.stopped_because, "parameters": params.to_manifest()},
        "projection": projection.summary,
        "newItemCases": {m: {"amongNew": _gains(ranks_new[m]["new"]), "fullRanking": _gains(ranks_new[m]["full"])}
                         for m in METHODS},
        "newItemCasesShifted": {f"text-{d}": _gains(ranks_new[f"text-{d}"]["full"]) for d in SHIFTS},
        "fullCatalogue": {"withText": _gains(ranks_full["text"]["full"]),
                          "withoutText (new items at the floor)": _gains(ranks_full["today"]["full"]),
                          "randomPlacement": _gains(ranks_full["random"]["full"]),
                          **{f"withText shifted -{d}": _gains(ranks_full[f"text-{d}"]["full"]) for d in SHIFTS},
                          "casesPerUser": full_per_user,
                          "rankChanged": int((ranks_full["text"]["full"] != ranks_full["today"]["full"]).sum()),
                          "newTargets": int(sum(1 for _, t, _ in full_cases if t in new_items))},
        "minutes": round((time.monotonic() - started) / 60.0, 2),
        "loadAverage1m": os.getloadavg()[0],
    }
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="longview_training new-items", description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot", required=True)
    parser.add_argument("--item-embeddings", required=True, help="item_embeddings.ndjson.gz (one encoder)")
    parser.add_argument("--out", help="write the report JSON here")
    parser.add_argument("--new-share", type=float, default=0.1)
    parser.add_argument("--max-users", type=int, default=0, help="seeded subsample of users (0: all)")
    parser.add_argument("--projection-positions", type=int, default=30_000)
    parser.add_argument("--projection-epochs", type=int, default=4)
    parser.add_argument("--full-cases-per-user", type=int, default=10)
    parser.add_argument("--max-minutes", type=float, default=3.0)
    parser.add_argument("--max-epochs", type=int, default=200)
    parser.add_argument("--patience", type=int, default=3)
    parser.add_argument("--max-len", type=int, default=50, help="sequence length of the model (the job's default is 200)")
    parser.add_argument("--model-cache", help="reuse (or save) the trained model here: same data and parameters only")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    if not 0.0 < args.new_share < 1.0:
        print("error: --new-share must be in (0, 1)", file=sys.stderr)
        return 2
    params = TrainingParameters(max_len=args.max_len, max_minutes=args.max_minutes, max_epochs=args.max_epochs, patience=args.patience,
                                seed=args.seed, threads=args.threads)
    report = run(args.snapshot, args.item_embeddings, args.new_share, params, args.max_users,
                 args.projection_positions, args.seed, progress=lambda line: print(line, flush=True),
                 model_cache=args.model_cache, projection_epochs=args.projection_epochs,
                 full_per_user=args.full_cases_per_user)
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
