"""A conversation held for one turn in the app database, so the hold reaches every process
that answers from it: two `retain serve` behind one load balancer, or several uvicorn workers.
assistant/api/turns.py takes, renews and releases it; these are its statements.

The hold is two columns of the conversation's row: `turn_claim`, a token the holder drew, and
`turn_open_until`. Taking it is one conditional UPDATE that only a row without a hold, or with
one past its time, lets through, so of two processes racing for it one wins: the row lock
(PostgreSQL) or the write lock (SQLite) puts them one after the other, and the second finds the
first's hold. The holder pushes `turn_open_until` forward while its turn runs (`renew`) and
clears both when the turn ends (`release`); both touch the row only while it still carries the
holder's token. A process that dies mid-turn renews no more: the conversation is free again
CLAIM_TTL_S after its last renewal.

Times are the processes' clocks, as for the webhook outbox: machines that share one database
keep their clocks in step (NTP). A skew well under the time from a renewal to the expiry it
sets less the time to the next renewal (two thirds of CLAIM_TTL_S) changes nothing.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Update, bindparam, or_, select, update

from assistant.persistence.db import AppDatabase
from assistant.persistence.turn_statements import CONVERSATIONS, OWNED

CLAIM_TTL_S = 60.0  # a hold not renewed for this long is free: its process died
ClaimOutcome = Literal["held", "busy", "not_owned"]
_TTL = timedelta(seconds=CLAIM_TTL_S)

_FREE = or_(
    CONVERSATIONS.c.turn_open_until.is_(None),
    CONVERSATIONS.c.turn_open_until <= bindparam("b_now"),
)
_TAKE = (
    update(CONVERSATIONS)
    .where(OWNED & _FREE)
    .values(turn_claim=bindparam("b_token"), turn_open_until=bindparam("b_until"))
    .returning(CONVERSATIONS.c.id)
)
_HOLD = select(CONVERSATIONS.c.turn_open_until).where(OWNED)
_HOLDERS = (CONVERSATIONS.c.id == bindparam("b_id")) & (
    CONVERSATIONS.c.turn_claim == bindparam("b_token")
)
_RENEW = update(CONVERSATIONS).where(_HOLDERS).values(turn_open_until=bindparam("b_until"))
_RELEASE = update(CONVERSATIONS).where(_HOLDERS).values(turn_claim=None, turn_open_until=None)


def take(
    db: AppDatabase, owner_key_id: int, conversation_id: str, token: str, now: datetime
) -> ClaimOutcome:
    """Hold the owner's conversation under `token` until CLAIM_TTL_S after `now`: "held";
    "busy" while another turn holds it; "not_owned" when it is not the owner's (or does not
    exist): there is nothing to hold, and the turn itself answers 404."""
    where = {"b_id": conversation_id, "b_owner": owner_key_id}
    claim = where | {"b_now": now, "b_token": token, "b_until": now + _TTL}
    with db.session() as session:
        # Twice at most: on PostgreSQL the hold may end between the UPDATE and the SELECT
        # (each statement sees the latest commit), and then the conversation is free to take.
        for _ in range(2):
            if session.execute(_TAKE, claim).first() is not None:
                return "held"
            hold = session.execute(_HOLD, where).first()
            if hold is None:
                return "not_owned"
            if hold.turn_open_until is not None and hold.turn_open_until > now:
                return "busy"
    return "busy"  # freed and taken again between our statements, twice


def renew(db: AppDatabase, holds: Sequence[tuple[str, str]], now: datetime) -> None:
    """Push the holds, (conversation id, token) pairs, to CLAIM_TTL_S after `now`; a hold
    released or taken over meanwhile is left as it is."""
    until = now + _TTL
    _run_for(db, _RENEW, [{"b_id": c, "b_token": token, "b_until": until} for c, token in holds])


def release(db: AppDatabase, holds: Sequence[tuple[str, str]]) -> None:
    """End the holds, (conversation id, token) pairs, where they are still the holders'."""
    _run_for(db, _RELEASE, [{"b_id": c, "b_token": token} for c, token in holds])


def _run_for(db: AppDatabase, statement: Update, rows: list[dict[str, object]]) -> None:
    if rows:
        with db.session() as session:
            session.execute(statement, rows)
