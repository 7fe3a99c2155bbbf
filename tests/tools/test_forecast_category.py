"""forecast_demand for one product category ("how much coffee will we sell next month"): that
category's row of the split by category, said with no interval of its own, with a segment its
members' part; an unknown category refused naming it and the store's categories. Several,
separated by commas ("will we sell more tea or coffee next month": "Tea, Coffee"): each one's
row side by side in the order asked, and which is expected to sell more by revenue and by
orders, each read as one is; one category's result keeps its shape."""

from pathlib import Path
from typing import Any, cast

import pytest

from assistant.settings import Settings
from assistant.tools import forecast_category, forecasting
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.forecast_category import (
    NO_CATEGORY_INTERVAL,
    NO_ORDER_LINES,
    categories_part,
    categories_sentence,
)
from commerce.errors import NotFound
from commerce.workspace import Workspace
from predictors.forecast import Forecast, forecast_demand
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone, pet_shop
from tests.tools.conftest import MakeContext, context


@pytest.fixture
def pet_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StoreData:
    """The pet shop (every itemised order a $60 bag and nine $1 bars; the last 5 of 20 customers'
    orders without items), forecast 4 weeks ahead as one $69 order per customer."""
    history = pet_shop(tmp_path, customers=20, bare=5)
    predictor = cast(Predictor, SameForEveryone())
    forecast = forecast_demand(predictor, history, history.last_day, 4.0, 0.2)

    def cached(data: StoreData, days: int, segment: str | None = None) -> Forecast:
        return forecast

    monkeypatch.setattr(forecasting, "cached_forecast", cached)
    home = tmp_path / "home"
    return StoreData(Workspace(home), Settings(home=home))


def test_a_category_is_its_row_of_the_split(pet_data: StoreData) -> None:
    out = run_tool(
        context(pet_data, "operator"),
        "forecast_demand",
        {"category": "pet food", "horizon_days": 28},
    )
    split = run_tool(
        context(pet_data, "operator"), "forecast_demand", {"by": "category", "horizon_days": 28}
    )
    row = next(r for r in split.result["by_category"] if r["category"] == "Pet food")
    # 15 customers with items each order one $69 basket holding a $60 bag: 15 orders, $900.
    assert (out.result["category_orders"], out.result["category_revenue"]) == (15.0, 900.0)
    assert (row["orders"], row["revenue"]) == (15.0, 900.0)
    assert out.result["category"] == "Pet food" and out.result["category_bought"]
    assert out.result["revenue"] == split.result["revenue"] == 1380.0
    assert out.answer.startswith(
        "Next 28 days after 2024-06-18, Pet food from existing customers: 15 orders holding it "
        f"and revenue $900.00. {NO_CATEGORY_INTERVAL} In all: 20 orders (90% interval "
    )


def test_a_misspelt_category_is_read_and_said(pet_data: StoreData) -> None:
    out = run_tool(
        context(pet_data, "operator"), "forecast_demand", {"category": "snaks", "horizon_days": 28}
    )
    assert out.result["category"] == "Snacks" and out.result["category_revenue"] == 135.0
    assert out.answer.startswith("(Read 'snaks' as Snacks.) Next 28 days after 2024-06-18, ")


def test_an_unknown_category_is_refused_with_the_known_ones(pet_data: StoreData) -> None:
    with pytest.raises(NotFound, match=r"no category 'coffee'; known: Pet food, Snacks$"):
        run_tool(context(pet_data, "operator"), "forecast_demand", {"category": "coffee"})


def test_a_store_without_order_lines_has_no_category_to_forecast(
    pet_data: StoreData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forecast_category, "cached_sales", lambda data: None)
    with pytest.raises(NotFound) as refused:
        run_tool(context(pet_data, "operator"), "forecast_demand", {"category": "snacks"})
    assert str(refused.value) == NO_ORDER_LINES


def test_a_category_no_customer_bought_expects_nothing(pet_data: StoreData) -> None:
    forecast = forecasting.cached_forecast(pet_data, 28)
    part = forecast_category.category_part(forecast, "Catnip")
    assert (part["category_orders"], part["category_revenue"], part["category_bought"]) == (
        0.0,
        0.0,
        False,
    )
    said = forecast_category.category_sentence(part, "existing customers", "$")
    assert said.startswith("Catnip from existing customers: none expected, as none of them has")


def test_with_a_segment_it_is_the_members_part(
    make_ctx: MakeContext, shared_data: StoreData
) -> None:
    segments = shared_data.segments()
    name = max(
        (n for n in segments.names if not n.startswith("cluster")),
        key=lambda n: len(segments.members(n)),
    )
    members = segments.members(name)
    out = run_tool(make_ctx("operator"), "forecast_demand", {"segment": name, "category": "tea"})
    history = shared_data.history()
    expected = forecast_demand(
        shared_data.model().predictor, history, history.last_day, 30 / 7, customers=members
    )
    assert expected.by_category is not None
    rows = expected.by_category
    tea = rows[rows["category"] == "Tea"]
    assert out.result["category_orders"] == round(float(tea["orders"].iloc[0]), 2)
    assert out.result["category_revenue"] == round(float(tea["revenue"].iloc[0]), 2)
    assert out.result["segment"] == name and out.result["category"] == "Tea"
    assert f"Tea from the {len(members):,} customers in '{name}': " in out.answer


def ask(data: StoreData, category: str) -> tuple[str, dict[str, Any]]:
    out = run_tool(
        context(data, "operator"), "forecast_demand", {"category": category, "horizon_days": 28}
    )
    return out.answer, out.result


def test_two_categories_are_answered_side_by_side(pet_data: StoreData) -> None:
    answer, result = ask(pet_data, "snacks, Pet food")
    # 15 itemised orders, each a $60 bag and $9 of bars: both in every order, the bag the money.
    assert result["categories"] == [
        {"category": "Snacks", "orders": 15.0, "revenue": 135.0, "bought": True},
        {"category": "Pet food", "orders": 15.0, "revenue": 900.0, "bought": True},
    ]
    assert (result["most_revenue"], result["most_orders"]) == ("Pet food", None)
    assert "category" not in result and result["revenue"] == 1380.0
    assert answer.startswith(
        "Next 28 days after 2024-06-18, from existing customers: Snacks 15 orders holding it and "
        "revenue $135.00; Pet food 15 orders holding it and revenue $900.00. Pet food is "
        "expected to sell more by revenue ($900.00 against $135.00 for Snacks); Snacks and Pet "
        f"food are level by orders (15 each). {NO_CATEGORY_INTERVAL} In all: 20 orders "
    )


def test_a_misspelt_one_of_several_is_read_and_said(pet_data: StoreData) -> None:
    answer, result = ask(pet_data, "pet food,snaks")
    assert [row["category"] for row in result["categories"]] == ["Pet food", "Snacks"]
    assert answer.startswith("(Read 'snaks' as Snacks.) Next 28 days after 2024-06-18, ")


def test_an_unknown_one_of_several_is_refused_by_its_name(pet_data: StoreData) -> None:
    with pytest.raises(NotFound, match=r"no category 'coffee'; known: Pet food, Snacks$"):
        ask(pet_data, "Snacks, coffee")


def test_one_category_named_twice_is_one_category(pet_data: StoreData) -> None:
    _, result = ask(pet_data, "Snacks, snack")
    assert result["category"] == "Snacks" and "categories" not in result


def test_one_category_keeps_its_fields(pet_data: StoreData) -> None:
    _, result = ask(pet_data, "snacks")
    part = {k: v for k, v in result.items() if k.startswith("category")}
    assert part == {
        "category": "Snacks",
        "category_orders": 15.0,
        "category_revenue": 135.0,
        "category_bought": True,
        "category_interval_note": NO_CATEGORY_INTERVAL,
    }
    assert "categories" not in result and "most_revenue" not in result


def test_the_most_of_three_is_said_once_where_it_leads_both() -> None:
    rows = [
        {"category": "Tea", "orders": 120.4, "revenue": 4000.0, "bought": True},
        {"category": "Coffee", "orders": 310.0, "revenue": 12840.0, "bought": True},
        {"category": "Catnip", "orders": 0.0, "revenue": 0.0, "bought": False},
    ]
    said = categories_sentence({"categories": rows}, "existing customers", "$")
    assert said == (
        "from existing customers: Tea 120 orders holding it and revenue $4,000.00; Coffee 310 "
        "orders holding it and revenue $12,840.00; Catnip none expected, as none of them has "
        "bought it so far. Coffee is expected to sell the most by revenue ($12,840.00 against "
        "$4,000.00 for Tea) and by orders (310 against 120 for Tea). "
        f"{NO_CATEGORY_INTERVAL} The forecast shares each customer's demand by what they bought."
    )


def test_a_category_none_bought_is_level_with_another_none_bought(pet_data: StoreData) -> None:
    forecast = forecasting.cached_forecast(pet_data, 28)
    part = categories_part(forecast, ["Catnip", "Bones"])
    assert (part["most_revenue"], part["most_orders"]) == (None, None)
    said = categories_sentence(part, "existing customers", "$")
    assert "Catnip and Bones are level by revenue ($0.00 each); Catnip and Bones are level by " in (
        said
    )
