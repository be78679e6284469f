"""The exported model's PyTorch twin, shared by torch_twin.py (model-only timing) and torch_peer.py (the FastAPI peer).

The twin is the training job's own SASRec class (training/longview_training/model.py) built with the manifest's
training parameters and loaded with the weights stored in model.onnx (initializers named as the parameters; the
Linear weights ONNX stores transposed as MatMul inputs, in graph order qkv, out, feed_forward.0, feed_forward.3 per
block). Its scores are compared with the training job's reference.json (what ORT must also reproduce): a mismatch
above 1e-3 aborts, so what is timed or served is the same model.
"""
import json
import os
import re
import sys


def load_twin(root, model_dir):
    """Returns (model in eval mode, manifest, max |diff| vs reference.json); exits on a mismatch."""
    sys.path.insert(0, os.path.join(root, "training"))
    import numpy as np
    import onnx
    from onnx import numpy_helper
    import torch

    from longview_training.model import SASRec

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
    return model, manifest, max_diff
