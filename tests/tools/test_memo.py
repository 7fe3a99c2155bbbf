"""Memo: answers kept per signature, computed once under concurrency; an answer of the same
basis served while the new one is computed in the background (one at a time, a failure logged
and not retried); none served across a basis change; while held, the answer kept."""

import logging
import threading
from collections.abc import Callable, Iterator

import pytest

from assistant.tools.memo import Memo
from commerce.errors import NotFound

WAIT_S = 30  # only a guard against hanging


class Held:
    def __init__(self) -> None:
        self.on = False

    def __call__(self) -> bool:
        return self.on


@pytest.fixture
def held() -> Held:
    return Held()


@pytest.fixture
def memo(held: Held) -> Iterator[Memo]:
    kept = Memo(4, held)
    yield kept
    kept.close()


class Gated:
    """Returns `value`; once `gate` is cleared, waits for it (so a test sees who waits)."""

    def __init__(self, value: object = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error
        self.gate, self.started, self.finished = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        self.gate.set()
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        self.started.set()
        assert self.gate.wait(WAIT_S)
        self.finished.set()
        if self.error is not None:
            raise self.error
        return self.value


def _settle(memo: Memo, key: str, until: Callable[[], bool]) -> None:
    """Wait until the background queue is done with `key` and `until` holds."""
    for _ in range(WAIT_S * 100):
        if key not in memo._behind and until():
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"{key} never settled")


def test_the_same_signature_is_computed_once(memo: Memo) -> None:
    compute = Gated("a")
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(memo.get("k", 1, None, compute)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S)
    assert results == ["a"] * 6 and compute.calls == 1


def test_same_basis_serves_the_answer_before_and_computes_the_new_one_behind(memo: Memo) -> None:
    assert memo.get("k", 1, "root", Gated("v1")) == "v1"
    newer = Gated("v2")
    newer.gate.clear()
    assert memo.get("k", 2, "root", newer) == "v1"  # at once, while v2 waits at the gate
    assert newer.started.wait(WAIT_S)
    again = Gated("v2 again")
    assert memo.get("k", 2, "root", again) == "v1" and again.calls == 0  # one computation
    newer.gate.set()
    _settle(memo, "k", lambda: memo.get("k", 2, "root", again) == "v2")
    assert newer.calls == 1 and again.calls == 0


def test_another_basis_or_none_waits_for_the_new_answer(memo: Memo) -> None:
    memo.get("k", 1, "root-a", Gated("v1"))
    assert memo.get("k", 2, "root-b", Gated("v2")) == "v2"  # a new store or a new model
    memo.get("plain", 1, None, Gated("p1"))
    assert memo.get("plain", 2, None, Gated("p2")) == "p2"


def test_a_background_failure_is_logged_and_not_retried(
    memo: Memo, caplog: pytest.LogCaptureFixture
) -> None:
    memo.get("k", 1, "root", Gated("v1"))
    broken = Gated(error=ValueError("bad data"))
    with caplog.at_level(logging.ERROR, logger="assistant.tools.memo"):
        assert memo.get("k", 2, "root", broken) == "v1"
        _settle(memo, "k", broken.finished.is_set)
    assert "computing k in the background failed" in caplog.text
    assert memo.get("k", 2, "root", broken) == "v1" and broken.calls == 1
    assert memo.get("k", 3, "root", Gated("v3")) == "v1"  # a newer signature is tried again
    _settle(memo, "k", lambda: memo.get("k", 3, "root", broken) == "v3")


def test_a_retain_error_is_an_answer_raised_to_each_asker(memo: Memo) -> None:
    missing = Gated(error=NotFound("no model: run `retain train`"))
    for _ in range(2):
        with pytest.raises(NotFound, match="retain train"):
            memo.get("k", 1, None, missing)
    assert missing.calls == 1
    assert memo.get("k", 2, "root", Gated("v2")) == "v2"  # an error is never served stale


def test_while_held_the_answer_kept_is_served_and_renewed_after(memo: Memo, held: Held) -> None:
    memo.get("k", 1, "root", Gated("v1"))
    held.on = True
    waiting = Gated("never")
    assert memo.get("k", 2, "root", waiting) == "v1" and waiting.calls == 0
    assert memo.get("new", 2, "root", Gated("from held data")) == "from held data"
    held.on = False
    # Computed from held data: renewed by the next request, which waits for it.
    assert memo.get("new", 2, "root", Gated("fresh")) == "fresh"


def test_least_recently_used_answers_are_dropped(memo: Memo) -> None:
    for key in "abcd":
        memo.get(key, 1, None, Gated(key))
    memo.get("a", 1, None, Gated("not again"))  # used: moves to the end
    memo.get("e", 1, None, Gated("e"))
    assert memo.get("a", 1, None, Gated("recomputed")) == "a"
    assert memo.get("b", 1, None, Gated("recomputed")) == "recomputed"


def test_without_a_size_nothing_is_dropped(held: Held) -> None:
    parts = Memo(None, held)
    for key in range(300):
        parts.get(str(key), 1, None, Gated(key))
    assert parts.get("0", 1, None, Gated("recomputed")) == 0
    kept = parts.peek("299")
    assert kept is not None and kept.value == 299 and parts.peek("missing") is None
    parts.close()
