"""Training parameters (the CLI options), recorded as they were in the manifest."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TrainingParameters:
    dim: int = 64
    blocks: int = 2
    heads: int = 1
    max_len: int = 200
    dropout: float = 0.2
    lr: float = 2e-3
    weight_decay: float = 0.0
    batch_size: int = 32
    max_epochs: int = 200
    max_minutes: float = 60.0
    patience: int = 10
    seed: int = 42
    threads: int = 1
    track_test: bool = False
    reference_users: int = 5

    def validate(self) -> None:
        checks = [
            (self.dim > 0 and self.dim <= 1024, "dim must be in 1..1024"),
            (self.blocks > 0 and self.blocks <= 16, "blocks must be in 1..16"),
            (self.heads > 0 and self.dim % self.heads == 0, "heads must divide dim"),
            (self.max_len >= 2 and self.max_len <= 1000, "max-len must be in 2..1000"),
            (0.0 <= self.dropout < 1.0, "dropout must be in [0, 1)"),
            (self.lr > 0, "lr must be positive"),
            (self.batch_size > 0 and self.batch_size <= 4096, "batch-size must be in 1..4096"),
            (self.max_epochs > 0, "max-epochs must be positive"),
            (self.max_minutes > 0, "max-minutes must be positive"),
            (self.patience > 0, "patience must be positive"),
            (self.threads > 0, "threads must be positive"),
        ]
        errors = [message for ok, message in checks if not ok]
        if errors:
            raise ValueError("; ".join(errors))

    def to_manifest(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("track_test", "reference_users")}
