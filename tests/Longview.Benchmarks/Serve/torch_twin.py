"""Times PyTorch eager on the exported model's PyTorch twin, for `./dev bench serve`.

usage: /usr/bin/python3 torch_twin.py REPO_ROOT MODEL_DIR SEQUENCES_JSON WARMUP CALLS

The twin is the training job's own SASRec class (training/longview_training/model.py) built with the manifest's
training parameters and loaded with the weights stored in model.onnx (initializers named as the parameters; the
Linear weights ONNX stores transposed as MatMul inputs, in graph order qkv, out, feed_forward.0, feed_forward.3 per
block). Before timing, the twin's scores are compared with the training job's reference.json (what ORT must also
reproduce): a mismatch aborts, so what is timed is the same model. Timing: batch 1, torch.no_grad, eval mode, one
thread, each call time.perf_counter_ns around model(ids), sequences cycled in the order given. Prints one JSON line.
"""
import json
import os
import re
import sys
import time

root, model_dir, sequences_path, warmup, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, os.path.join(root, "training"))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402
import torch  # noqa: E402

from longview_training.model import SASRec  # noqa: E402

torch.set_num_threads(1)
manifest = json.load(open(os.path.join(model_dir, "manifest.json")))
p = manifest["trainingParameters"]
n_items = len(manifest["items"]) - 1
model = SASRec(n_items, p["dim"], p["blocks"], p["heads"], p["max_len"], p["dropout"])
graph = onnx.load(os.path.join(model_dir, "model.onnx")).graph
weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
state = model.state_dict()
loaded = {name: torch.from_numpy(weights[name].copy()) for name in state if name in weights}
matmuls = sorted((n for n in weights if n.startswith("onnx::MatMul_")), key=lambda n: int(re.findall(r"\d+", n)[-1]))
linear = [f"blocks.{b}.{part}.weight" for b in range(p["blocks"]) for part in ("attention.qkv", "attention.out", "feed_forward.0", "feed_forward.3")]
for name, onnx_name in zip(linear, matmuls):
    loaded[name] = torch.from_numpy(weights[onnx_name].T.copy())
missing = [n for n in state if n not in loaded]
if missing:
    sys.exit(f"torch twin: no weights for {missing}")
model.load_state_dict(loaded)
model.eval()

reference = json.load(open(os.path.join(model_dir, "reference.json")))
max_diff = 0.0
with torch.no_grad():
    for case in reference["cases"]:
        scores = model(torch.tensor([case["itemIds"]], dtype=torch.int64))[0, 1:].numpy()
        max_diff = max(max_diff, float(np.max(np.abs(scores - np.array(case["scores"][1:], dtype=np.float32)))))
if max_diff > 1e-3:
    sys.exit(f"torch twin differs from reference.json by {max_diff}: not the exported model")

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
