"""ONNX export of the recommender and churn models, structural verification, and parity references."""
from __future__ import annotations

import copy
import io
from typing import Sequence

import onnx
import torch

from longview_training import metrics
from longview_training.evaluation import left_pad

OPSET = 17
RECOMMENDER_INPUT, RECOMMENDER_OUTPUT = "item_ids", "scores"
CHURN_INPUT, CHURN_OUTPUT = "features", "churn"


class ExportError(RuntimeError):
    pass


def _export(module: torch.nn.Module, example: torch.Tensor, input_name: str, output_name: str,
            dynamic_axes: dict) -> bytes:
    module = copy.deepcopy(module).cpu().float().eval()
    buffer = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(module, (example,), buffer, input_names=[input_name], output_names=[output_name],
                          dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    return buffer.getvalue()


def export_recommender(model: torch.nn.Module, max_len: int) -> bytes:
    example = torch.zeros(2, min(max_len, 8), dtype=torch.long)
    example[:, -3:] = torch.tensor([1, 2, 3])
    data = _export(model, example, RECOMMENDER_INPUT, RECOMMENDER_OUTPUT,
                   {RECOMMENDER_INPUT: {0: "batch", 1: "seq_len"}, RECOMMENDER_OUTPUT: {0: "batch"}})
    verify(data, RECOMMENDER_INPUT, onnx.TensorProto.INT64, ["batch", "seq_len"],
           RECOMMENDER_OUTPUT, onnx.TensorProto.FLOAT, ["batch", model.n_items + 1])
    return data


def export_churn(model: torch.nn.Module, feature_count: int) -> bytes:
    data = _export(model, torch.zeros(2, feature_count), CHURN_INPUT, CHURN_OUTPUT,
                   {CHURN_INPUT: {0: "batch"}, CHURN_OUTPUT: {0: "batch"}})
    verify(data, CHURN_INPUT, onnx.TensorProto.FLOAT, ["batch", feature_count],
           CHURN_OUTPUT, onnx.TensorProto.FLOAT, ["batch", 1])
    return data


def _dims(value_info) -> list:
    return [d.dim_param if d.dim_param else d.dim_value for d in value_info.type.tensor_type.shape.dim]


def verify(data: bytes, input_name: str, input_type: int, input_dims: list, output_name: str,
           output_type: int, output_dims: list) -> None:
    """Reloads the exported bytes, runs the ONNX checker with shape inference, and checks the interface."""
    model = onnx.load_from_string(data)
    onnx.checker.check_model(model, full_check=True)
    graph = model.graph
    found = [(graph.input[0].name, graph.input[0].type.tensor_type.elem_type, _dims(graph.input[0])),
             (graph.output[0].name, graph.output[0].type.tensor_type.elem_type, _dims(graph.output[0]))]
    expected = [(input_name, input_type, input_dims), (output_name, output_type, output_dims)]
    if len(graph.input) != 1 or len(graph.output) != 1 or found != expected:
        raise ExportError(f"exported interface {found} differs from the expected {expected}")


def reference_cases(model: torch.nn.Module, user_ids: Sequence[str], inputs: Sequence[Sequence[int]],
                    max_len: int) -> dict:
    """Scores a few users (each alone, unpadded, and all together left-padded) for the C# parity test."""
    model = copy.deepcopy(model).cpu().float().eval()
    cases = []
    with torch.no_grad():
        padded = left_pad(inputs, max_len)
        batch_scores = model(padded)
        for row, (user_id, sequence) in enumerate(zip(user_ids, inputs)):
            tail = list(sequence)[-max_len:]
            scores = model(torch.tensor([tail], dtype=torch.long))[0]
            masked = metrics.mask_excluded(scores.unsqueeze(0), [tail])
            cases.append({
                "userId": user_id,
                "itemIds": tail,
                "scores": [round(float(s), 7) for s in scores],
                "top10": metrics.top_k(metrics.mask_excluded(scores.unsqueeze(0), [[]]), 10)[0].tolist(),
                "top10ExcludingInput": metrics.top_k(masked, 10)[0].tolist(),
                "maxAbsDiffPaddedVsAlone": float((batch_scores[row, 1:] - scores[1:]).abs().max()),
            })
    return {
        "input": RECOMMENDER_INPUT,
        "output": RECOMMENDER_OUTPUT,
        "note": "itemIds are vocabulary indices fed as one unpadded row [1, len]; scores is the full output "
                "row (index 0 = padding, -1e9); top10 orders by score desc then index asc over indices >= 1; "
                "top10ExcludingInput also drops the input items. paddedBatch feeds every case at once, "
                "left-padded with 0 to the longest, and must give the same scores.",
        "cases": cases,
        "paddedBatch": padded.tolist(),
    }
