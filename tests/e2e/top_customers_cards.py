"""What the top-customers card tests share: a top_customers result as the tool returns it
(docs/api.md) with only what a test changes given, and the stub answering one question with
it, for operators too."""

from typing import Any

import pytest

from tests.e2e.stub_routes import answer_before_the_stub

Result = dict[str, Any]


def spender(rank: int, customer_id: str, **changes: Any) -> dict[str, Any]:
    """One ranked customer, never scored and in no segment unless `changes` say so."""
    row = {"rank": rank, "customer_id": customer_id, "revenue": 100.0, "orders": 1,
           "average_order": 100.0, "units": None, "first_order": "1997-01-01",
           "last_order": "1997-12-12", "share_of_revenue": 0.01, "segment": None,
           "churn_risk": None, "clv": None, "value_at_risk": None}  # fmt: skip
    return row | changes


def ranking(rows: list[dict[str, Any]], **changes: Any) -> Result:
    """A top_customers result for 1997-01-01..1998-06-30, to date, store-wide, of all orders,
    by spend, with no bounds, unless `changes` say otherwise."""
    result = {"type": "top_customers", "since": None, "until": None, "month": None,
              "quarter": None, "year": None, "days": None, "from": "1997-01-01",
              "to": "1998-06-30", "segment": None, "segment_size": None, "category": None,
              "product_id": None, "product_title": None, "by": "revenue", "buyers": "all",
              "min_revenue": None,
              "min_orders": None, "max_revenue": None, "max_orders": None,
              "min_average_order": None, "max_average_order": None,
              "period_revenue": 0.0, "ordered": len(rows), "total": len(rows), "offset": 0,
              "rows": rows}  # fmt: skip
    return result | changes


def answer_with(
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    args: dict[str, Any],
    result: Result,
    answer: str,
) -> None:
    """The stub answers `question` with top_customers' `result`, and operators may ask it
    (its /v1/me says so)."""

    def make(_customer: str) -> Result:
        return result

    answer_before_the_stub(
        monkeypatch, [(question, "top_customers", args, make, answer)], "top_customers"
    )
