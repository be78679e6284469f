"""Independent silhouette scores for the C# cross-check (scikit-learn).

stdin: JSON {"samples": [{"points": [[...], ...], "labels": [...]}, ...]}
stdout: JSON list of silhouette_score (euclidean) per sample.
"""
import json
import sys

import numpy as np
from sklearn.metrics import silhouette_score

out = [float(silhouette_score(np.asarray(s["points"], float), np.asarray(s["labels"]), metric="euclidean"))
       for s in json.load(sys.stdin)["samples"]]
json.dump(out, sys.stdout)
