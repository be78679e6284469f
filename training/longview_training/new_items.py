"""The new-item protocol: how well are items ranked that the model never saw, from their text alone?

1. Items are ordered by their first interaction in the snapshot; the last ``new_share`` of them are *new*, and
   ``T`` is the first interaction with any of them. The model, the text projection and the new-item combiner train on
   the events before ``T`` only (so no new item, and nothing a user did after ``T``, is seen in training); the
   combiner's pseudo-new items lie inside that period (``longview_training.new_item_scoring.fit_for_serving``, the
   job's own code).
2. New-item cases: for each user, the first interaction at or after ``T`` with a new item. Its input is everything
   the user did before it with known items (what serving would feed the model). Candidates: every known item plus
   the new items already released at that moment (first interaction no later than the case's), minus the input.
3. Full-catalogue cases: for each user, the first ``--full-cases-per-user`` (10) interactions at or after ``T`` (known
   or new item), same input and candidates: this is the ranking a user actually gets, and adding text-scored new
   items must not hurt it.

Methods for the new items (known items are always scored by the model):
- ``calibrated``: the model with text as served: the combiner over the text score, the category affinities and the
  content similarity, fitted on pseudo-new items before ``T``;
- ``text``: ``h · (W t + b)`` (``longview_training.text``), in the same logit space as the known items;
- ``today``: serving's cold start as it is (``ColdStartCandidates``): log(1 + the item's interactions so far, by any
  user, before the case) x (1 + the user's strongest category affinity among the item's categories), ties in a seeded
  random order; in the full ranking new items sit below every known item (they enter the pool at the relevance floor);
- ``content``: the cosine of the item's text embedding to the sum of the input items' (no model);
- ``category``: the category affinity alone (share of the input's items in the item's strongest category): stronger
  than today's, reported to show what categories alone can do;
- ``random``: a seeded random order; in the full ranking a uniform score between the user's lowest and highest
  known-item score (a random position).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace

import numpy as np
import torch

from longview_training import device as devices
from longview_training import new_item_scoring as scoring_space
from longview_training import text as text_space
from longview_training.parameters import TrainingParameters
from longview_training.snapshot import Snapshot, load_snapshot
from longview_training.splits import build_dataset
from longview_training.model import SASRec
from longview_training.trainer import TrainingResult, train

K = 10
POOL = 50   # serving's model candidate pool: a text-scored item joins it only above the pool's weakest
METHODS = ("calibrated", "text", "today", "category", "content", "random")
# Full ranking only: raw text scores shifted down by these margins (a sweep, reported, not tuned on the test).
SHIFTS = (0.5, 1.0, 2.0)
# Combiners fitted on the same pseudo-new cases with fewer features (reported to show what each adds).
ABLATIONS = {"text+offset": ("textScore",), "text+category": ("textScore", "categoryAffinity"),
             "text+category+content": ("textScore", "categoryAffinity", "contentSimilarity"),
             "all": scoring_space.FEATURES}
split_new_items = scoring_space.split_new_items
build_cases = scoring_space.build_cases


def _gains(ranks: np.ndarray) -> dict:
    if len(ranks) == 0:
        return {"cases": 0}
    hit = ranks <= K
    return {"cases": int(len(ranks)), f"recall@{K}": float(hit.mean()),
            f"ndcg@{K}": float(np.where(hit, 1.0 / np.log2(ranks + 1.0), 0.0).mean()),
            "mrr": float((1.0 / ranks).mean()), f"recall@{POOL}": float((ranks <= POOL).mean())}


def _ndcg(ranks: np.ndarray) -> np.ndarray:
    return np.where(ranks <= K, 1.0 / np.log2(ranks + 1.0), 0.0)


def paired_difference(a: np.ndarray, b: np.ndarray, seed: int, resamples: int = 2000) -> dict:
    """Mean per-case NDCG@10 and Recall@10 difference a - b over the same cases, with a 95 % paired bootstrap interval."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, da in (("ndcg@10", _ndcg(a) - _ndcg(b)), ("recall@10", (a <= K).astype(float) - (b <= K).astype(float))):
        if len(da) == 0:
            continue
        means = np.array([da[rng.integers(0, len(da), len(da))].mean() for _ in range(resamples)])
        out[name] = {"mean": float(da.mean()), "ci95": [float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))]}
    return out


def _rank(scores: np.ndarray, target: int, excluded: np.ndarray) -> int:
    """1-based rank among candidates (excluded ones never count); ties count against the target."""
    masked = scores.copy()
    masked[excluded] = -np.inf
    return int((masked > masked[target]).sum() + (masked == masked[target]).sum())


def cross_validate(validation, features, seed):
    """Ranks of the pseudo-new cases, each ranked by a combiner fitted on the other half (alternate cases): how the
    feature set was chosen, out of sample, without the test period."""
    full, new = validation.cases
    ranks_new, ranks_full = [], []
    for fold in (0, 1):
        fitted = scoring_space.fit_scoring(validation, [c for i, c in enumerate(full) if i % 2 != fold],
                                           [c for i, c in enumerate(new) if i % 2 != fold], features,
                                           progress=lambda _: None, min_cases=10)
        ranks_new.append(evaluate_cases(validation, fitted, [c for i, c in enumerate(new) if i % 2 == fold], seed)
                         ["calibrated"]["new"])
        ranks_full.append(evaluate_cases(validation, fitted, [c for i, c in enumerate(full) if i % 2 == fold], seed)
                          ["calibrated"]["full"])
    return np.concatenate(ranks_new), np.concatenate(ranks_full)


def evaluate_cases(context: scoring_space.NewItemContext, scoring: scoring_space.NewItemScoring, cases, seed):
    """Ranks of every case per method: (among new items, full ranking)."""
    rng = np.random.default_rng(seed)
    m = len(context.new_list)
    out = {k: {"new": [], "full": []} for k in (*METHODS, *(f"text-{d}" for d in SHIFTS))}
    for batch in context.batches(cases):
        for row in range(len(batch.target_known)):
            known_scores = batch.known[row]
            known_excluded = batch.known_excluded[row]
            new_excluded = batch.new_excluded[row]
            visible = known_scores[~known_excluded]
            lo, hi = float(visible.min()), float(visible.max())
            f = batch.features[row]
            text, affinity, content = f[:, 0], f[:, 1], f[:, 2]
            so_far = batch.interactions[row]
            noise = rng.random(m)
            today = np.log1p(so_far) * (1.0 + affinity)
            calibrated = scoring.score(f)
            new_scores = {"calibrated": calibrated, "text": text, "today": today + 1e-6 * noise,
                          "content": content + 1e-6 * noise, "category": affinity + 1e-6 * noise, "random": noise}
            # Full ranking: the new items' scores placed on the known items' scale.
            full_new = {
                "calibrated": calibrated,
                "text": text,
                "today": lo - 1.0 - 1.0 / (1.0 + today) + 1e-6 * noise,
                "content": lo - 2.0 + content / max(float(np.abs(content).max()), 1e-9),
                **{f"text-{d}": text - d for d in SHIFTS},
                "category": lo - 1.0 - 1.0 / (1.0 + affinity) + 1e-6 * noise,
                "random": lo + (hi - lo) * rng.random(m),
            }
            if batch.target_new[row] >= 0:
                slot, is_new = int(batch.target_new[row]), True
                if new_excluded[slot]:
                    continue
            elif batch.target_known[row] > 0 and not known_excluded[batch.target_known[row]]:
                slot, is_new = int(batch.target_known[row]), False
            else:
                continue   # a target outside the candidates (unknown item, or repeated): cannot be ranked
            excluded = np.concatenate([known_excluded, new_excluded])
            for method, scores in full_new.items():
                full = np.concatenate([known_scores, scores])
                out[method]["full"].append(_rank(full, (len(known_scores) + slot) if is_new else slot, excluded))
                if is_new and method in new_scores:
                    out[method]["new"].append(_rank(new_scores[method], slot, new_excluded))
    return {k: {kk: np.array(v, dtype=np.float64) for kk, v in d.items()} for k, d in out.items()}


def run(snapshot_path, embeddings_path, new_share, params, max_users, projection_positions, seed, progress=print,
        model_cache=None, projection_epochs=4, full_per_user=10, projection_cache=None):
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
    # Everything serving learns for new items comes from the training period alone: the projection and the combiner
    # are fitted on pseudo-new items before the cutoff (new_item_scoring.fit_for_serving, the job's own code).
    projection, scoring, validation = scoring_space.fit_for_serving(
        model, before, dataset, texts, params.max_len, projection_positions, seed, projection_epochs, progress=progress,
        projection_cache=projection_cache)
    ablations = {}
    for name, features in ABLATIONS.items():
        fitted = scoring if features == scoring_space.FEATURES else scoring_space.fit_scoring(
            validation, *validation.cases, features, progress=progress)
        ablations[name] = fitted
    interactions = scoring_space.interaction_times(snapshot, new_items)
    context = scoring_space.NewItemContext(model, projection, vocabulary, texts, new_items, first, interactions,
                                           params.max_len)
    new_cases = build_cases(snapshot, cutoff, new_items, texts, new_only=True)
    full_cases = build_cases(snapshot, cutoff, new_items, texts, new_only=False, per_user=full_per_user)
    ranks_new = evaluate_cases(context, scoring, new_cases, seed)
    # Offline an item's release is its first interaction, so today's cold start (popularity so far) ranks a target that
    # is its item's first interaction last: the cases are also reported split by whether the target had one before.
    by_prior = {}
    for label, seen_before in (("targetSeenBefore", True), ("targetsFirstInteraction", False)):
        subset = [c for c in new_cases if (np.sum(interactions.get(c[1], np.zeros(0)) < c[2]) > 0) == seen_before]
        ranks = evaluate_cases(context, scoring, subset, seed)
        by_prior[label] = {m: _gains(ranks[m]["new"]) for m in METHODS}
    ranks_full = evaluate_cases(context, scoring, full_cases, seed)
    ablation_report = {}
    for name, fitted in ablations.items():
        on_new = evaluate_cases(context, fitted, new_cases, seed)["calibrated"]
        on_full = evaluate_cases(context, fitted, full_cases, seed)["calibrated"]
        cv_new, cv_full = cross_validate(validation, ABLATIONS[name], seed)
        ablation_report[name] = {"scoring": fitted.to_manifest(),
                                 "validation2FoldCV": {"amongNew": _gains(cv_new), "fullCatalogue": _gains(cv_full)},
                                 "test": {"amongNew": _gains(on_new["new"]), "newFullRanking": _gains(on_new["full"]),
                                          "fullCatalogue": _gains(on_full["full"])}}
    val_floor = evaluate_cases(validation, scoring, validation.cases[0], seed)["today"]
    report = {
        "protocol": __doc__.strip().split("\n\n")[0],
        "snapshot": os.path.basename(snapshot_path), "users": len(snapshot.users), "maxUsers": max_users,
        "newShare": new_share, "cutoff": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(cutoff)),
        "newItems": len(new_items), "knownItems": len(vocabulary), "trainingEvents": dataset.summary()["events"],
        "encoder": texts.encoder,
        "model": {"bestEpoch": result.best_epoch, "epochs": result.epochs, "minutes": round(result.minutes, 2),
                  "stoppedBecause": result.stopped_because, "parameters": params.to_manifest()},
        "projection": projection.summary,
        "scoring": scoring.to_manifest(),
        "ablations": ablation_report,
        "validationWithoutText": _gains(val_floor["full"]),
        "newItemCases": {m: {"amongNew": _gains(ranks_new[m]["new"]), "fullRanking": _gains(ranks_new[m]["full"])}
                         for m in METHODS},
        "newItemCasesByPriorInteraction": by_prior,
        "pairedAmongNew": {f"calibrated - {m}": paired_difference(ranks_new["calibrated"]["new"], ranks_new[m]["new"], seed)
                           for m in ("today", "category", "text")},
        "pairedFullCatalogue": {"calibrated - withoutText": paired_difference(
            ranks_full["calibrated"]["full"], ranks_full["today"]["full"], seed)},
        "newItemCasesShifted": {f"text-{d}": _gains(ranks_new[f"text-{d}"]["full"]) for d in SHIFTS},
        "fullCatalogue": {"withTextCalibrated": _gains(ranks_full["calibrated"]["full"]),
                          "withText": _gains(ranks_full["text"]["full"]),
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
    parser.add_argument("--projection-cache", help="reuse (or save) the fitted projection here (iterating on the combiner)")
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
                 full_per_user=args.full_cases_per_user, projection_cache=args.projection_cache)
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
