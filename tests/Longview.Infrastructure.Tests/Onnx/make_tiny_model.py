"""Builds tiny but real model versions with the exact serving I/O contract, for the C# ONNX tests.

usage: /usr/bin/python3 make_tiny_model.py OUT_DIR VERSION:SEED [VERSION:SEED ...]

Each OUT_DIR/VERSION/ gets model.onnx (item_ids int64 [batch, seq_len] -> scores float [batch, n_items + 1]),
churn.onnx (features float [batch, 7] -> churn float [batch, 1]), manifest.json and reference.json in the training
job's formats (training/longview_training/export.py). The sequence model is a one-block causal self-attention model
whose positions count from the right, so left padding does not change scores (as in the training job's SASRec).
When the training job can run a tiny real training quickly, the C# fixture should call it instead of this script.
"""
import json
import sys

import torch
from torch import nn

N_ITEMS, DIM, MAX_LEN, OPSET = 40, 16, 12, 17
CHURN_FEATURES = ["log1p_days_since_last_active", "log1p_days_since_first_seen", "active_days_7d",
                  "active_days_30d", "active_days_90d", "log1p_events_30d", "log1p_events_total"]


class TinySequenceModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.items = nn.Embedding(N_ITEMS + 1, DIM, padding_idx=0)
        self.positions = nn.Parameter(torch.randn(MAX_LEN, DIM) * 0.1)
        self.query, self.key, self.value = (nn.Linear(DIM, DIM) for _ in range(3))
        self.norm = nn.LayerNorm(DIM)
        # Precomputed causal bias, sliced to the input length: keeps the ONNX graph free of -inf and dynamic masks.
        self.register_buffer("causal", torch.triu(torch.full((MAX_LEN, MAX_LEN), -1e9), diagonal=1))

    def forward(self, item_ids):
        length = item_ids.shape[1]
        x = self.items(item_ids) + self.positions[MAX_LEN - length:]
        scores = self.query(x) @ self.key(x).transpose(1, 2) / DIM ** 0.5
        padding = (item_ids == 0).float().unsqueeze(1) * -1e9
        attention = torch.softmax(scores + self.causal[:length, :length] + padding, dim=-1)
        hidden = self.norm(x + attention @ self.value(x))[:, -1, :]
        logits = hidden @ self.items.weight.t()
        return torch.cat([torch.full_like(logits[:, :1], -1e9), logits[:, 1:]], dim=1)


class TinyChurnModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(len(CHURN_FEATURES), 1)

    def forward(self, features):
        return torch.sigmoid(self.linear(features))


def export(module, example, input_name, output_name, path):
    torch.onnx.export(module, (example,), path, input_names=[input_name], output_names=[output_name],
                      dynamic_axes={input_name: {0: "batch", 1: "seq_len"} if example.dtype == torch.long else {0: "batch"},
                                    output_name: {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)


def top10(scores):
    order = sorted(range(1, len(scores)), key=lambda i: (-scores[i], i))
    return order[:10]


def build(out_dir, version, seed):
    import os
    torch.manual_seed(seed)
    folder = os.path.join(out_dir, version)
    os.makedirs(folder, exist_ok=True)
    model, churn = TinySequenceModel().eval(), TinyChurnModel().eval()
    with torch.no_grad():
        export(model, torch.tensor([[0, 0, 1, 2, 3]]), "item_ids", "scores", os.path.join(folder, "model.onnx"))
        export(churn, torch.zeros(2, len(CHURN_FEATURES)), "features", "churn", os.path.join(folder, "churn.onnx"))
        generator = torch.Generator().manual_seed(seed + 1)
        cases = []
        for user, length in enumerate([1, 3, MAX_LEN, MAX_LEN + 5]):
            sequence = torch.randint(1, N_ITEMS + 1, (length,), generator=generator).tolist()
            tail = sequence[-MAX_LEN:]
            scores = model(torch.tensor([tail]))[0].tolist()
            cases.append({"userId": f"u{user}", "itemIds": tail, "scores": [round(s, 7) for s in scores],
                          "top10": top10(scores)})
        churn_cases = []
        for row in torch.rand(3, len(CHURN_FEATURES), generator=generator).tolist():
            churn_cases.append({"features": row, "churn": float(churn(torch.tensor([row]))[0, 0])})
    manifest = {"version": version, "createdAt": "2026-11-01T00:00:00Z",
                "items": [None] + [f"item-{i}" for i in range(1, N_ITEMS + 1)], "maxLength": MAX_LEN,
                "opset": OPSET, "metrics": {"ndcg@10": 0.1 * seed},
                "churn": {"features": CHURN_FEATURES, "logistic": {
                    "mean": [0.0] * len(CHURN_FEATURES), "std": [1.0] * len(CHURN_FEATURES),
                    "weight": churn.linear.weight.detach()[0].tolist(), "bias": float(churn.linear.bias.detach()[0])}}}
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    with open(os.path.join(folder, "reference.json"), "w") as f:
        json.dump({"input": "item_ids", "output": "scores", "cases": cases, "churnCases": churn_cases}, f)


if __name__ == "__main__":
    torch.set_num_threads(1)
    for spec in sys.argv[2:]:
        name, seed = spec.split(":")
        build(sys.argv[1], name, int(seed))
