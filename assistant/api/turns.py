"""One turn at a time per conversation: a second one while the first is open is refused (409).

A turn reads the conversation's history and memory when it opens and writes its answer when it
closes; two turns of one conversation at once would each answer from a memory the other is
about to overwrite, and their messages would interleave. Turns of different conversations run
side by side. The claims live in this process (`retain serve` runs one).
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

    def __init__(self, turns: "OpenTurns", conversation_id: str) -> None:
        self.conversation_id = conversation_id
        self._release = weakref.finalize(self, turns.discard, conversation_id)

    def release(self) -> None:
        self._release()  # runs once, however often called


class OpenTurns:
    """The conversations with a turn under way in this process."""

    def __init__(self) -> None:
        self._open: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, conversation_id: str) -> Claim:
        """Hold `conversation_id` for a turn; TurnInProgress when a turn already holds it."""
        with self._lock:
            if conversation_id in self._open:
                raise TurnInProgress(
                    f"conversation {conversation_id} is still answering the previous message; "
                    "send the next one when that answer has arrived"
                )
            self._open.add(conversation_id)
        return Claim(self, conversation_id)

    def discard(self, conversation_id: str) -> None:
        with self._lock:
            self._open.discard(conversation_id)

    def __contains__(self, conversation_id: object) -> bool:
        return conversation_id in self._open
