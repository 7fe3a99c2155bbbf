"""Ids hold printable characters and no path separators, and ratings are whole stars: in events
and in file ingest alike, the refusal names the field (or file, line and column), the character
and its place, or the value."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from commerce.datasets import load_cdnow, load_food_reviews
from commerce.errors import InvalidInput
from commerce.events import EventContext, check_events
from commerce.id_rules import id_problem, is_plain_id
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace

NOW = pd.Timestamp("2024-06-01")
CONTEXT = EventContext(now=NOW, products=frozenset({"p1", "B000EYLDYE"}))
# Lookalikes of real ids, and a path: each with what the refusal names.
UNFIT = [
    ("00042\u200b", "has an invisible character U+200B at position 6"),
    ("\u202e77000", "has an invisible character U+202E at position 1"),
    ("000\n77", "has a control character U+000A at position 4"),
    ("000\x0777", "has a control character U+0007 at position 4"),
    ("000\u00a077", "has an unusual space U+00A0 at position 4"),
    ("../../etc/passwd", "has '/' at position 3: ids are names, not paths"),
    ("c\\1", "has '\\\\' at position 2"),
]
# Ids as the demo, CDNOW, tests and real exports write them.
FIT = ["00042", "B000EYLDYE", "o00042-3", "afr-trai-123", "demo-o00042-3", "A-7", "12346.0",
       "ann@shop.example", "Kunde 7", "çé-ß", "c1"]  # fmt: skip


def order(**fields: Any) -> dict[str, Any]:
    return {"event_id": "e1", "kind": "order", "ts": "2024-05-01T10:00:00Z",
            "customer_id": "c1", "amount": 12.5} | fields  # fmt: skip


def review(**fields: Any) -> dict[str, Any]:
    return {"event_id": "r1", "kind": "review", "ts": "2024-05-02", "customer_id": "c1",
            "product_id": "p1", "rating": 2, "text": "arrived stale"} | fields  # fmt: skip


def reason(event: dict[str, Any]) -> str:
    checked = check_events([event], CONTEXT)
    [rejection] = checked.rejected
    return rejection.reason


@pytest.mark.parametrize(("written", "problem"), UNFIT)
def test_an_unfit_id_is_named_with_its_character_and_place(written: str, problem: str) -> None:
    assert not is_plain_id(written)
    assert (id_problem(written) or "").startswith(problem)


@pytest.mark.parametrize("written", FIT)
def test_ids_of_the_demo_cdnow_and_exports_are_fit(written: str) -> None:
    assert is_plain_id(written) and id_problem(written) is None


def test_every_id_the_demo_builds_from_is_fit() -> None:
    # The demo's customers are CDNOW's, its products the fine-food reviews' ASINs; its order,
    # review and event ids are made of those ("o00042-3", "afr-trai-12", "demo-o00042-3").
    customers = load_cdnow()["customer_id"].unique().tolist()
    reviews = load_food_reviews()
    products = reviews["product"].astype(str).unique().tolist()
    review_ids = ("afr-" + reviews["split"].str[:4] + "-" + reviews["row"].astype(str)).tolist()
    made = [f"o{customers[-1]}-12", f"demo-o{customers[0]}-1", f"demo-{review_ids[-1]}"]
    for ids in (customers, products, review_ids, made):
        assert ids and [i for i in ids if not is_plain_id(i)] == []


@pytest.mark.parametrize(("written", "problem"), UNFIT)
@pytest.mark.parametrize("field", ["customer_id", "order_id", "event_id"])
def test_an_order_event_with_an_unfit_id_is_refused(field: str, written: str, problem: str) -> None:
    assert reason(order(**{field: written})).startswith(f"{field} {problem}")


def test_a_product_id_of_a_review_or_an_order_line_is_held_to_the_rule_too() -> None:
    # No product list: any product id goes, except one no id may be.
    context = EventContext(now=NOW)
    [rejection] = check_events([review(product_id="B000EYLDYE\u200b")], context).rejected
    assert rejection.reason == "product_id has an invisible character U+200B at position 11"
    line = {"product_id": "../p1", "price": 1.0}
    [rejection] = check_events([order(items=[line])], context).rejected
    assert rejection.reason.startswith("items[0]: product_id has '/' at position 3")


@pytest.mark.parametrize("written", FIT)
def test_an_event_with_a_fit_id_is_accepted(written: str) -> None:
    checked = check_events([order(customer_id=written)], CONTEXT)
    assert checked.rejected == [] and checked.customers == [written]


@pytest.mark.parametrize("stars", [2.5, 4.99, "3.5"])
def test_a_fractional_rating_event_is_refused_naming_the_value(stars: object) -> None:
    assert reason(review(rating=stars)) == (f"rating {stars!r} is not a whole number of stars 1-5")


@pytest.mark.parametrize("stars", [1, 5, 3.0, "4", None])
def test_whole_ratings_and_none_are_accepted(stars: object) -> None:
    checked = check_events([review(rating=stars)], CONTEXT)
    assert checked.rejected == []


def _refusal(home: Path, tmp_path: Path, **files: str) -> str:
    sources = {}
    for table, text in files.items():
        path = tmp_path / f"{table}.csv"
        path.write_text(text, encoding="utf-8")
        sources[table] = Source(path)
    with pytest.raises(InvalidInput) as caught:
        ingest(Workspace(home), IngestRequest(sources))
    return str(caught.value)


@pytest.mark.parametrize(("written", "problem"), UNFIT)
def test_file_ingest_names_file_line_column_character_and_place(
    retain_home: Path, tmp_path: Path, written: str, problem: str
) -> None:
    cell = '"' + written + '"'  # quoted: a newline stays inside the cell
    orders = f"customer_id,ts,amount\nc1,2024-01-01,5\n{cell},2024-01-02,6\n"
    message = _refusal(retain_home, tmp_path, orders=orders)
    assert message.startswith("orders.csv line 3, column customer_id: "), message
    assert f"{problem}" in message, message


def test_file_ingest_refuses_a_fractional_rating_naming_the_value(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = "customer_id,ts,amount\nc1,2024-01-01,5\n"
    reviews = (
        "customer_id,product_id,ts,rating,text\nc1,p1,2024-01-02,5,ok\nc1,p1,2024-01-03,2.5,meh\n"
    )
    message = _refusal(retain_home, tmp_path, orders=orders, reviews=reviews)
    assert message == "reviews.csv line 3, column rating: '2.5' is not a whole number of stars 1-5"
