"""One turn at a time per conversation: a second one while the first is open is refused (409).

A turn reads the conversation's history and memory when it opens and writes its answer when it
closes; two turns of one conversation at once would each answer from a memory the other is
about to overwrite, and their messages would interleave. Turns of different conversations run
side by side.

The hold is kept in the app database (persistence/turn_claims.py), so it reaches every process
answering from it: two servers behind one load balancer, or several uvicorn workers. Each
process also keeps its own turns in memory, which refuses a second message to the same process
without asking the database. A thread renews this process's holds every third of CLAIM_TTL_S
while it has any; those of a process that died are free CLAIM_TTL_S after its last renewal.

A claim is keyed by the caller's key and the conversation: a stranger naming someone else's
conversation never meets its claim (and gets the 404 the turn itself gives), so a 409 tells
nothing about conversations that are not the caller's.
"""

import logging
import threading
import uuid
import weakref
from collections import deque
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from assistant.persistence import turn_claims
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import utc_now
from commerce.errors import RetainError

log = logging.getLogger("retain.api")
Key = tuple[int, str]  # (the caller's key id, the conversation id)
Hold = tuple[str, str]  # (the conversation id, the token it is held under in the database)


class TurnInProgress(RetainError):
    """The conversation is answering another message."""

    status_code = 409


class Claim:
    """A conversation held for one turn. `release()` ends the hold; a claim that is dropped
    without it (a stream whose client left before it started) is released when collected."""

    def __init__(self, turns: "OpenTurns", key: Key, token: str | None) -> None:
        self.conversation_id = key[1]
        self._turns, self._key, self._token = turns, key, token
        self._dropped = weakref.finalize(self, turns.dropped, key, token)

    def release(self) -> None:
        if self._dropped.detach() is not None:  # once, however often called
            self._turns.release(self._key, self._token)


class OpenTurns:
    """The conversations with a turn under way, held in the app database `db`; `clock` is the
    time the holds are measured in, renewed every `renew_every_s` (tests change both)."""

    def __init__(
        self,
        db: AppDatabase,
        clock: Callable[[], datetime] = utc_now,
        renew_every_s: float = turn_claims.CLAIM_TTL_S / 3,
    ) -> None:
        self._db, self._clock, self._renew_every_s = db, clock, renew_every_s
        # This process's turns: the database token of each, or None when the conversation is
        # not the caller's (nothing to hold there; the turn answers 404).
        self._open: dict[Key, str | None] = {}
        self._lock = threading.Lock()
        self._dropped: deque[Hold] = deque()  # collected unreleased: released at the next claim
        self._renewer: threading.Thread | None = None
        self._closed = threading.Event()

    def claim(self, owner_key_id: int, conversation_id: str) -> Claim:
        """Hold the caller's conversation for a turn; TurnInProgress when a turn holds it, in
        this process or another."""
        self._release_dropped()
        key = (owner_key_id, conversation_id)
        with self._lock:
            busy = key in self._open
            if not busy:
                self._open[key] = None  # taken here while the database is asked
        if busy:  # raised outside the lock: building it may run a collection, see dropped
            raise _busy(conversation_id)
        token = uuid.uuid4().hex
        try:
            outcome = turn_claims.take(self._db, *key, token=token, now=self._clock())
        except BaseException:
            self._open.pop(key, None)
            raise
        if outcome == "busy":
            self._open.pop(key, None)
            raise _busy(conversation_id)
        held = token if outcome == "held" else None
        with self._lock:
            self._open[key] = held
            if held is not None and self._renewer is None:
                self._renewer = threading.Thread(
                    target=self._keep_renewing, name="turn-claims", daemon=True
                )
                self._renewer.start()
        return Claim(self, key, held)

    def release(self, key: Key, token: str | None) -> None:
        """End a claim: in the database first, so a next message to another process finds the
        conversation free as soon as this one does. A database that cannot be reached leaves
        the hold to be released at the next claim, or to expire."""
        if token is not None:
            self._release_in_database([(key[1], token)])
        self._open.pop(key, None)

    def dropped(self, key: Key, token: str | None) -> None:
        """A claim collected without release(). It runs from garbage collection, which can start
        on a thread in the middle of claim() or of a database session: so no lock and no
        database here (a dict's pop and a deque's append are atomic on their own)."""
        self._open.pop(key, None)
        if token is not None:
            self._dropped.append((key[1], token))

    def renew(self) -> None:
        """Push the hold of every turn this process has open to CLAIM_TTL_S from now."""
        # A copy, not a loop over the dict: a collection during the loop may drop a claim.
        holds = [(key[1], token) for key, token in self._open.copy().items() if token]
        turn_claims.renew(self._db, holds, self._clock())

    def close(self) -> None:
        """Stop renewing and release what was collected unreleased (at shutdown)."""
        self._closed.set()
        renewer = self._renewer
        if renewer is not None:
            renewer.join()
        self._release_dropped()

    def __contains__(self, key: object) -> bool:
        return key in self._open

    def _keep_renewing(self) -> None:
        while not self._closed.wait(self._renew_every_s):
            self._release_dropped()
            with self._lock:
                if not self._open:
                    self._renewer = None  # the next claim starts another
                    return
            try:
                self.renew()
            except (SQLAlchemyError, RetainError) as error:
                log.warning("could not renew the conversations' turn holds: %s", error)

    def _release_dropped(self) -> None:
        holds: list[Hold] = []
        try:
            while True:  # popleft until empty: another thread may be emptying it too
                holds.append(self._dropped.popleft())
        except IndexError:
            pass
        self._release_in_database(holds)

    def _release_in_database(self, holds: list[Hold]) -> None:
        try:
            turn_claims.release(self._db, holds)
        except (SQLAlchemyError, RetainError) as error:
            log.warning("could not release %d conversations' turn holds: %s", len(holds), error)
            self._dropped.extend(holds)


def _busy(conversation_id: str) -> TurnInProgress:
    return TurnInProgress(
        f"conversation {conversation_id} is still answering the previous message; "
        "send the next one when that answer has arrived"
    )
