import json

import torch

from longview_training.evaluation import evaluate, popularity_scorer
from longview_training.model import CausalSelfAttention, SASRec
from longview_training.parameters import TrainingParameters
from longview_training.snapshot import parse_snapshot
from longview_training.splits import build_dataset
from longview_training.trainer import train
from snapshots import synthetic


def tiny_model(seed=0):
    torch.manual_seed(seed)
    return SASRec(n_items=12, dim=8, blocks=2, heads=2, max_len=10, dropout=0.0).eval()


def test_left_padding_does_not_change_scores_and_stays_finite():
    model = tiny_model()
    with torch.no_grad():
        alone = model(torch.tensor([[3, 5, 7]]))
        padded = model(torch.tensor([[0, 0, 0, 0, 3, 5, 7], [0, 0, 0, 0, 0, 0, 0]]))
    assert torch.isfinite(padded).all()
    assert torch.allclose(padded[0, 1:], alone[0, 1:], atol=1e-5)
    # index 0 is padding and can never be recommended
    assert padded[0, 0] < -1e8 and padded[1, 0] < -1e8


def test_sequences_longer_than_max_len_keep_only_the_most_recent_items():
    model = tiny_model()
    recent = list(range(1, 11))
    with torch.no_grad():
        long = model(torch.tensor([[12, 11, *recent]]))
        exact = model(torch.tensor([recent]))
    assert torch.allclose(long, exact)


def test_the_prediction_depends_only_on_earlier_items():
    model = tiny_model()
    with torch.no_grad():
        hidden_a = model.hidden(torch.tensor([[1, 2, 3, 4]]))
        hidden_b = model.hidden(torch.tensor([[1, 2, 3, 9]]))
    assert torch.allclose(hidden_a[0, :3], hidden_b[0, :3], atol=1e-6)
    assert not torch.allclose(hidden_a[0, 3], hidden_b[0, 3])


def test_serving_forward_equals_the_last_row_of_the_full_computation():
    # forward() runs the last block for the final position only; it must score exactly like the training path.
    model = tiny_model(seed=3)
    ids = torch.tensor([[0, 0, 4, 9, 2, 11, 5], [1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 8]])
    with torch.no_grad():
        served = model(ids)
        full = model.logits(model.hidden(ids)[:, -1, :])
        last_hidden = model.hidden(ids, last_only=True)
    assert last_hidden.shape == (3, 1, 8)
    assert torch.allclose(served, full, atol=1e-5)
    assert served.shape == (3, 13)


def test_the_single_head_path_computes_what_the_general_one_does():
    # heads == 1 skips the head axis (fewer exported nodes); it must be the same attention.
    torch.manual_seed(5)
    attention = CausalSelfAttention(dim=8, heads=1, dropout=0.0).eval()
    x = torch.randn(3, 6, 8)
    bias = torch.triu(torch.full((6, 6), -1e9), diagonal=1).expand(3, 1, 6, 6).clone()
    bias[0, :, :, :2] += -1e9  # a left-padded row
    with torch.no_grad():
        for last_only in (False, True):
            fast = attention(x, bias, last_only)
            general = attention._multi_head(x, bias, last_only)
            assert fast.shape == general.shape
            assert torch.allclose(fast, general, atol=1e-6)


def _dataset():
    records = synthetic(users=30, items=15, length=10)
    return build_dataset(parse_snapshot((n, json.dumps(r).encode()) for n, r in enumerate(records)))


def test_training_is_deterministic_for_a_seed():
    dataset = _dataset()
    params = TrainingParameters(dim=8, max_len=12, max_epochs=2, batch_size=8, dropout=0.2, seed=7)
    first = train(dataset, params, torch.device("cpu"), progress=lambda _: None)
    second = train(dataset, params, torch.device("cpu"), progress=lambda _: None)
    other = train(dataset, TrainingParameters(**{**params.__dict__, "seed": 8}), torch.device("cpu"),
                  progress=lambda _: None)
    for a, b in zip(first.model.state_dict().values(), second.model.state_dict().values()):
        assert torch.equal(a, b)
    assert [h["loss"] for h in first.history] == [h["loss"] for h in second.history]
    assert [h["loss"] for h in first.history] != [h["loss"] for h in other.history]


def test_training_learns_a_sequential_pattern_and_keeps_the_best_epoch():
    dataset = _dataset()
    params = TrainingParameters(dim=16, max_len=12, max_epochs=40, batch_size=8, lr=5e-3, dropout=0.0,
                                patience=40, seed=3)
    result = train(dataset, params, torch.device("cpu"), progress=lambda _: None)
    ndcgs = [h["validationNdcg@10"] for h in result.history]
    # item k is always followed by k+1: the model must beat popularity (which cannot see order) by far
    popularity = evaluate(popularity_scorer(dataset), dataset, "validation")["ndcg@10"]
    assert max(ndcgs) > 0.7 and max(ndcgs) > popularity + 0.2
    assert result.history[result.best_epoch - 1]["validationNdcg@10"] == max(ndcgs)


def test_patience_stops_when_validation_stops_improving():
    # lr 0: the weights never change, so validation never improves after the first epoch
    params = TrainingParameters(dim=8, max_len=12, max_epochs=20, batch_size=8, lr=0.0, patience=3, seed=1)
    result = train(_dataset(), params, torch.device("cpu"), progress=lambda _: None)
    assert (result.stopped_because, result.epochs, result.best_epoch) == ("patience", 4, 1)


def test_the_time_budget_ends_training_after_the_running_epoch():
    params = TrainingParameters(dim=8, max_len=12, max_epochs=20, batch_size=8, max_minutes=1e-9, seed=1)
    result = train(_dataset(), params, torch.device("cpu"), progress=lambda _: None)
    assert (result.stopped_because, result.epochs, len(result.history)) == ("max-minutes", 1, 1)
