"""Independent churn-score metrics for the C# cross-check (scikit-learn).

stdin: JSON {"samples": [{"risk": [...], "churned": [0|1, ...]}, ...]}
stdout: JSON list, per sample: roc_auc, average_precision, brier.
"""
import json
import sys

from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

out = []
for s in json.load(sys.stdin)["samples"]:
    out.append({
        "roc_auc": roc_auc_score(s["churned"], s["risk"]),
        "average_precision": average_precision_score(s["churned"], s["risk"]),
        "brier": brier_score_loss(s["churned"], s["risk"]),
    })
json.dump(out, sys.stdout)
