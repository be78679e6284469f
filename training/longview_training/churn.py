"""Churn model: P(no activity in the next 30 days) from profile features, by logistic regression.

Reference time: T_day = (UTC day of the latest timestamp in the snapshot) - 30. "At or before T" means on a
UTC day <= T_day; the label looks at the 30 days after it. Serving computes the same features with
T_day = today's UTC day.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from longview_training import metrics
from longview_training.snapshot import Snapshot, UserRecord

SECONDS_PER_DAY = 86_400
HORIZON_DAYS = 30
ECE_BINS = 10
FEATURES = (
    "log1p_days_since_last_active",
    "log1p_days_since_first_seen",
    "active_days_7d",
    "active_days_30d",
    "active_days_90d",
    "log1p_events_30d",
    "log1p_events_total",
)
FEATURE_DEFINITIONS = {
    "log1p_days_since_last_active": "ln(1 + T_day - last active day <= T_day); first-seen day when no active day <= T_day",
    "log1p_days_since_first_seen": "ln(1 + T_day - UTC day of firstSeen)",
    "active_days_7d": "count of activeDays d with T_day - 7 < d <= T_day",
    "active_days_30d": "count of activeDays d with T_day - 30 < d <= T_day",
    "active_days_90d": "count of activeDays d with T_day - 90 < d <= T_day",
    "log1p_events_30d": "ln(1 + events in the events list whose UTC day d has T_day - 30 < d <= T_day)",
    "log1p_events_total": "ln(1 + events in the events list whose UTC day <= T_day)",
}


def features(user: UserRecord, t_day: int) -> list[float]:
    """The feature vector of one user as of the end of UTC day t_day, using nothing after it."""
    first_day = user.first_seen // SECONDS_PER_DAY
    past_days = [d for d in user.active_days if d <= t_day]
    last_active = past_days[-1] if past_days else first_day
    event_days = [e.ts // SECONDS_PER_DAY for e in user.events]
    return [
        math.log1p(max(t_day - last_active, 0)),
        math.log1p(max(t_day - first_day, 0)),
        float(sum(1 for d in past_days if d > t_day - 7)),
        float(sum(1 for d in past_days if d > t_day - 30)),
        float(sum(1 for d in past_days if d > t_day - 90)),
        math.log1p(sum(1 for d in event_days if t_day - 30 < d <= t_day)),
        math.log1p(sum(1 for d in event_days if d <= t_day)),
    ]


def churned(user: UserRecord, t_day: int) -> int:
    """1 when the user has no active day in (T_day, T_day + 30]."""
    return int(not any(t_day < d <= t_day + HORIZON_DAYS for d in user.active_days))


@dataclass
class ChurnData:
    t_day: int
    user_ids: list[str]
    x: np.ndarray
    y: np.ndarray


def labelled_users(snapshot: Snapshot) -> ChurnData:
    t_day = snapshot.max_timestamp // SECONDS_PER_DAY - HORIZON_DAYS
    eligible = [u for u in snapshot.users if u.first_seen // SECONDS_PER_DAY <= t_day]
    x = np.array([features(u, t_day) for u in eligible], dtype=np.float32).reshape(-1, len(FEATURES))
    y = np.array([churned(u, t_day) for u in eligible], dtype=np.float32)
    return ChurnData(t_day, [u.user_id for u in eligible], x, y)


class ChurnModel(nn.Module):
    """Standardisation is part of the model, so serving feeds raw features."""

    def __init__(self, mean: np.ndarray, std: np.ndarray):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.linear = nn.Linear(len(mean), 1)

    def logit(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear((x - self.mean) / self.std)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logit(features))

    def to_manifest(self) -> dict:
        """The same model as numbers (manifest ``churn.logistic``): serving computes it without an ONNX Runtime call,
        after checking on load that it agrees with ``churn.onnx``. float32 values, so they read back exactly."""
        return {"mean": self.mean.tolist(), "std": self.std.tolist(),
                "weight": self.linear.weight.detach()[0].tolist(), "bias": float(self.linear.bias.detach()[0])}


@dataclass
class ChurnResult:
    model: ChurnModel
    summary: dict


def train_churn(snapshot: Snapshot, seed: int, steps: int = 300) -> ChurnResult:
    data = labelled_users(snapshot)
    summary = {"features": list(FEATURES), "featureDefinitions": FEATURE_DEFINITIONS,
               "referenceDay": data.t_day, "horizonDays": HORIZON_DAYS, "users": len(data.y),
               "churnRate": float(data.y.mean()) if len(data.y) else None,
               "model": "logistic regression on standardised features (mean/std inside the ONNX graph)"}
    order = np.random.default_rng(seed).permutation(len(data.y))
    cut = int(round(len(order) * 0.8))
    train_idx, test_idx = order[:cut], order[cut:]
    x_train = data.x[train_idx] if len(train_idx) else np.zeros((1, len(FEATURES)), np.float32)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    model = ChurnModel(mean, np.where(std > 1e-6, std, 1.0))
    if len(train_idx) and 0 < data.y[train_idx].sum() < len(train_idx):
        torch.manual_seed(seed)
        optimizer = torch.optim.LBFGS(model.parameters(), lr=0.5, max_iter=steps, line_search_fn="strong_wolfe")
        x = torch.as_tensor(data.x[train_idx])
        y = torch.as_tensor(data.y[train_idx]).unsqueeze(1)
        loss_fn = nn.BCEWithLogitsLoss()

        def closure():
            optimizer.zero_grad()
            # A little L2 keeps the weights finite when the classes separate perfectly.
            loss = loss_fn(model.logit(x), y) + 1e-3 * model.linear.weight.pow(2).sum()
            loss.backward()
            return loss
        optimizer.step(closure)
        summary["trained"] = True
    else:
        summary["trained"] = False
        summary["note"] = "training users hold only one class: the model is the untrained prior"
    model.eval()
    with torch.no_grad():
        test_scores = model(torch.as_tensor(data.x[test_idx])).squeeze(1).numpy() if len(test_idx) else []
    # Calibration beside ranking: the lifecycle segments threshold the probability itself, so promotion compares both.
    summary.update({"trainUsers": int(len(train_idx)), "testUsers": int(len(test_idx)),
                    "auc": metrics.auc(data.y[test_idx], test_scores) if len(test_idx) else None,
                    "brier": metrics.brier(data.y[test_idx], test_scores),
                    "ece": metrics.expected_calibration_error(data.y[test_idx], test_scores, ECE_BINS),
                    "eceBins": ECE_BINS})
    return ChurnResult(model, summary)
