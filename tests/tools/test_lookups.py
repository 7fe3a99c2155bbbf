"""The per-customer lookups give each row as it was stored, with ISO times, whatever order
tools ask in (rows are made on request)."""

import re

import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.lookups import CustomerReviews, ScoreTable

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def test_orders_and_contacts_match_the_store(shared_data: StoreData) -> None:
    customers = shared_data.customers()
    orders = shared_data.store().table("orders").astype({"customer_id": str})
    table = shared_data.store().table("customers").astype({"customer_id": str})
    first = str(table["customer_id"].iloc[0])
    theirs = orders[orders["customer_id"] == first].sort_values("ts")
    shown = customers.orders(first)
    assert [o["order_id"] for o in shown] == theirs["order_id"].astype(str).tolist()
    assert [o["ts"] for o in shown] == [f"{t:%Y-%m-%dT%H:%M:%S}" for t in theirs["ts"]]
    assert all(ISO.match(o["ts"]) for o in shown)
    summary = customers.order_summary(first)
    assert summary["orders"] == len(theirs) and summary["last_order"] == shown[-1]["ts"]
    assert summary["last_order_amount"] == round(shown[-1]["amount"], 2)
    assert customers.contacts[first] == {
        "name": table["name"].iloc[0],
        "email": table["email"].iloc[0],
    }


def test_score_rows_are_fresh_dicts_with_their_reasons_as_a_list() -> None:
    scores = pd.DataFrame(
        {
            "customer_id": [7, 8],
            "churn_risk": [0.2, 0.9],
            "clv": [100.0, 50.0],
            "value_at_risk": [20.0, 45.0],
            "reasons": ["few orders; long gap", None],
        }
    )
    table = ScoreTable(scores)
    assert [r["customer_id"] for r in table.top(2)] == ["8", "7"]
    row = table.row("7")
    assert row is not None and row["reasons"] == ["few orders", "long gap"]
    row["reasons"].append("changed by a caller")
    assert table.row("7") == {**row, "reasons": ["few orders", "long gap"]}
    assert table.top(1)[0]["reasons"] == [] and table.row("9") is None


def test_reviews_newest_first_with_iso_times_and_missing_ratings_as_none() -> None:
    reviews = CustomerReviews(
        pd.DataFrame(
            {
                "review_id": ["r1", "r2"],
                "customer_id": ["00042", "00042"],
                "product_id": ["B1", "B2"],
                "ts": pd.to_datetime(["2024-01-02 10:30:00", "2024-03-04 00:00:00"]),
                "rating": [4.0, float("nan")],
                "text": ["good", "bad"],
            }
        )
    )
    got = reviews.of("00042")
    assert [r["review_id"] for r in got] == ["r2", "r1"]
    assert [r["ts"] for r in got] == ["2024-03-04T00:00:00", "2024-01-02T10:30:00"]
    assert got[0]["rating"] is None and got[1]["rating"] == 4.0
    assert got[0]["sentiment_label"] is None and "customer_id" not in got[0]
    assert reviews.count("00042") == 2 and reviews.of("nobody") == []


def test_scores_without_reasons_give_empty_reasons_and_at_risk_filters_by_risk() -> None:
    scores = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c"],
            "churn_risk": [0.9, 0.3, 0.6],
            "clv": [10.0, 100.0, 50.0],
            "value_at_risk": [9.0, 30.0, 30.0],
        }
    )
    table = ScoreTable(scores)
    assert all(row["reasons"] == [] for row in table.top(3))
    risky = table.at_risk(0.5)
    assert sorted(r["customer_id"] for r in table.top(10, risky)) == ["a", "c"]
    among = table.positions(pd.Index(["a", "b"]))
    assert [r["customer_id"] for r in table.top(10, table.at_risk(0.5, among))] == ["a"]


def test_the_most_reviewed_customer_wrote_the_most_and_ties_go_to_the_first_id() -> None:
    frame = pd.DataFrame(
        {
            "review_id": ["r1", "r2", "r3", "r4", "r5"],
            "customer_id": ["b", "a", "c", "a", "b"],
            "product_id": ["p"] * 5,
            "ts": pd.to_datetime(["2024-01-0" + str(d) for d in range(1, 6)]),
            "rating": [5.0] * 5,
            "text": ["fine"] * 5,
        }
    )
    assert CustomerReviews(frame).most_reviewed() == "a"  # a and b wrote two each
    assert CustomerReviews(frame[frame["customer_id"] == "c"]).most_reviewed() == "c"
    assert CustomerReviews.empty().most_reviewed() is None
