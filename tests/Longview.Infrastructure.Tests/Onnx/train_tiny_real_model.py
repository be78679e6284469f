"""Runs the real training job (training/longview_training) on a tiny synthetic snapshot, for the C# parity test.

usage: /usr/bin/python3 train_tiny_real_model.py REPO_ROOT OUT_DIR

The snapshot comes from the training tests' own builder (tests/training/snapshots.py), so it follows the documented
snapshot format; the model is small (dim 16, one block, 3 epochs) so the run takes seconds on one core.
"""
import sys

root, out = sys.argv[1], sys.argv[2]
sys.path[:0] = [f"{root}/training", f"{root}/tests/training"]

import snapshots  # noqa: E402
from longview_training import cli  # noqa: E402

snapshot = snapshots.write(f"{out}/snapshot.ndjson.gz", snapshots.synthetic(users=60, items=20, length=12, seed=0))
sys.exit(cli.main(["train", "--snapshot", snapshot, "--out", f"{out}/model", "--dim", "16", "--blocks", "1",
                   "--max-len", "10", "--max-epochs", "3", "--threads", "1", "--batch-size", "16"]))
