"""The stub answers at-risk questions in the tool's words for its canned rows (no browser): its
typed sentence, "8 customers hold $2,310.", had long stopped reading like the tool."""

from fastapi.testclient import TestClient

from tests.e2e import canned
from tests.e2e.stub import create_stub

OPERATOR = {"Authorization": "Bearer op-key"}


def _answer(message: str) -> str:
    with TestClient(create_stub()) as client:
        reply = client.post("/v1/chat", json={"message": message}, headers=OPERATOR)
    answer: str = reply.json()["answer"]
    return answer


def test_who_is_leaving_reads_as_the_tool_ranks_it() -> None:
    rows = canned.at_risk()["rows"]
    held = sum(r["value_at_risk"] for r in rows)
    first = max(rows, key=lambda r: r["value_at_risk"])
    at_risk = sum(r["churn_risk"] >= 0.5 for r in rows)
    assert _answer("Who is about to leave?") == (
        f"{at_risk} of 8 scored customers ({at_risk / 8:.1%}) have a churn risk of 50% or more. "
        "Ranked by value at risk (churn risk x predicted value): the 8 customers with the most "
        f"hold ${held:,.2f} of the ${held:,.2f} at risk. "
        f"First: {first['customer_id']}, churn risk {first['churn_risk']:.0%}, "
        f"value at risk ${first['value_at_risk']:,.2f}."
    )


def test_the_most_valuable_are_said_to_be_worth_their_value() -> None:
    answer = _answer("who are our most valuable customers?")
    worth = sum(r["clv"] for r in canned.most_valuable()["rows"])
    assert answer.split(" or more. ", 1)[1].startswith(
        f"Ranked by predicted value: the 8 customers with the highest predicted value are "
        f"worth ${worth:,.2f}; "
    )
