"""The whole training job: snapshot -> splits -> recommender + churn -> evaluation -> ONNX + manifest."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from typing import Callable

import torch

from longview_training import churn as churn_model
from longview_training import device as devices
from longview_training import export
from longview_training import metrics_log
from longview_training import new_item_scoring
from longview_training import text as text_space
from longview_training import serving_window
from longview_training.evaluation import evaluate, evaluate_model, popularity_scorer
from longview_training.parameters import TrainingParameters
from longview_training.snapshot import load_snapshot
from longview_training.splits import build_dataset
from longview_training.storage import OutputSink, fetch_snapshot
from longview_training.trainer import train

MANIFEST_SCHEMA = 1


def _json(value: dict) -> bytes:
    return json.dumps(value, indent=2, sort_keys=False).encode("utf-8")


def _file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run(snapshot_location: str, out: str, device_name: str, params: TrainingParameters,
        progress: Callable[[str], None] = print, now: Callable[[], dt.datetime] | None = None,
        item_embeddings: str | None = None) -> dict:
    params.validate()
    now = now or (lambda: dt.datetime.now(dt.timezone.utc))
    torch.set_num_threads(params.threads)
    device = devices.resolve_device(device_name)
    started = time.monotonic()
    texts = None
    with tempfile.TemporaryDirectory(prefix="longview-train-") as work_dir:
        snapshot_path = fetch_snapshot(snapshot_location, work_dir)
        snapshot_hash = _file_hash(snapshot_path)
        snapshot = load_snapshot(snapshot_path)
        if item_embeddings:
            texts = text_space.load_item_embeddings(
                fetch_snapshot(item_embeddings, work_dir, "item_embeddings.ndjson.gz", "item embeddings"))
    for error in snapshot.errors:
        progress(f"rejected snapshot record: {error}")
    dataset = build_dataset(snapshot)
    summary = {**dataset.summary(), "snapshotUsers": len(snapshot.users), "rejectedRecords": snapshot.rejected,
               "rejectedExamples": snapshot.errors, "snapshotSha256": snapshot_hash}
    progress(f"data: {summary['users']} users, {summary['items']} items, {summary['events']} events "
             f"({summary['evaluatedUsers']} evaluated, {snapshot.rejected} records rejected)")

    result = train(dataset, params, device, progress)
    model = result.model
    metrics = {
        "protocol": "leave-one-out, full ranking over the whole catalogue, input items excluded, k=10",
        "test": evaluate_model(model, dataset, "test", params.max_len, device),
        "validation": evaluate_model(model, dataset, "validation", params.max_len, device),
        "popularity": {"test": evaluate(popularity_scorer(dataset), dataset, "test"),
                       "validation": evaluate(popularity_scorer(dataset), dataset, "validation")},
        "training": {"bestEpoch": result.best_epoch, "epochs": result.epochs, "minutes": round(result.minutes, 3),
                     "stoppedBecause": result.stopped_because, "device": device.type,
                     "torch": torch.__version__, "threads": params.threads, "history": result.history},
    }
    progress(f"test ndcg@10 {metrics['test'].get('ndcg@10', 0):.4f} "
             f"(popularity {metrics['popularity']['test'].get('ndcg@10', 0):.4f})")

    window = serving_window.choose(model, dataset, params.max_len, device, metrics["validation"].get("ndcg@10", 0.0))
    progress(f"serving window {window['length']} of {params.max_len} items (validation ndcg@10 {window['measured']})")

    churn = churn_model.train_churn(snapshot, params.seed)
    metrics["churn"] = churn.summary
    progress(f"churn: {churn.summary['users']} users, churn rate {churn.summary['churnRate']}, "
             f"auc {churn.summary['auc']}")

    model = model.cpu()
    text_file, text_section = None, None
    if texts is not None:
        # The projection is trained without the newest items of the snapshot (pseudo-new), and the combiner that puts
        # text scores on the known items' scale is fitted on them (longview_training/new_item_scoring.py).
        projection, scoring, _ = new_item_scoring.fit_for_serving(model, snapshot, dataset, texts, params.max_len,
                                                                  50_000, params.seed, progress=progress)
        text_file, text_section = text_space.export_projection(model, projection)
        text_section["scoring"] = scoring.to_manifest()
        checked = [u.test_input if u.test is not None else u.train for u in dataset.splits[:64]]
        text_section["stateRecoveryMaxError"] = text_space.recovery_error(model, checked, params.max_len)
        text_section["rejectedEmbeddings"] = texts.rejected
        progress(f"text projection: {projection.summary['itemsWithText']} items with text, "
                 f"state recovery error {text_section['stateRecoveryMaxError']:.2e}")
    recommender_onnx = export.export_recommender(model, params.max_len)
    churn_onnx = export.export_churn(churn.model, len(churn_model.FEATURES))
    reference_users = dataset.evaluated[:params.reference_users] or list(dataset.splits[:params.reference_users])
    reference = export.reference_cases(model, [u.user_id for u in reference_users],
                                       [u.test_input if u.test is not None else u.train for u in reference_users],
                                       params.max_len)

    created = now()
    version = created.strftime("%Y%m%dT%H%M%SZ") + "-" + hashlib.sha256(
        recommender_onnx + churn_onnx).hexdigest()[:8]
    manifest = {
        "schema": MANIFEST_SCHEMA,
        "version": version,
        "createdAt": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": {"file": "model.onnx", "input": export.RECOMMENDER_INPUT, "output": export.RECOMMENDER_OUTPUT,
                  "architecture": "SASRec (pre-LN, learned positions counted from the right, tied output)",
                  "loss": "full softmax cross-entropy over the catalogue at every position"},
        "items": dataset.vocabulary.manifest_items(),
        "maxLength": params.max_len,
        "servingWindow": window,
        "opset": export.OPSET,
        "trainingParameters": params.to_manifest(),
        "dataSummary": summary,
        "metrics": metrics,
        "churn": {"file": "churn.onnx", "input": export.CHURN_INPUT, "output": export.CHURN_OUTPUT,
                  **churn.summary, "logistic": churn.model.to_manifest()},
    }
    if text_section is not None:
        manifest["text"] = text_section
    sink = OutputSink(out)
    if text_file is not None:
        sink.write(text_space.FILE, text_file)
    sink.write("model.onnx", recommender_onnx)
    sink.write("churn.onnx", churn_onnx)
    sink.write("reference.json", _json(reference))
    sink.write("metrics.json", _json({"version": version, **metrics}))
    sink.write("metrics.jsonl", metrics_log.jsonl(version, metrics))
    sink.write("manifest.json", _json(manifest))
    progress(f"wrote model {version} to {out} in {(time.monotonic() - started) / 60.0:.1f} min")
    return manifest
