"""Times PyTorch eager on the exported model's PyTorch twin, for `./dev bench serve`.

usage: /usr/bin/python3 torch_twin.py REPO_ROOT MODEL_DIR SEQUENCES_JSON WARMUP CALLS

The twin and its check against reference.json: twin_model.py. Timing: batch 1, torch.no_grad, eval mode, one
thread, each call time.perf_counter_ns around model(ids), sequences cycled in the order given. Prints one JSON line.
"""
import json
import os
import sys
import time

root, model_dir, sequences_path, warmup, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from twin_model import load_twin  # noqa: E402

torch.set_num_threads(1)
model, manifest, max_diff = load_twin(root, model_dir)

sequences = [torch.tensor([s], dtype=torch.int64) for s in json.load(open(sequences_path))]
times = []
with torch.no_grad():
    for i in range(warmup):
        model(sequences[i % len(sequences)])
    for i in range(calls):
        ids = sequences[i % len(sequences)]
        start = time.perf_counter_ns()
        model(ids)
        times.append(time.perf_counter_ns() - start)
times_ms = np.array(times) / 1e6
print(json.dumps({"calls": calls, "p50_ms": float(np.percentile(times_ms, 50)), "p99_ms": float(np.percentile(times_ms, 99)),
                  "seconds": float(times_ms.sum() / 1000), "max_abs_diff_vs_reference": max_diff, "torch": torch.__version__}))
