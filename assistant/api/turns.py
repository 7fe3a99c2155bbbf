"""One turn at a time per conversation: a second one while the first is open is refused (409).

A turn reads the conversation's history and memory when it opens and writes its answer when it
closes; two turns of one conversation at once would each answer from a memory the other is
about to overwrite, and their messages would interleave. Turns of different conversations run
side by side. The claims live in this process (`retain serve` runs one).

A claim is keyed by the caller's key and the conversation: a stranger naming someone else's
conversation never meets its claim (and gets the 404 the turn itself gives), so a 409 tells
nothing about conversations that are not the caller's.
"""

import threading
import weakref

from commerce.errors import RetainError


class TurnInProgress(RetainError):
    """The conversation is answering another message."""

    status_code = 409


class Claim:
    """A conversation held for one turn. `release()` ends the hold; a claim that is dropped
    without it (a stream whose client left before it started) is released when collected."""

    def __init__(self, turns: "OpenTurns", key: tuple[int, str]) -> None:
        self.conversation_id = key[1]
        self._release = weakref.finalize(self, turns.discard, key)

    def release(self) -> None:
        self._release()  # runs once, however often called


class OpenTurns:
    """The conversations with a turn under way in this process."""

    def __init__(self) -> None:
        self._open: set[tuple[int, str]] = set()
        self._lock = threading.Lock()

    def claim(self, owner_key_id: int, conversation_id: str) -> Claim:
        """Hold the caller's conversation for a turn; TurnInProgress when a turn holds it."""
        key = (owner_key_id, conversation_id)
        with self._lock:
            busy = key in self._open
            self._open.add(key)
        if busy:  # raised outside the lock: building it may run a collection, see discard
            raise TurnInProgress(
                f"conversation {conversation_id} is still answering the previous message; "
                "send the next one when that answer has arrived"
            )
        return Claim(self, key)

    def discard(self, key: tuple[int, str]) -> None:
        # No lock: this runs from garbage collection too, which can start on a thread that
        # holds the lock in claim(); a set's discard is atomic on its own.
        self._open.discard(key)

    def __contains__(self, key: object) -> bool:
        return key in self._open
