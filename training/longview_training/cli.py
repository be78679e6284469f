"""Command line: python3 -m longview_training train --snapshot ... --out ..."""
from __future__ import annotations

import argparse
import os
import sys

from longview_training import config
from longview_training.parameters import TrainingParameters


def _parser() -> argparse.ArgumentParser:
    defaults = TrainingParameters()
    parser = argparse.ArgumentParser(prog="longview_training", description="Longview training job")
    verbs = parser.add_subparsers(dest="verb", required=True)
    t = verbs.add_parser("train", help="train the recommender and churn models from a snapshot")
    t.add_argument("--config", help="TOML or JSON file of these options (flags given here win), e.g. training/config.example.toml")
    t.add_argument("--snapshot", default=os.environ.get("LONGVIEW_SNAPSHOT_URL"),
                   help="snapshot.ndjson.gz path or https Blob URL (env LONGVIEW_SNAPSHOT_URL)")
    t.add_argument("--out", default=os.environ.get("LONGVIEW_OUTPUT_URL"),
                   help="output folder or https Blob URL prefix (env LONGVIEW_OUTPUT_URL)")
    t.add_argument("--item-embeddings", default=os.environ.get("LONGVIEW_ITEM_EMBEDDINGS_URL"),
                   help="item_embeddings.ndjson.gz (longview embed --export): also learn and export the text "
                        "projection that scores new items from their text (env LONGVIEW_ITEM_EMBEDDINGS_URL)")
    t.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    t.add_argument("--dim", type=int, default=defaults.dim)
    t.add_argument("--blocks", type=int, default=defaults.blocks)
    t.add_argument("--heads", type=int, default=defaults.heads)
    t.add_argument("--max-len", type=int, default=defaults.max_len)
    t.add_argument("--dropout", type=float, default=defaults.dropout)
    t.add_argument("--lr", type=float, default=defaults.lr)
    t.add_argument("--weight-decay", type=float, default=defaults.weight_decay)
    t.add_argument("--batch-size", type=int, default=defaults.batch_size)
    t.add_argument("--max-epochs", type=int, default=defaults.max_epochs)
    t.add_argument("--max-minutes", type=float, default=defaults.max_minutes,
                   help="wall-clock budget for training (evaluation included)")
    t.add_argument("--patience", type=int, default=defaults.patience,
                   help="epochs without a better validation NDCG@10 before stopping")
    t.add_argument("--seed", type=int, default=defaults.seed)
    t.add_argument("--threads", type=int, default=defaults.threads, help="torch intra-op threads")
    t.add_argument("--track-test", action="store_true",
                   help="also log test NDCG@10 each epoch (reporting only; selection uses validation)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.config:
        train = parser._subparsers._group_actions[0].choices["train"]  # type: ignore[union-attr]
        known = {a.dest: a.default for a in train._actions if a.dest not in ("help", "config")}
        try:
            train.set_defaults(**config.load(args.config, known))
        except config.ConfigError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        args = parser.parse_args(argv)
    if not args.snapshot or not args.out:
        print("error: --snapshot and --out are required (or LONGVIEW_SNAPSHOT_URL / LONGVIEW_OUTPUT_URL)",
              file=sys.stderr)
        return 2
    params = TrainingParameters(dim=args.dim, blocks=args.blocks, heads=args.heads, max_len=args.max_len,
                                dropout=args.dropout, lr=args.lr, weight_decay=args.weight_decay,
                                batch_size=args.batch_size, max_epochs=args.max_epochs,
                                max_minutes=args.max_minutes, patience=args.patience, seed=args.seed,
                                threads=args.threads, track_test=args.track_test)
    try:
        params.validate()
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    # Imported here so `--help` and argument errors answer without loading torch.
    from longview_training.job import run
    from longview_training.snapshot import SnapshotError
    try:
        run(args.snapshot, args.out, args.device, params, progress=lambda line: print(line, flush=True),
            item_embeddings=args.item_embeddings)
    except (SnapshotError, FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0
