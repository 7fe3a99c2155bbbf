"""The stub's answers to at-risk questions, worded by the real at_risk_customers over the canned
rows: a sentence typed into the stub ("8 customers hold $2,310.") kept reading as the tool once
did, long after the tool began with what ranks ("Ranked by value at risk ...")."""

from types import SimpleNamespace
from typing import Any, cast

import pandas as pd

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.base import ToolContext
from assistant.tools.lookups import Ranking, ScoreTable


def at_risk_answer(card: dict[str, Any]) -> str:
    """The tool's answer for a canned at-risk card, its rows taken as all the store scored.
    The tool reads only the scores, each customer's segment and the currency symbol here; a
    tool that reads more fails this loudly instead of the stub drifting quietly."""
    rows = card["rows"]
    data = SimpleNamespace(
        require_scores=lambda: ScoreTable(pd.DataFrame(rows)),
        segments=lambda: SimpleNamespace(segment_of={r["customer_id"]: r["segment"] for r in rows}),
    )
    context = SimpleNamespace(data=data, settings=SimpleNamespace(currency_symbol="$"))
    by: Ranking = card.get("by", "value_at_risk")
    return at_risk_customers(cast(ToolContext, context), by=by, limit=len(rows)).answer
