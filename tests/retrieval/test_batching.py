"""BatchingEmbedder: same vectors as the embedder it wraps, fewer passes, errors reach callers."""

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from commerce.errors import InvalidInput
from retrieval.batching import BatchingEmbedder
from tests.retrieval.fakes import HashingEmbedder


class GatedEmbedder(HashingEmbedder):
    """Blocks its first call until released, so other callers pile up behind it."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()
        self.fail = fail

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not self.calls:
            self.started.set()
            self.release.wait(timeout=10)
            if self.fail:
                self.calls.append(list(texts))
                raise RuntimeError("model fell over")
        return super().embed(texts)


def test_vectors_equal_the_wrapped_embedders_in_input_order() -> None:
    texts = ["who is at risk", "list segments", "who is at risk", "reviews about coffee"]
    batching = BatchingEmbedder(HashingEmbedder())
    np.testing.assert_allclose(batching.embed(texts), HashingEmbedder().embed(texts), atol=1e-6)
    assert batching.embed([]).shape == (0, 384)


def test_repeated_texts_come_from_the_cache() -> None:
    inner = HashingEmbedder()
    batching = BatchingEmbedder(inner, cache_size=2)
    batching.embed(["a b", "c d"])
    batching.embed(["c d", "a b"])
    assert inner.embedded == 2 and batching.hits == 2
    batching.embed(["e f"])  # evicts the least recently used ("c d")
    batching.embed(["c d"])
    assert inner.calls[-1] == ["c d"]


def test_concurrent_callers_share_one_pass() -> None:
    inner = GatedEmbedder()
    batching = BatchingEmbedder(inner, cache_size=0)
    results: dict[int, np.ndarray] = {}

    def ask(n: int) -> None:
        results[n] = batching.embed([f"question number {n}"])

    first = threading.Thread(target=ask, args=(0,))
    first.start()
    assert inner.started.wait(timeout=10)
    others = [threading.Thread(target=ask, args=(n,)) for n in range(1, 6)]
    for thread in others:
        thread.start()
    while len(batching._pending) < 5:  # all five queued behind the first pass
        threading.Event().wait(0.01)
    inner.release.set()
    for thread in [first, *others]:
        thread.join(timeout=10)
    assert len(inner.calls) == 2 and sorted(len(call) for call in inner.calls) == [1, 5]
    for n, vector in results.items():
        np.testing.assert_allclose(vector, HashingEmbedder().embed([f"question number {n}"]))


def test_a_failing_pass_fails_its_callers_and_the_next_pass_recovers() -> None:
    inner = GatedEmbedder(fail=True)
    batching = BatchingEmbedder(inner)
    errors: list[BaseException] = []

    def ask(text: str) -> None:
        try:
            batching.embed([text])
        except RuntimeError as error:
            errors.append(error)

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    assert inner.started.wait(timeout=10)
    inner.release.set()
    first.join(timeout=10)
    assert [str(e) for e in errors] == ["model fell over"]
    # The embedder recovers: the next call runs a fresh pass.
    assert batching.embed(["second"]).shape == (1, 384)


def test_large_calls_go_straight_through() -> None:
    inner = HashingEmbedder()
    batching = BatchingEmbedder(inner, max_batch=2)
    batching.embed(["a", "b", "c"])
    assert batching.passes == 0 and inner.calls == [["a", "b", "c"]]


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(InvalidInput, match="max_batch"):
        BatchingEmbedder(HashingEmbedder(), max_batch=0)
