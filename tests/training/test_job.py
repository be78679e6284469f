import datetime as dt
import json

import numpy as np
import onnx
from onnx import numpy_helper
import pytest
import torch

from longview_training import churn, cli, export
from longview_training.job import run
from longview_training.parameters import TrainingParameters
from longview_training.storage import child_url
from snapshots import synthetic, write

FIXED_NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def job_output(tmp_path_factory):
    root = tmp_path_factory.mktemp("job")
    snapshot = write(root / "snapshot.ndjson.gz", synthetic(users=40, items=15, length=10))
    params = TrainingParameters(dim=8, blocks=1, heads=1, max_len=12, max_epochs=2, batch_size=8, seed=5,
                                reference_users=3)
    manifest = run(snapshot, str(root / "out"), "cpu", params, progress=lambda _: None, now=lambda: FIXED_NOW)
    return root / "out", manifest


def _dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def test_recommender_onnx_interface(job_output):
    out, manifest = job_output
    model = onnx.load(str(out / "model.onnx"))
    onnx.checker.check_model(model)
    (inp,), (outp,) = model.graph.input, model.graph.output
    assert (inp.name, inp.type.tensor_type.elem_type, _dims(inp)) == ("item_ids", onnx.TensorProto.INT64,
                                                                      ["batch", "seq_len"])
    assert (outp.name, outp.type.tensor_type.elem_type, _dims(outp)) == ("scores", onnx.TensorProto.FLOAT,
                                                                         ["batch", 16])
    assert model.opset_import[0].version == manifest["opset"] <= 17


def test_churn_onnx_interface(job_output):
    out, _ = job_output
    model = onnx.load(str(out / "churn.onnx"))
    onnx.checker.check_model(model)
    (inp,), (outp,) = model.graph.input, model.graph.output
    assert (inp.name, inp.type.tensor_type.elem_type, _dims(inp)) == ("features", onnx.TensorProto.FLOAT,
                                                                      ["batch", len(churn.FEATURES)])
    assert (outp.name, outp.type.tensor_type.elem_type, _dims(outp)) == ("churn", onnx.TensorProto.FLOAT,
                                                                         ["batch", 1])


def test_manifest_describes_the_model(job_output):
    out, manifest = job_output
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk["version"] == manifest["version"] and on_disk["version"].startswith("20260102T030405Z-")
    assert on_disk["createdAt"] == "2026-01-02T03:04:05Z"
    assert on_disk["items"][0] is None and len(on_disk["items"]) == 16
    assert on_disk["items"][1:] == sorted(on_disk["items"][1:])
    assert on_disk["maxLength"] == 12
    assert on_disk["trainingParameters"]["dim"] == 8 and on_disk["trainingParameters"]["seed"] == 5
    assert on_disk["dataSummary"]["users"] == 40 and on_disk["dataSummary"]["testEvents"] == 40
    for stage in ("test", "validation"):
        assert set(on_disk["metrics"][stage]) >= {"ndcg@10", "recall@10", "mrr", "coverage@10", "novelty@10"}
        assert set(on_disk["metrics"]["popularity"][stage]) >= {"ndcg@10", "coverage@10"}
    assert on_disk["churn"]["features"] == list(churn.FEATURES)
    assert 0.0 <= on_disk["churn"]["auc"] <= 1.0
    assert 0.0 <= on_disk["churn"]["brier"] <= 1.0 and 0.0 <= on_disk["churn"]["ece"] <= 1.0
    metrics_file = json.loads((out / "metrics.json").read_text())
    assert metrics_file["test"] == on_disk["metrics"]["test"]
    assert metrics_file["version"] == on_disk["version"]


def test_metrics_are_also_json_lines_one_per_epoch_then_the_result(job_output):
    out, manifest = job_output
    lines = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    epochs = manifest["metrics"]["training"]["epochs"]
    assert [line["kind"] for line in lines] == ["epoch"] * epochs + ["result"]
    assert all(line["version"] == manifest["version"] for line in lines)
    assert [line["epoch"] for line in lines[:-1]] == list(range(1, epochs + 1))
    assert lines[-1]["test.ndcg@10"] == manifest["metrics"]["test"]["ndcg@10"]


def test_reference_cases_are_scored_consistently(job_output):
    out, _ = job_output
    reference = json.loads((out / "reference.json").read_text())
    assert len(reference["cases"]) == 3
    for case in reference["cases"]:
        assert len(case["scores"]) == 16 and case["scores"][0] < -1e8
        assert case["maxAbsDiffPaddedVsAlone"] < 1e-5
        scores = torch.tensor(case["scores"])
        best = sorted(range(1, 16), key=lambda i: (-case["scores"][i], i))
        assert case["top10"] == best[:10]
        assert not set(case["top10ExcludingInput"]) & set(case["itemIds"])
        assert torch.isfinite(scores).all()
    lengths = {len(c["itemIds"]) for c in reference["cases"]}
    assert len(reference["paddedBatch"][0]) == max(lengths)


def test_export_keeps_padded_rows_finite():
    from longview_training.model import SASRec
    torch.manual_seed(0)
    model = SASRec(n_items=6, dim=8, blocks=1, heads=1, max_len=5, dropout=0.0)
    data = export.export_recommender(model, max_len=5)
    graph = onnx.load_from_string(data).graph
    # masking uses a finite constant: no -inf anywhere in the graph's constants
    constants = list(graph.initializer) + [a.t for n in graph.node if n.op_type == "Constant" for a in n.attribute
                                           if a.name == "value"]
    assert any((numpy_helper.to_array(t) <= -1e8).any() for t in constants)
    for tensor in constants:
        assert not np.isneginf(numpy_helper.to_array(tensor)).any(), tensor.name
    with torch.no_grad():
        assert torch.isfinite(model.eval()(torch.zeros(1, 5, dtype=torch.long))).all()


def test_cli_rejects_bad_arguments_without_training(capsys):
    assert cli.main(["train", "--snapshot", "x", "--out", "y", "--heads", "3", "--dim", "64"]) == 2
    assert "heads must divide dim" in capsys.readouterr().err
    assert cli.main(["train", "--out", "y"]) == 2


def test_cli_reports_a_missing_snapshot(tmp_path, capsys):
    assert cli.main(["train", "--snapshot", str(tmp_path / "none.gz"), "--out", str(tmp_path / "o")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_blob_child_url_keeps_the_sas_query():
    assert child_url("https://a.blob.core.windows.net/c/run1?sv=1&sig=x", "model.onnx") == \
        "https://a.blob.core.windows.net/c/run1/model.onnx?sv=1&sig=x"
    assert child_url("https://a.blob.core.windows.net/c/run1/", "m.json") == "https://a.blob.core.windows.net/c/run1/m.json"


def test_manifest_carries_the_churn_model_as_numbers_equal_to_churn_onnx(job_output):
    """Serving scores churn from manifest churn.logistic (no ONNX Runtime call) once it agrees with churn.onnx on
    load; here the numbers must be the graph's own constants, exactly (float32 round-trips through JSON)."""
    out, _ = job_output
    logistic = json.loads((out / "manifest.json").read_text())["churn"]["logistic"]
    width = len(churn.FEATURES)
    assert [len(logistic[k]) for k in ("mean", "std", "weight")] == [width] * 3
    constants = [numpy_helper.to_array(t).astype(np.float32).ravel()
                 for t in onnx.load(str(out / "churn.onnx")).graph.initializer]
    for name in ("mean", "std", "weight"):
        expected = np.asarray(logistic[name], dtype=np.float32)
        assert any(c.shape == expected.shape and np.array_equal(c, expected) for c in constants), name
    assert any(c.shape == (1,) and c[0] == np.float32(logistic["bias"]) for c in constants)
