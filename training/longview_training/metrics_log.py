"""Metrics as JSON lines (metrics.jsonl beside metrics.json): one object per epoch, then one for the result.

Line-oriented so that log tools (Log Analytics, jq, pandas.read_json(lines=True)) read it without knowing the
nested metrics.json layout. Every line has "kind" ("epoch" or "result") and "version".
"""
from __future__ import annotations

import json


def lines(version: str, metrics: dict) -> list[dict]:
    training = metrics.get("training", {})
    out = [{"kind": "epoch", "version": version, **entry} for entry in training.get("history", [])]
    result = {"kind": "result", "version": version,
              "bestEpoch": training.get("bestEpoch"), "epochs": training.get("epochs"),
              "minutes": training.get("minutes"), "stoppedBecause": training.get("stoppedBecause"),
              "device": training.get("device")}
    for split in ("test", "validation"):
        for name, value in metrics.get(split, {}).items():
            result[f"{split}.{name}"] = value
    for name, value in metrics.get("popularity", {}).get("test", {}).items():
        result[f"popularity.test.{name}"] = value
    if isinstance(metrics.get("churn"), dict) and "auc" in metrics["churn"]:
        result["churn.auc"] = metrics["churn"]["auc"]
    out.append(result)
    return out


def jsonl(version: str, metrics: dict) -> bytes:
    return "".join(json.dumps(line, sort_keys=False) + "\n" for line in lines(version, metrics)).encode("utf-8")
