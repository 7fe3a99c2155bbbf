"""top_products' opening totals (what the store sold in the period: revenue, orders,
customers) and their change on the days just before, against the store's orders.parquet read
with pandas, and the store's span said for a period with no orders."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.format import count, money, pct
from assistant.tools.products import top_products
from tests.tools.conftest import MakeContext


@pytest.fixture(scope="module")
def orders(tools_home: Path) -> pd.DataFrame:
    """The workspace's orders as written (the store link, as the tools follow it)."""
    return pd.read_parquet(tools_home / "store" / "orders.parquet")


def _expected(orders: pd.DataFrame, start: str, end: str) -> dict[str, float | int]:
    days = orders["ts"].dt.normalize()
    chosen = orders[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))]
    return {
        "revenue": round(float(chosen["amount"].sum()), 2),
        "orders": len(chosen),
        "customers": chosen["customer_id"].nunique(),
    }


@pytest.mark.parametrize(
    "period",
    [{"year": "2023"}, {"year": "2024"}, {"quarter": "2024-Q2"}, {"month": "2024-11"}, {}],
)
def test_the_totals_are_the_orders_amounts_counted_by_pandas(
    make_ctx: MakeContext, orders: pd.DataFrame, period: dict[str, str]
) -> None:
    out = top_products(make_ctx("operator"), **period)  # type: ignore[arg-type]
    result = out.result
    expected = _expected(orders, result["from"], result["to"])
    assert expected["orders"] > 0  # the period holds orders: the totals are no empty ones
    assert result["totals"] == expected
    opening = (
        f"the store sold {money(float(expected['revenue']))}{_change(orders, result)} in "
        f"{count(int(expected['orders']), 'order')} (average order value "
        f"{money(float(expected['revenue']) / int(expected['orders']))}) to "
        f"{count(int(expected['customers']), 'customer')}; top products by revenue: "
    )
    assert opening in out.answer
    if period:
        assert out.answer.startswith(f"From {result['from']} to {result['to']} {opening}")


def test_a_segments_totals_are_its_members_orders(
    make_ctx: MakeContext, shared_data: StoreData, orders: pd.DataFrame
) -> None:
    segments = shared_data.segments()
    name = max(segments.names, key=lambda n: len(segments.member_set(n)))
    members = segments.member_set(name)
    out = top_products(make_ctx("operator"), year="2024", segment=name)
    theirs = orders[orders["customer_id"].astype(str).isin(members)]
    expected = _expected(theirs, "2024-01-01", out.result["to"])  # cut at the last order day
    assert out.result["totals"] == expected
    assert out.answer.startswith(
        f"From 2024-01-01 to {out.result['to']} the {count(len(members), 'customer')} in '{name}' "
        f"bought {money(float(expected['revenue']))}{_change(theirs, out.result)} in "
        f"{count(int(expected['orders']), 'order')}"
        f" (average order value {money(float(expected['revenue']) / int(expected['orders']))})"
        f" ({expected['customers']:,} of them ordered); top products by revenue: "
    )


def _change(orders: pd.DataFrame, result: dict[str, Any]) -> str:
    """The opening total's change on as many days just before, as the answer says it: the
    store's (or the segment's) whole revenue, not its first product's."""
    if result["before_from"] is None:
        assert result["previous"] is None
        return ""
    end = pd.Timestamp(result["from"]) - pd.Timedelta(days=1)
    then = _expected(orders, result["before_from"], f"{end:%Y-%m-%d}")
    change = round(float(result["totals"]["revenue"]) / float(then["revenue"]) - 1, 4)
    assert result["previous"]["totals"] == then
    assert result["previous"]["change"]["revenue"] == change and abs(change) >= 0.01
    moved = "up" if change > 0 else "down"
    return f" ({moved} {pct(abs(change))} on the {count(result['days'], 'day')} before)"


def test_a_period_before_the_orders_says_where_they_are(
    make_ctx: MakeContext, orders: pd.DataFrame
) -> None:
    out = top_products(make_ctx("operator"), year="1950")
    first, last = (f"{orders['ts'].min():%Y-%m-%d}", f"{orders['ts'].max():%Y-%m-%d}")
    assert out.answer == (
        f"Nothing sold from 1950-01-01 to 1950-12-31. The store's orders run from {first} to "
        f"{last}."
    )
    assert out.result["totals"] == {"revenue": 0.0, "orders": 0, "customers": 0}
    assert (out.result["orders_from"], out.result["orders_to"]) == (first, last)
