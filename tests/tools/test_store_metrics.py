"""store_metrics' figures against the shared workspace's orders read back with pandas, a small
store worked out by hand (sales_shop.py) for the answer's words and its new and returning
customers, how many of one year's customers ordered in the next, the arguments it refuses,
and who may call it."""

import statistics

import pandas as pd
import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.store_metrics import store_metrics
from commerce.errors import Forbidden, InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import LINES, store_of


def _expected(orders: pd.DataFrame, start: str, end: str, top_pct: int) -> dict[str, object]:
    """The figures of the orders from `start` to `end`, by another route than the tool's:
    per-customer sums with pivot_table, repeat buyers by their distinct order days, new
    customers by the day of each one's earliest order in `orders`."""
    days = orders["ts"].dt.normalize()
    chosen = orders[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))].assign(
        day=days, customer_id=orders["customer_id"].astype(str)
    )
    spent = chosen.pivot_table(index="customer_id", values="amount", aggfunc="sum")["amount"]
    order_days = chosen.drop_duplicates(["customer_id", "day"])["customer_id"].value_counts()
    customers, revenue = len(spent), float(chosen["amount"].sum())
    top = -(-customers * top_pct // 100)  # rounded up
    top_revenue = float(spent.sort_values(ascending=False).iloc[:top].sum())
    earliest = orders.sort_values("ts").drop_duplicates("customer_id")
    first = earliest.set_index(earliest["customer_id"].astype(str))["ts"].dt.normalize()
    new = int((first[spent.index] >= pd.Timestamp(start)).sum())
    visits = chosen.drop_duplicates(["customer_id", "day"]).sort_values("day")
    waits = [
        gap.days
        for _, visited in visits.groupby("customer_id")["day"]
        for gap in visited.diff().dropna()
    ]
    # Each new customer's second distinct order day, from all the orders, by sorted sets.
    every = orders.assign(day=days, customer_id=orders["customer_id"].astype(str))
    newcomers = [c for c in spent.index if first[c] >= pd.Timestamp(start)]
    seconds = []
    for customer in newcomers:
        their_days = sorted(set(every.loc[every["customer_id"] == customer, "day"]))
        if len(their_days) > 1:
            seconds.append((their_days[1] - their_days[0]).days)
    return {
        "customers": customers,
        "orders": len(chosen),
        "revenue": round(revenue, 2),
        "orders_per_customer": round(len(chosen) / customers, 2),
        "revenue_per_customer": round(revenue / customers, 2),
        "average_order_value": round(revenue / len(chosen), 2),
        "repeat_customers": int((order_days >= 2).sum()),
        "repeat_rate": round(int((order_days >= 2).sum()) / customers, 4),
        "new_customers": new,
        "returning_customers": customers - new,
        "new_share": round(new / customers, 4),
        "top_pct": top_pct,
        "top_customers": top,
        "top_revenue": round(top_revenue, 2),
        "top_share": round(top_revenue / revenue, 4),
        "returns": len(waits),
        "median_days_between_orders": round(float(statistics.median(waits)), 1) if waits else None,
        "average_days_between_orders": round(statistics.mean(waits), 1) if waits else None,
        "second_orders": len(seconds),
        "second_order_rate": round(len(seconds) / new, 4) if new else None,
        "median_days_to_second_order": (
            round(float(statistics.median(seconds)), 1) if seconds else None
        ),
        "average_days_to_second_order": round(statistics.mean(seconds), 1) if seconds else None,
    }


@pytest.mark.parametrize(
    ("period", "top_pct"),
    [({}, 10), ({"year": "2023"}, 10), ({"quarter": "2024-Q2"}, 25), ({"month": "2024-03"}, 5)],
)
def test_the_figures_are_the_orders_counted_by_pandas(
    make_ctx: MakeContext, tools_orders: pd.DataFrame, period: dict[str, str], top_pct: int
) -> None:
    out = store_metrics(make_ctx("operator"), top_pct=top_pct, **period)  # type: ignore[arg-type]
    result = out.result
    expected = _expected(tools_orders, result["from"], result["to"], top_pct)
    assert expected["customers"] and result["figures"] == expected
    if not period:  # the whole history, said as such
        first, last = tools_orders["ts"].min(), tools_orders["ts"].max()
        assert (result["from"], result["to"]) == (f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}")
        assert "(all the store's orders)" in out.answer


def test_a_segments_figures_are_its_members_orders(
    make_ctx: MakeContext, shared_data: StoreData, tools_orders: pd.DataFrame
) -> None:
    segments = shared_data.segments()
    name = max(segments.names, key=lambda n: len(segments.member_set(n)))
    members = segments.member_set(name)
    out = store_metrics(make_ctx("marketer"), year="2024", segment=name)
    theirs = tools_orders[tools_orders["customer_id"].astype(str).isin(members)]
    assert out.result["figures"] == _expected(theirs, "2024-01-01", out.result["to"], 10)
    assert out.result["segment_size"] == len(members)
    assert f"among the {len(members):,} customers now in '{name}'" in out.answer


def test_customers_of_one_year_who_ordered_in_the_next(
    make_ctx: MakeContext, tools_orders: pd.DataFrame
) -> None:
    year = tools_orders["ts"].dt.year
    before = set(tools_orders.loc[year == 2023, "customer_id"].astype(str))
    after = set(tools_orders.loc[year == 2024, "customer_id"].astype(str))
    both = len(before & after)
    assert 0 < both < len(before)
    # Either way round: the earlier year's customers are the ones counted.
    for asked, other in (("2024", "2023"), ("2023", "2024")):
        out = store_metrics(make_ctx("operator"), year=asked, compare_to=other, figure="retention")
        again = out.result["retention"]
        assert again["earlier_from"] == "2023-01-01" and again["later_from"] == "2024-01-01"
        assert (again["earlier_customers"], again["later_customers"]) == (len(before), len(after))
        assert again["both"] == both
        assert again["retention_rate"] == round(both / len(before), 4)
        assert out.answer.startswith(
            f"Of the {len(before):,} customers who ordered from 2023-01-01 to 2023-12-31, "
            f"{both:,} ({both / len(before):.1%}) ordered again from 2024-01-01 to "
        )


def test_a_figure_compared_gives_the_other_period_its_figure_too(
    make_ctx: MakeContext, tools_orders: pd.DataFrame
) -> None:
    out = store_metrics(
        make_ctx("operator"), year="2024", compare_to="2023", figure="revenue_per_customer"
    )
    end = out.result["to"]  # the store's last order day
    mine = _expected(tools_orders, "2024-01-01", end, 10)["revenue_per_customer"]
    theirs = _expected(tools_orders, "2023-01-01", "2023-12-31", 10)["revenue_per_customer"]
    assert isinstance(mine, float) and isinstance(theirs, float)
    compared = out.result["compared"]
    assert (compared["from"], compared["to"]) == ("2023-01-01", "2023-12-31")
    assert compared["figures"]["revenue_per_customer"] == theirs
    change = (mine - theirs) / theirs
    assert (
        f"From 2023-01-01 to 2023-12-31: revenue per customer ${theirs:,.2f}, so 2024-01-01 to "
        f"{end}'s is {abs(change):.1%} {'higher' if change >= 0 else 'lower'}."
    ) in out.answer


def test_a_rate_compared_is_said_in_points(
    make_ctx: MakeContext, tools_orders: pd.DataFrame
) -> None:
    out = store_metrics(make_ctx("operator"), year="2024", compare_to="2023", figure="repeat_rate")
    mine = out.result["figures"]["repeat_rate"]
    theirs = out.result["compared"]["figures"]["repeat_rate"]
    points = abs(mine - theirs) * 100
    assert f"'s is {points:.1f} percentage points " in out.answer


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    """sales_shop's store, with a second order of c4's on the day of its first (one visit)."""
    same_day = ("o8", "c4", "2024-01-01", "P1", 1, 5.0)
    return store_of(tmp_path_factory.mktemp("figures"), ("order_items", "products"),
                    [*LINES, same_day])  # fmt: skip


def test_the_answer_opens_with_the_figure_asked(shop: StoreData) -> None:
    # c1 $50 on 03-25 and 03-30, c2 $18 on 03-28 and 03-31, c3 $40 on 03-15 and 03-20, c4 $7
    # in two orders on 01-01: 8 orders, $115; three of four ordered on two days.
    ctx = context(shop, "operator")
    out = store_metrics(ctx, figure="repeat_rate")
    assert out.answer == (
        "Repeat-purchase rate 75.0% from 2024-01-01 to 2024-03-31 (all the store's orders): 3 "
        "of 4 customers ordered on two or more days. 4 customers placed 8 orders worth $115.00; "
        "revenue per customer $28.75; orders per customer 2.00; average order value $14.38; the "
        "top 10% of customers by spend brought 43.5% of revenue."
    )
    top = store_metrics(ctx, figure="top_share", top_pct=50)
    assert top.answer.startswith(
        "The top 50% of customers by spend brought 78.3% of revenue from 2024-01-01 to "
        "2024-03-31 (all the store's orders): 2 customers, $90.00 of $115.00. "
    )
    per_customer = store_metrics(ctx, figure="revenue_per_customer", month="2024-03")
    assert per_customer.answer.startswith(
        "Revenue per customer $36.00 from 2024-03-01 to 2024-03-31. 3 customers placed 6 orders "
        "worth $108.00; orders per customer 2.00; average order value $18.00; repeat-purchase "
        "rate 100.0%; "
    )
    overview = store_metrics(ctx, month="2024-03")
    assert overview.answer.startswith(
        "From 2024-03-01 to 2024-03-31, 3 customers placed 6 orders worth $108.00. Revenue per "
        "customer $36.00; "
    )


def test_the_days_between_orders_are_each_return(shop: StoreData) -> None:
    # c1 came back after 5 days, c2 after 3, c3 after 5; c4's two orders of one day are one
    # visit, no return.
    ctx = context(shop, "operator")
    out = store_metrics(ctx, figure="days_between_orders")
    figures = out.result["figures"]
    assert (figures["returns"], figures["median_days_between_orders"]) == (3, 5.0)
    assert figures["average_days_between_orders"] == 4.3
    assert out.answer.startswith(
        "Median time between a customer's orders: 5.0 days (average 4.3, over 3 returns by 3 "
        "repeat customers) from 2024-01-01 to 2024-03-31 (all the store's orders). 4 customers "
        "placed 8 orders worth $115.00; "
    )
    # both orders of a return in the period: from 03-22 on, c3's (03-15, 03-20) are not
    late = store_metrics(ctx, figure="days_between_orders", since="2024-03-22")
    assert late.result["figures"]["returns"] == 2
    assert late.result["figures"]["median_days_between_orders"] == 4.0
    january = store_metrics(ctx, figure="days_between_orders", month="2024-01")
    assert january.answer.startswith("No customer ordered on two days from 2024-01-01 to ")


def test_the_days_to_a_second_order_are_the_new_customers(shop: StoreData) -> None:
    # First orders: c3 03-15 (second 03-20: 5 days), c1 03-25 (03-30: 5), c2 03-28 (03-31:
    # 3); c4 01-01, both orders that day, never came back.
    ctx = context(shop, "operator")
    out = store_metrics(ctx, figure="days_to_second_order")
    figures = out.result["figures"]
    assert (figures["second_orders"], figures["second_order_rate"]) == (3, 0.75)
    assert figures["median_days_to_second_order"] == 5.0
    assert figures["average_days_to_second_order"] == 4.3
    assert out.answer.startswith(
        "Of the 4 customers whose first order fell from 2024-01-01 to 2024-03-31 (all the "
        "store's orders), 3 (75.0%) ordered again by 2024-03-31; median time to that second "
        "order: 5.0 days (average 4.3). A first order late in the period has had less time to "
        "be followed. 4 customers placed 8 orders worth $115.00; "
    )
    # from 03-22 on only c1 and c2 were new; January's c4 never came back; none new in 2024-02
    late = store_metrics(ctx, figure="days_to_second_order", since="2024-03-22")
    assert late.result["figures"]["median_days_to_second_order"] == 4.0
    january = store_metrics(ctx, figure="days_to_second_order", month="2024-01")
    assert january.answer.startswith(
        "Of the 1 customer whose first order fell from 2024-01-01 to 2024-01-31, none ordered "
        "again by 2024-03-31."
    )


def test_a_period_without_orders_says_where_they_are(shop: StoreData) -> None:
    out = store_metrics(context(shop, "operator"), year="2020")
    assert out.answer == (
        "No orders from 2020-01-01 to 2020-12-31. The store's orders run from 2024-01-01 to "
        "2024-03-31."
    )
    assert out.result["figures"]["revenue_per_customer"] is None


def test_wrong_arguments_are_refused_with_what_to_give(shop: StoreData) -> None:
    ctx = context(shop, "operator")
    with pytest.raises(InvalidInput, match=r"figure 'retention' needs compare_to"):
        run_tool(ctx, "store_metrics", {"figure": "retention"})
    with pytest.raises(InvalidInput, match=r"compare_to \('2024-03'.*overlaps the period asked"):
        run_tool(ctx, "store_metrics", {"year": "2024", "compare_to": "2024-03"})
    with pytest.raises(InvalidInput, match=r"top_pct"):
        run_tool(ctx, "store_metrics", {"top_pct": 100})


def test_support_may_not_see_store_wide_figures(shop: StoreData) -> None:
    with pytest.raises(Forbidden, match="the support role may not use store_metrics"):
        run_tool(context(shop, "support"), "store_metrics", {})
    assert run_tool(context(shop, "marketer"), "store_metrics", {}).result["figures"]["orders"] == 8


def test_new_customers_first_ordered_in_the_period(shop: StoreData) -> None:
    # From 03-26: c1 (first order 03-25) returns on 03-30; c2 first orders on 03-28.
    ctx = context(shop, "operator")
    out = store_metrics(ctx, since="2024-03-26", figure="new_customers")
    f = out.result["figures"]
    assert (f["customers"], f["new_customers"], f["returning_customers"]) == (2, 1, 1)
    assert f["new_share"] == 0.5
    assert out.answer.startswith(
        "From 2024-03-26 to 2024-03-31, 1 of the 2 customers who ordered (50.0%) were new (first "
        "order in the period); 1 was returning (first order before it). 2 customers placed 3 "
        "orders worth $48.00; revenue per customer $24.00; "
    )
    # The quarter: c4 (01-01) and the three March customers all first ordered in it.
    quarter = store_metrics(ctx, quarter="2024-Q1", figure="new_customers").result["figures"]
    assert (quarter["new_customers"], quarter["returning_customers"]) == (4, 0)


def test_a_period_with_nobody_new_says_so(shop: StoreData) -> None:
    # From 03-29: c1 and c2 order again, both first ordered before it.
    out = store_metrics(context(shop, "operator"), since="2024-03-29", figure="new_customers")
    f = out.result["figures"]
    assert (f["new_customers"], f["returning_customers"], f["new_share"]) == (0, 2, 0.0)
    assert out.answer.startswith(
        "From 2024-03-29 to 2024-03-31, 0 of the 2 customers who ordered (0.0%) were new (first "
        "order in the period); 2 were returning (first order before it). "
    )


def test_a_segments_new_customers_are_its_members_first_ordering_then(
    make_ctx: MakeContext, shared_data: StoreData, tools_orders: pd.DataFrame
) -> None:
    segments = shared_data.segments()
    name = max(segments.names, key=lambda n: len(segments.member_set(n)))
    members = segments.member_set(name)
    ids = tools_orders["customer_id"].astype(str)
    first = tools_orders.assign(customer_id=ids).groupby("customer_id")["ts"].min()
    start, end = pd.Timestamp("2023-04-01"), pd.Timestamp("2023-06-30")
    in_quarter = set(ids[tools_orders["ts"].dt.normalize().between(start, end)])
    theirs = in_quarter & members
    new = sum(first[c] >= start for c in theirs)
    everyone = sum(first[c] >= start for c in in_quarter)
    assert 0 < new < len(theirs) and new < everyone  # members only, and a mix of both
    ctx = make_ctx("marketer")
    out = store_metrics(ctx, quarter="2023-Q2", segment=name, figure="new_customers")
    f = out.result["figures"]
    assert (f["new_customers"], f["returning_customers"]) == (new, len(theirs) - new)
    assert out.answer.startswith(
        f"From 2023-04-01 to 2023-06-30 among the {len(members):,} customers now in '{name}', "
        f"{new:,} of the {len(theirs):,} customers who ordered ({new / len(theirs):.1%}) were new "
    )
