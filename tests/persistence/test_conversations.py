"""Conversations: ordered history, ownership that reveals nothing, memory, survival of a restart."""

from collections.abc import Callable
from datetime import date

import numpy as np
import pytest
from sqlalchemy.exc import IntegrityError

from assistant.persistence import AppDatabase, ConversationStore, recent
from assistant.persistence.audit import INSERT, audit_row
from commerce.errors import InvalidInput, NotFound
from tests.persistence.factories import make_principal


def test_history_keeps_turns_in_order_with_tool_calls_and_cards(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    question = "  Who is   at risk\nthis month? "
    cid, _ = store.open_turn(ana, None, question)
    calls = [{"name": "at_risk_customers", "args": {"limit": 5}, "result": {"rows": 5}}]
    cards = [{"type": "customer", "customer_id": "C1"}]
    reply = store.close_turn(ana, cid, "Five customers.", calls, cards, {})
    assert (reply.seq, reply.role, reply.tool_calls, reply.cards) == (2, "assistant", calls, cards)
    history = store.history(ana, cid)
    assert history.title == "Who is at risk this month?"
    assert [(m.seq, m.role) for m in history.messages] == [(1, "user"), (2, "assistant")]
    assert history.messages[0].content == question  # the title is tidied, the message kept
    assert history.messages[1].tool_calls == calls
    assert history.messages[1].cards == cards
    assert history.messages[0].tool_calls == [] and history.message_count == 2
    assert history.to_dict(messages=True)["messages"][1]["content"] == "Five customers."
    assert "messages" not in history.to_dict(messages=False)


def test_titles_are_cut_and_never_empty(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    long_title = store.history(ana, store.open_turn(ana, None, "word " * 50)[0]).title
    assert len(long_title) == 80 and long_title.endswith("…")
    assert store.history(ana, store.open_turn(ana, None, " \n ")[0]).title == "New conversation"


def test_another_keys_conversation_is_indistinguishable_from_none(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana, bob = make_principal(db, name="ana"), make_principal(db, name="bob")
    cid, _ = store.open_turn(ana, None, "hello")
    unknown = "00000000-0000-0000-0000-000000000000"
    attempts: dict[str, Callable[[str], object]] = {
        "history": lambda c: store.history(bob, c),
        "memory": lambda c: store.memory(bob, c),
        "open_turn": lambda c: store.open_turn(bob, c, "hi"),
        "close_turn": lambda c: store.close_turn(bob, c, "hi", [], [], {"x": 1}),
    }
    for name, attempt in attempts.items():
        with pytest.raises(NotFound) as theirs:
            attempt(cid)
        with pytest.raises(NotFound) as missing:
            attempt(unknown)
        assert str(theirs.value) == str(missing.value).replace(unknown, cid), name
    assert store.list(bob) == []
    # Bob's turns did not land, nor did his memory.
    assert len(store.history(ana, cid).messages) == 1 and store.memory(ana, cid) == {}


def test_list_is_newest_first_and_pages(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    ids = [store.open_turn(ana, None, f"question {n}")[0] for n in range(4)]
    store.open_turn(ana, ids[0], "back to the first")  # activity moves it to the top
    listed = store.list(ana)
    assert [c.id for c in listed] == [ids[0], ids[3], ids[2], ids[1]]
    assert [c.message_count for c in listed] == [2, 1, 1, 1]
    assert [c.id for c in store.list(ana, limit=2, offset=1)] == [ids[3], ids[2]]
    store.close_turn(ana, ids[2], "an answer", [], [], {})  # so does an answer
    assert [c.id for c in store.list(ana)] == [ids[2], ids[0], ids[3], ids[1]]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}):
        with pytest.raises(InvalidInput):
            store.list(ana, **bad)


def test_memory_round_trips(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    cid, memory = store.open_turn(ana, None, "profile of C42")
    assert memory == {}
    remembered = {"customer_id": "C42", "last_tool": "customer_profile", "seen": ["C1", "C42"]}
    store.close_turn(ana, cid, "C42 has 3 orders.", [], [], remembered)
    assert store.open_turn(ana, cid, "and their reviews?") == (cid, remembered)
    store.close_turn(ana, cid, "Two reviews.", [], [], {"segment": "At risk"})
    assert store.memory(ana, cid) == {"segment": "At risk"}
    with pytest.raises(InvalidInput, match="mapping"):
        store.close_turn(ana, cid, "x", [], [], ["not", "a", "mapping"])  # type: ignore[arg-type]


def test_a_turn_is_two_writes_and_the_second_is_all_or_nothing(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana, bo = make_principal(db), make_principal(db, name="bo")
    cid, _ = store.open_turn(ana, None, "who is about to leave?")
    assert [(m.seq, m.role) for m in store.history(ana, cid).messages] == [(1, "user")]
    row = audit_row(ana, "at_risk_customers", {"limit": 5}, 5, "ok", conversation_id=cid)
    broken = dict(row, outcome=None)  # NOT NULL: the INSERT fails inside the transaction
    with pytest.raises(IntegrityError):
        store.close_turn(ana, cid, "Five customers.", [], [], {"n": 1}, also=[(INSERT, [broken])])
    assert len(store.history(ana, cid).messages) == 1 and store.memory(ana, cid) == {}
    assert recent(db) == []
    store.close_turn(ana, cid, "Five customers.", [], [], {"n": 1}, also=[(INSERT, [row])])
    history = store.history(ana, cid)
    assert [(m.seq, m.role) for m in history.messages] == [(1, "user"), (2, "assistant")]
    assert store.memory(ana, cid) == {"n": 1}
    [entry] = recent(db)
    assert (entry.tool, entry.rows, entry.conversation_id) == ("at_risk_customers", 5, cid)
    # Someone else's conversation, or none: nothing is written.
    with pytest.raises(NotFound):
        store.open_turn(bo, cid, "let me in")
    with pytest.raises(NotFound):
        store.close_turn(bo, cid, "x", [], [], {}, also=[(INSERT, [row])])
    assert len(store.history(ana, cid).messages) == 2 and len(recent(db)) == 1


def test_odd_values_are_stored_as_plain_json(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    cid, _ = store.open_turn(ana, None, "x\x00y")
    calls = [
        {
            "args": {"n": np.int64(3), "p": np.float64(0.5), "day": date(2024, 1, 2)},
            "result": {"missing": float("nan"), "ids": ("a", "b"), "text": "nul\x00byte"},
        }
    ]
    store.close_turn(ana, cid, "a\x00b", calls, [], {"day": date(2024, 1, 2), "n": np.int64(3)})
    question, message = store.history(ana, cid).messages
    assert (question.content, message.content) == ("xy", "ab")
    assert store.memory(ana, cid) == {"day": "2024-01-02", "n": 3}
    assert message.tool_calls == [
        {
            "args": {"n": 3, "p": 0.5, "day": "2024-01-02"},
            "result": {"missing": None, "ids": ["a", "b"], "text": "nulbyte"},
        }
    ]


def test_history_survives_a_restart(database_url: str) -> None:
    db = AppDatabase(database_url)
    db.create_all()
    ana = make_principal(db)
    store = ConversationStore(db)
    cid, _ = store.open_turn(ana, None, "remember me")
    store.close_turn(ana, cid, "I will.", [{"name": "model_report"}], [], {"customer_id": "C7"})
    before = store.history(ana, cid)
    db.close()

    reopened = AppDatabase(database_url)
    reopened.create_all()
    try:
        again = ConversationStore(reopened)
        assert again.history(ana, cid) == before
        assert again.memory(ana, cid) == {"customer_id": "C7"}
        assert again.open_turn(ana, cid, "still there?") == (cid, {"customer_id": "C7"})
        assert [m.seq for m in again.history(ana, cid).messages] == [1, 2, 3]
    finally:
        reopened.close()
