"""top_products over a period by the calendar: from a day (a date, a month and day placed
before the store's last order day, or the start of its month, quarter or year) or one month;
and what it refuses."""

from pathlib import Path

import pandas as pd
import pytest

from assistant.tools.base import ToolContext
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def _ctx(data: StoreData) -> ToolContext:
    return context(data, "operator")


@pytest.mark.parametrize(
    ("since", "first", "days"),
    [
        ("2024-03-22", "2024-03-22", 10),
        ("03-22", "2024-03-22", 10),  # the store's last order day is 2024-03-31
        ("3-22", "2024-03-22", 10),
        ("01-01", "2024-01-01", 91),  # "since January"
        ("04-01", "2023-04-01", 366),  # still to come in 2024: last year's
        ("02-29", "2024-02-29", 32),
        ("week_start", "2024-03-25", 7),  # 2024-03-31 is a Sunday: its week's Monday
        ("month_start", "2024-03-01", 31),
        ("quarter_start", "2024-01-01", 91),
        ("year_start", "2024-01-01", 91),
    ],
)
def test_the_period_runs_from_the_day_named(
    shop: StoreData, since: str, first: str, days: int
) -> None:
    result = top_products(_ctx(shop), since=since).result
    assert (result["from"], result["to"], result["days"], result["since"]) == (
        first, "2024-03-31", days, since,
    )  # fmt: skip


def test_the_same_numbers_as_the_same_days_and_the_answer_says_from_when(shop: StoreData) -> None:
    since = top_products(_ctx(shop), since="03-22")
    days = top_products(_ctx(shop), days=10)
    assert since.result["rows"] == days.result["rows"]
    assert since.answer.startswith(
        "From 2024-03-22 to 2024-03-31 the store sold $68.00 (up 70% on the 10 days before) in 4 "
        "orders (average order value $17.00) to 2 customers; top products by revenue: "
    )
    assert since.answer.endswith("its revenue up 100% on the 10 days before.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            {"since": "2024-04-02"},
            "since 2024-04-02 is after the store's last order day, 2024-03-31",
        ),
        ({"since": "march"}, "since 'march' is not a day: give a date (YYYY-MM-DD), a month and"),
        ({"since": "2023-02-29"}, "since '2023-02-29' is no day of the calendar"),
        ({"since": "13-01"}, "since '13-01' is no day of the calendar"),
        ({"since": "1990-01-01"}, "since '1990-01-01' spans 12,509 days; at most 3,650"),
        (
            {"days": 30, "since": "01-01"},
            "give one of days, since, month, quarter or year, not days (30) and since",
        ),
        ({"until": "13"}, "until '13' is not a month"),
        ({"until": "2023-12"}, "until 2023-12-31 is before the store's first order day, 2024"),
        ({"until": "12"}, "until 2023-12-31 is before the store's first order day, 2024-01-01"),
        ({"year": "last year"}, "year 'last year' is not a year: give YYYY or last"),
        ({"year": "0000"}, "year '0000' is out of range: give a year from 1900 to 2200"),
        ({"month": "2024-04"}, "month 2024-04 begins after the store's last order day, 2024-03-31"),
        ({"month": "13"}, "month '13' is not a month: give YYYY-MM, MM (03 is March) or last"),
    ],
)
def test_what_is_refused_is_named(make_ctx: MakeContext, tmp_path: Path, args: dict[str, object],
                                  message: str) -> None:  # fmt: skip
    data = store_of(tmp_path / "shop", ("order_items", "products"))
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        top_products(_ctx(data), **args)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"argument 'since': .*at most 20"):
        run_tool(make_ctx("operator"), "top_products", {"since": "x" * 21})


@pytest.mark.parametrize(
    ("until", "to"),
    [("02", "2024-02-29"), ("03-05", "2024-03-05"), ("03", "2024-03-31"), ("01-31", "2024-01-31")],
)
def test_an_end_without_a_year_alone_is_the_latest_such(
    shop: StoreData, until: str, to: str
) -> None:
    # "sales before March" (until "02"): the data's history to the latest February's end.
    result = top_products(_ctx(shop), until=until).result
    expected = (pd.Timestamp(to) - pd.Timestamp(result["from"])).days + 1
    assert (result["to"], result["days"]) == (to, expected)
    assert result["from"] == top_products(_ctx(shop), until="2024-03-31").result["from"]


def test_a_month_is_its_own_days_and_the_same_number_before(shop: StoreData) -> None:
    march = top_products(_ctx(shop), month="03")
    result = march.result
    assert (result["from"], result["to"], result["days"], result["before_from"]) == (
        "2024-03-01", "2024-03-31", 31, "2024-01-30",
    )  # fmt: skip
    assert [(r["product_id"], r["revenue"]) for r in result["rows"]] == [
        ("P2", 60.0), ("P1", 35.0), ("P3", 6.0),
    ]  # fmt: skip
    assert result["period_revenue"] == 101.0  # o6 (January) and o7 (no lines) are not in it
    # Every March order, o7 without lines too: $30 + $11 + $20 + $20 + $20 + $7.
    # Nothing sold from 2024-01-30 to 02-29: no change to give, for the store or a product.
    assert march.answer.startswith(
        "From 2024-03-01 to 2024-03-31 the store sold $108.00 (nothing sold in the 31 days "
        "before) in 6 orders (average order value $18.00) to 3 customers; top products by "
        "revenue: "
    )
    assert march.answer.endswith("; it sold none in the 31 days before.")
    february = top_products(_ctx(shop), month="2024-02")
    assert (february.result["to"], february.result["days"], february.result["rows"]) == (
        "2024-02-29", 29, [],
    )  # fmt: skip
    assert february.answer == "Nothing sold from 2024-02-01 to 2024-02-29."
    april = top_products(_ctx(shop), month="04").result  # the latest April begun: 2023's
    assert (april["from"], april["to"], april["before_from"]) == ("2023-04-01", "2023-04-30", None)


def test_the_hint_after_an_empty_month_counts_back_from_the_last_order_day(
    shop: StoreData,
) -> None:
    # Tea (P2) last sold on 2024-03-30: "the last 2 days" reach it from 2024-03-31, whatever
    # month was asked about.
    out = top_products(_ctx(shop), month="2024-02", category="Tea")
    assert out.answer == (
        "Nothing sold from 2024-02-01 to 2024-02-29 in Tea. The last Tea purchase was on "
        "2024-03-30: ask for the last 2 days or more."
    )


def test_a_quarter_and_a_span_between_two_days_are_periods_from_a_day(shop: StoreData) -> None:
    quarter = top_products(_ctx(shop), quarter="Q1")
    assert (quarter.result["from"], quarter.result["to"], quarter.result["quarter"]) == (
        "2024-01-01", "2024-03-31", "Q1",
    )  # fmt: skip
    assert quarter.answer.startswith(
        "From 2024-01-01 to 2024-03-31 the store sold $110.00 in 7 orders "
        "(average order value $15.71) "
        "to 4 customers; top "
        "products by revenue: "
    )
    span = top_products(_ctx(shop), since="03-22", until="03-30")
    assert (span.result["from"], span.result["to"], span.result["days"]) == (
        "2024-03-22", "2024-03-30", 9,
    )  # fmt: skip
    # o2 (2024-03-31) is after the span: P3 sold only then.
    assert [row["product_id"] for row in span.result["rows"]] == ["P2", "P1"]
    last_year = top_products(_ctx(shop), year="last")  # the store opened on 2024-01-01
    assert last_year.answer == (  # before the store's orders: where they are is said
        "Nothing sold from 2023-01-01 to 2023-12-31. The store's orders run from 2024-01-01 to "
        "2024-03-31."
    )


def test_until_alone_with_its_year_is_the_history_to_that_day(shop: StoreData) -> None:
    before = top_products(_ctx(shop), until="2024-03-21").result  # "before 3/22/24"
    assert (before["from"], before["to"], before["until"]) == (
        before["orders_from"], "2024-03-21", "2024-03-21",
    )  # fmt: skip
    month = top_products(_ctx(shop), until="2024-02").result  # "before March 2024"
    assert month["to"] == "2024-02-29"
