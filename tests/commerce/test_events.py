"""Checking events: each bad one named by its place and why, the good ones typed like ingest."""

from typing import Any

import pandas as pd
import pytest

from commerce.event_fields import MAX_TEXT_CHARS
from commerce.events import EventContext, check_events, event_rows

NOW = pd.Timestamp("2024-06-01")
CONTEXT = EventContext(now=NOW, products=frozenset({"p1", "p2"}))
HOSTILE = "<script>alert(1)</script> Ignore previous instructions; DROP TABLE orders; --"


def order(event_id: str = "e1", **fields: Any) -> dict[str, Any]:
    return {"event_id": event_id, "kind": "order", "ts": "2024-05-01T10:00:00Z",
            "customer_id": "c1", "amount": 12.5} | fields  # fmt: skip


def review(event_id: str = "r1", **fields: Any) -> dict[str, Any]:
    return {"event_id": event_id, "kind": "review", "ts": "2024-05-02", "customer_id": "c1",
            "product_id": "p1", "rating": 2, "text": "arrived stale"} | fields  # fmt: skip


def browse(event_id: str = "b1", **fields: Any) -> dict[str, Any]:
    return {"event_id": event_id, "kind": "browse", "ts": "2024-05-03T08:00:00+02:00",
            "customer_id": "c2", "type": "cart", "product_id": "p2"} | fields  # fmt: skip


def test_good_events_become_rows_typed_like_ingested_ones() -> None:
    items = [{"product_id": "p1", "quantity": 2, "price": 5}, {"product_id": "p2", "price": 2.5}]
    checked = check_events([order(items=items), review(), browse()], CONTEXT)
    assert checked.rejected == [] and checked.indexes == [0, 1, 2]
    tables = checked.tables
    orders = tables["orders"]
    assert orders["order_id"].tolist() == ["e1"]  # the event id stands in for a missing order id
    assert str(orders["ts"].dtype) == "datetime64[ns]" and orders["amount"].dtype == "float64"
    assert orders["ts"].iloc[0] == pd.Timestamp("2024-05-01 10:00")
    assert tables["order_items"]["quantity"].tolist() == [2, 1]  # quantity defaults to 1
    assert str(tables["order_items"]["quantity"].dtype) == "Int64"
    assert tables["reviews"]["review_id"].tolist() == ["r1"]
    # an offset is turned into UTC, as file ingest stores times
    assert tables["events"]["ts"].iloc[0] == pd.Timestamp("2024-05-03 06:00")
    assert tables["events"]["event_id"].tolist() == ["b1"]
    assert sorted(tables["customers"]["customer_id"]) == ["c1", "c2"]
    assert checked.customers == ["c1", "c2"]


def test_ids_spelled_like_floats_are_kept_as_sent() -> None:
    # Only an export writes integers as floats; an event's ids are exactly what was sent, and
    # its customers table (built from the raw ids) must match its orders.
    checked = check_events([order(customer_id="7.0", order_id="9.0")], CONTEXT)
    orders = checked.tables["orders"]
    assert orders[["order_id", "customer_id"]].values.tolist() == [["9.0", "7.0"]]
    assert checked.tables["customers"]["customer_id"].tolist() == ["7.0"]


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (order(amount=-3), "amount -3 is negative; amounts must be 0 or more"),
        (order(amount="12,50"), "amount '12,50' is not a number"),
        (order(amount=float("inf")), "amount inf is not finite"),
        (order(amount=True), "amount True is not a number"),
        (order(ts="yesterday"), "ts 'yesterday' is not a date"),
        (order(ts="now"), "ts 'now' is not a date in ISO 8601 form (write it like 2024-03-31T"),
        (order(ts="today"), "ts 'today' is not a date in ISO 8601 form"),
        (order(ts="01/02/2024"), "ts '01/02/2024' is not a date in ISO 8601 form"),
        (order(ts="2024/05/01"), "ts '2024/05/01' is not a date in ISO 8601 form"),
        (order(ts="2024-5-1"), "ts '2024-5-1' is not a date in ISO 8601 form"),
        (order(ts="2024"), "ts '2024' is not a date in ISO 8601 form"),
        (order(ts="0202-05-01T10:00:00Z"), "is before 1900-01-01, the earliest date accepted"),
        (order(amount=1e308), "amount 1e+308 is more than 1,000,000,000, the largest amount"),
        (order(items=[{"product_id": "p1", "price": 2e9}]), "items[0]: price 2000000000.0 is mo"),
        (
            order(items=[{"product_id": "p1", "quantity": 1e30, "price": 1}]),
            "items[0]: quantity 1e+30 is more than 1,000,000, the largest quantity accepted",
        ),
        (order(ts="2031-01-01"), "ts '2031-01-01' is in the future (after 2024-06-02)"),
        (order(ts=1714557600), "ts must be an ISO 8601 string"),
        (order(customer_id=None), "customer_id is missing"),
        (order(customer_id="  "), "customer_id is empty"),
        (order(customer_id={"id": 1}), "customer_id {'id': 1} is not text"),
        (order(customer_id="c" * 65), "customer_id is 65 characters long: at most 64"),
        (order(items=[{"product_id": "p9", "price": 1}]), "items[0]: product_id 'p9' is not"),
        (order(items=[{"product_id": "p1", "quantity": 0, "price": 1}]), "items[0]: quantity 0"),
        (order(items="p1"), "items must be a list of order lines"),
        (review(rating=7), "rating 7 is not a rating 1-5"),
        (review(product_id="nope"), "product_id 'nope' is not a product of the store"),
        (review(text=None), "text is missing"),
        (review(text="x" * (MAX_TEXT_CHARS + 1)), "text is 20,001 characters long"),
        (review(text="broken \ud800 text"), "text holds '\\ud800', half of a character pair"),
        (order(customer_id="c\udc00"), "customer_id holds '\\udc00', half of a character"),
        (browse(type=None), "type is missing"),
        ({"event_id": "k", "kind": "refund"}, "kind 'refund': expected one of order, review"),
        (["not", "an", "object"], "an event is a JSON object, not list"),
    ],
)
def test_a_bad_event_is_refused_with_its_place_and_reason(event: Any, reason: str) -> None:
    checked = check_events([order("good-1"), event, order("good-2")], CONTEXT)
    [rejection] = checked.rejected
    assert rejection.index == 1
    assert reason in rejection.reason, rejection.reason
    assert [e["event_id"] for e in checked.accepted] == ["good-1", "good-2"]  # the good are kept
    assert checked.tables["orders"]["order_id"].tolist() == ["good-1", "good-2"]


def test_hostile_text_stays_text() -> None:
    checked = check_events([review(text=HOSTILE)], CONTEXT)
    assert checked.tables["reviews"]["text"].tolist() == [HOSTILE]


def test_the_same_event_twice_is_a_repeat_and_a_reused_order_id_is_refused() -> None:
    checked = check_events([order("a"), order("a"), order("b", order_id="a")], CONTEXT)
    assert checked.repeats == [1]
    [rejection] = checked.rejected
    assert (rejection.index, rejection.event_id) == (2, "b")
    assert "order_id 'a' is also in event 0 of this batch" in rejection.reason


def test_ids_the_store_already_holds_are_refused_at_submission() -> None:
    context = EventContext(NOW, frozenset({"p1"}), orders=frozenset({"o1"}),
                           reviews=frozenset({"r1"}))  # fmt: skip
    checked = check_events([order(order_id="o1"), review("r1")], context)
    assert [r.reason for r in checked.rejected] == [
        "order 'o1' is already in the store",
        "review 'r1' is already in the store",
    ]


def test_without_a_products_table_any_product_goes() -> None:
    checked = check_events([review(product_id="anything")], EventContext(now=NOW))
    assert checked.rejected == []


def test_event_rows_of_nothing_is_nothing() -> None:
    assert event_rows([]) == {}
