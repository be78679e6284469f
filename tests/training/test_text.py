"""The text projection: side-file reading, the export layout serving parses, and the state recovery it relies on."""
import gzip
import json

import numpy as np
import pytest
import torch

from longview_training import text
from longview_training.job import run
from longview_training.model import SASRec
from longview_training.parameters import TrainingParameters
from snapshots import synthetic, write


def _side_file(path, rows):
    with gzip.open(path, "wt") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row))
            f.write("\n")
    return str(path)


def test_side_file_keeps_one_encoder_and_reports_each_bad_line(tmp_path):
    path = _side_file(tmp_path / "e.ndjson.gz", [
        {"itemId": "a", "encoder": "enc@1", "vector": [1, 0], "categories": ["x"]},
        {"itemId": "b", "encoder": "other@2", "vector": [0, 1]},
        {"itemId": "c", "encoder": "enc@1", "vector": [0, 1, 2]},
        {"itemId": "d", "encoder": "enc@1", "vector": [float("nan"), 1]},
        "not json",
        {"itemId": "e", "encoder": "enc@1", "vector": [0, 1]},
    ])

    texts = text.load_item_embeddings(path)

    assert (texts.encoder, texts.dimensions, sorted(texts.vectors)) == ("enc@1", 2, ["a", "e"])
    assert texts.rejected == 4
    assert "line 2" in texts.errors[0] and "other@2" in texts.errors[0]
    assert texts.categories["a"] == ["x"]


def test_state_is_recovered_from_the_scores_in_float32():
    torch.manual_seed(3)
    model = SASRec(n_items=40, dim=8, blocks=1, heads=1, max_len=10, dropout=0.0).eval()

    assert text.recovery_error(model, [(1, 2, 3), (5,), tuple(range(1, 11))], 10) < 1e-4


@pytest.fixture(scope="module")
def job_with_text(tmp_path_factory):
    root = tmp_path_factory.mktemp("text-job")
    snapshot = write(root / "snapshot.ndjson.gz", synthetic(users=40, items=15, length=10))
    rng = np.random.default_rng(1)
    side = _side_file(root / "item_embeddings.ndjson.gz",
                      [{"itemId": f"i{i}", "encoder": "enc@1", "vector": rng.normal(size=6).tolist()} for i in range(15)])
    params = TrainingParameters(dim=8, blocks=1, heads=1, max_len=12, max_epochs=2, batch_size=8, seed=5)
    manifest = run(snapshot, str(root / "out"), "cpu", params, progress=lambda _: None, item_embeddings=side)
    return root / "out", manifest


def test_job_exports_the_projection_in_the_layout_serving_reads(job_with_text):
    out, manifest = job_with_text
    section = manifest["text"]
    width = len(manifest["items"])
    data = np.fromfile(out / text.FILE, dtype="<f4")

    assert (section["file"], section["encoder"], section["textDimensions"], section["dim"]) == (text.FILE, "enc@1", 6, 8)
    assert data.size == 8 * 6 + 8 + 8 * width
    assert np.all(np.isfinite(data))
    state = data[8 * 6 + 8:].reshape(8, width)
    assert np.all(state[:, 0] == 0), "padding must not enter the recovered state"
    assert section["stateRecoveryMaxError"] < 1e-4


def test_job_exports_the_new_item_combiner_serving_applies(job_with_text):
    from longview_training import new_item_scoring
    _, manifest = job_with_text
    scoring = manifest["text"]["scoring"]

    # NewItemScoring.Create (C#) accepts exactly these features in this order; an older manifest has no section.
    assert scoring["features"] == list(new_item_scoring.FEATURES)
    assert len(scoring["weights"]) == len(scoring["features"])
    assert all(np.isfinite(scoring["weights"])) and np.isfinite(scoring["offset"])
    assert "fittedOn" in scoring


def test_new_item_protocol_trains_before_the_cutoff_and_ranks_each_method(tmp_path):
    from longview_training import new_items
    from longview_training.snapshot import load_snapshot
    snapshot = write(tmp_path / "s.ndjson.gz", synthetic(users=40, items=15, length=10))
    rng = np.random.default_rng(2)
    side = _side_file(tmp_path / "e.ndjson.gz", [{"itemId": f"i{i}", "encoder": "enc@1", "vector": rng.normal(size=4).tolist(),
                                                "categories": [f"c{i % 3}"]} for i in range(15)])
    cutoff, new, first = new_items.split_new_items(load_snapshot(snapshot), 0.2)
    assert new and all(first[i] >= cutoff for i in new) and all(first[i] < cutoff for i in first if i not in new)

    params = TrainingParameters(dim=8, blocks=1, heads=1, max_len=12, max_epochs=1, batch_size=8, seed=5)
    report = new_items.run(snapshot, side, 0.2, params, 0, 500, 5, progress=lambda _: None, projection_epochs=1)

    assert report["knownItems"] + report["newItems"] == 15
    assert set(report["newItemCases"]) == set(new_items.METHODS)
    cases = report["newItemCases"]["text"]["amongNew"]["cases"]
    assert cases > 0 and all(report["newItemCases"][m]["amongNew"]["cases"] == cases for m in new_items.METHODS)
    assert report["scoring"]["features"] == ["textScore", "categoryAffinity", "contentSimilarity", "recentCategoryAffinity"]
    assert report["fullCatalogue"]["withTextCalibrated"]["cases"] == report["fullCatalogue"]["withText"]["cases"] > 0
    assert "calibrated - category" in report["pairedAmongNew"]
