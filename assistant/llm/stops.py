"""Cutting a stream of text pieces at the first stop string, without showing any of it.

A stop string can arrive split across pieces ("<|im" then "_end|>"), so the tail that could
still be the start of a stop string is held back until the next piece decides it.
"""

from collections.abc import Iterable, Iterator, Sequence


def cut_at_stops(pieces: Iterable[str], stops: Sequence[str]) -> Iterator[str]:
    """Yield `pieces` up to (not including) the first occurrence of any of `stops`."""
    stops = [stop for stop in stops if stop]
    if not stops:
        yield from (piece for piece in pieces if piece)
        return
    keep = max(len(stop) for stop in stops) - 1
    pending = ""
    for piece in pieces:
        pending += piece
        found = [i for i in (pending.find(stop) for stop in stops) if i >= 0]
        if found:
            if head := pending[: min(found)]:
                yield head
            return
        release = len(pending) - _held(pending, stops, keep)
        if release > 0:
            yield pending[:release]
            pending = pending[release:]
    if pending:
        yield pending


def _held(text: str, stops: Sequence[str], keep: int) -> int:
    """How many trailing characters of `text` could begin a stop string."""
    for size in range(min(keep, len(text)), 0, -1):
        tail = text[-size:]
        if any(stop.startswith(tail) for stop in stops):
            return size
    return 0
