"""The job as a package: --config files, metrics as JSON lines, the pyproject entry point."""
import json
import os
import tomllib

import pytest

from longview_training import cli, config, metrics_log
from longview_training.parameters import TrainingParameters

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.join(HERE, "..")


def _known():
    parser = cli._parser()
    train = parser._subparsers._group_actions[0].choices["train"]
    return {a.dest: a.default for a in train._actions if a.dest not in ("help", "config")}


def test_the_example_config_holds_the_defaults():
    values = config.load(os.path.join(TRAINING, "config.example.toml"), _known())
    defaults = TrainingParameters()
    for name in ("dim", "blocks", "heads", "max_len", "dropout", "lr", "weight_decay", "batch_size",
                 "max_epochs", "max_minutes", "patience", "seed", "threads"):
        assert values[name] == getattr(defaults, name), name


def test_a_config_file_sets_options_and_flags_win(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    path.write_text('dim = 32\nmax-minutes = 5\nseed = 7\n')
    seen = {}

    def fake_run(snapshot, out, device, params, progress, item_embeddings=None):
        seen["params"] = params

    import longview_training.job as job
    monkeypatch.setattr(job, "run", fake_run)
    code = cli.main(["train", "--config", str(path), "--seed", "9", "--snapshot", "s.ndjson.gz", "--out", str(tmp_path)])

    assert code == 0
    assert (seen["params"].dim, seen["params"].max_minutes, seen["params"].seed) == (32, 5.0, 9)


@pytest.mark.parametrize("text, message", [
    ("dimm = 3\n", "unknown option 'dimm'"),
    ("dim = 2.5\n", "'dim' must be a whole number"),
    ("track-test = 1\n", "'track-test' must be true or false"),
    ("dim = \n", "not valid TOML"),
])
def test_a_bad_config_is_exit_2_naming_the_key(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)

    assert cli.main(["train", "--config", str(path), "--snapshot", "s", "--out", "o"]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_config_is_exit_2_saying_so(capsys):
    assert cli.main(["train", "--config", "/nonexistent/c.toml", "--snapshot", "s", "--out", "o"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_metrics_are_one_json_line_per_epoch_then_the_result():
    metrics = {"test": {"ndcg@10": 0.1, "users": 3}, "validation": {"ndcg@10": 0.2},
               "popularity": {"test": {"ndcg@10": 0.05}}, "churn": {"auc": 0.7},
               "training": {"bestEpoch": 2, "epochs": 2, "minutes": 0.5, "stoppedBecause": "patience", "device": "cpu",
                            "history": [{"epoch": 1, "loss": 3.0}, {"epoch": 2, "loss": 2.5}]}}

    lines = [json.loads(line) for line in metrics_log.jsonl("v1", metrics).decode().splitlines()]

    assert [line["kind"] for line in lines] == ["epoch", "epoch", "result"]
    assert [line["loss"] for line in lines[:2]] == [3.0, 2.5]
    assert lines[2]["test.ndcg@10"] == 0.1 and lines[2]["churn.auc"] == 0.7 and lines[2]["version"] == "v1"


def test_the_pyproject_names_the_cli_entry_point():
    with open(os.path.join(TRAINING, "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    assert project["scripts"]["longview-train"] == "longview_training.cli:main"
    assert callable(cli.main)
