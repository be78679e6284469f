"""Item vocabulary and leave-one-out splits.

Per user (item sequence oldest first): the last item is the test target, the second-to-last the
validation target, the rest is training data. Users with fewer than three items have no held-out
targets: their whole sequence is training data (they still teach the model, they are not evaluated).
"""
from __future__ import annotations

from dataclasses import dataclass

from longview_training.snapshot import Snapshot, UserRecord

# Impressions and dislikes are not evidence of interest; session_start names no item.
DEFAULT_SEQUENCE_TYPES = ("view", "click", "purchase", "rating", "like", "share")
MIN_EVALUATED_LENGTH = 3


@dataclass(frozen=True)
class Vocabulary:
    """Index 0 is padding; items get 1..n in sorted id order so the same data gives the same indices."""
    item_ids: tuple[str, ...]   # item_ids[i - 1] is the id of index i

    @property
    def size(self) -> int:
        return len(self.item_ids)

    def index_of(self) -> dict[str, int]:
        return {item: i + 1 for i, item in enumerate(self.item_ids)}

    def manifest_items(self) -> list[str | None]:
        return [None, *self.item_ids]


@dataclass(frozen=True)
class UserSplit:
    user_id: str
    train: tuple[int, ...]        # item indices used as training sequence
    validation: int | None        # target item index, None when the user is train-only
    test: int | None

    @property
    def validation_input(self) -> tuple[int, ...]:
        return self.train

    @property
    def test_input(self) -> tuple[int, ...]:
        assert self.validation is not None
        return (*self.train, self.validation)


@dataclass(frozen=True)
class Dataset:
    vocabulary: Vocabulary
    splits: tuple[UserSplit, ...]
    events: int

    @property
    def evaluated(self) -> list[UserSplit]:
        return [s for s in self.splits if s.test is not None]

    def summary(self) -> dict:
        evaluated = self.evaluated
        return {
            "users": len(self.splits),
            "items": self.vocabulary.size,
            "events": self.events,
            "evaluatedUsers": len(evaluated),
            "trainOnlyUsers": len(self.splits) - len(evaluated),
            "trainEvents": sum(len(s.train) for s in self.splits),
            "validationEvents": len(evaluated),
            "testEvents": len(evaluated),
        }


def item_sequence(user: UserRecord, types: tuple[str, ...] = DEFAULT_SEQUENCE_TYPES) -> list[str]:
    return [e.item_id for e in user.events if e.type in types]


def build_dataset(snapshot: Snapshot, types: tuple[str, ...] = DEFAULT_SEQUENCE_TYPES) -> Dataset:
    sequences = [(u.user_id, item_sequence(u, types)) for u in snapshot.users]
    sequences = [(uid, seq) for uid, seq in sequences if seq]
    if not sequences:
        raise ValueError(f"no user has an event of the sequence types {list(types)}")
    vocabulary = Vocabulary(tuple(sorted({item for _, seq in sequences for item in seq})))
    index = vocabulary.index_of()
    splits = []
    for user_id, seq in sequences:
        ids = tuple(index[item] for item in seq)
        if len(ids) < MIN_EVALUATED_LENGTH:
            splits.append(UserSplit(user_id, ids, None, None))
        else:
            splits.append(UserSplit(user_id, ids[:-2], ids[-2], ids[-1]))
    return Dataset(vocabulary, tuple(splits), sum(len(seq) for _, seq in sequences))
