"""The audit log: one row per tool call, newest first, filterable by key."""

from datetime import date

import numpy as np
import pytest

from assistant.persistence import AppDatabase, ConversationStore, recent, record
from assistant.persistence.audit import audit_row
from commerce.errors import InvalidInput
from tests.persistence.factories import make_principal


def test_every_outcome_is_logged_newest_first(db: AppDatabase) -> None:
    ops, mia = make_principal(db, "operator", "ops"), make_principal(db, "marketer", "mia")
    cid, _ = ConversationStore(db).open_turn(ops, None, "at risk?")
    record(db, audit_row(ops, "at_risk_customers", {"limit": 5}, 5, "ok", conversation_id=cid))
    record(
        db,
        audit_row(
            mia, "plan_budget", {"budget": 5000}, 0, "refused", "marketer may not plan_budget"
        ),
    )
    record(
        db,
        audit_row(
            ops, "customer_profile", {"customer_id": "X"}, 0, "error", "customer 'X' not found"
        ),
    )
    entries = recent(db)
    assert [(e.tool, e.outcome, e.rows) for e in entries] == [
        ("customer_profile", "error", 0),
        ("plan_budget", "refused", 0),
        ("at_risk_customers", "ok", 5),
    ]
    first = entries[-1]
    assert (first.key_id, first.key_name, first.role) == (ops.key_id, "ops", "operator")
    assert first.arguments == {"limit": 5} and first.conversation_id == cid
    assert first.error is None and first.ts.tzinfo is not None
    assert entries[1].error == "marketer may not plan_budget"
    assert [e.tool for e in recent(db, key_id=mia.key_id)] == ["plan_budget"]
    assert [e.tool for e in recent(db, limit=1)] == ["customer_profile"]


def test_arguments_of_any_shape_are_kept_as_json(db: AppDatabase) -> None:
    ops = make_principal(db)
    arguments = {"budget": np.float64(5000.0), "k": np.int32(3), "since": date(2024, 5, 1)}
    entry = record(db, audit_row(ops, "plan_budget", arguments, 12, "ok"))
    assert recent(db)[0].arguments == {"budget": 5000.0, "k": 3, "since": "2024-05-01"}
    assert entry.to_dict()["rows"] == 12


def test_long_errors_are_cut(db: AppDatabase) -> None:
    entry = record(
        db, audit_row(make_principal(db), "search_reviews", {}, 0, "error", "x" * 10_000)
    )
    assert entry.error is not None and len(entry.error) == 2000


@pytest.mark.parametrize(("rows", "outcome"), [(1, "maybe"), (-1, "ok")])
def test_bad_outcome_or_rows_are_refused(db: AppDatabase, rows: int, outcome: str) -> None:
    with pytest.raises(InvalidInput):
        record(db, audit_row(make_principal(db), "model_report", {}, rows, outcome))
    assert recent(db) == []
