"""A profile asked about one part (`about`) opens with it: "their orders?", "whats their
email", "why is their risk high" each got the whole profile, the part somewhere in it (the
reasons at its tail, R21). The rest follows as before, less the sentence the opening said; the
card is the same."""

import pandas as pd
import pytest

from assistant.roles import CONTACTS_REFUSAL
from assistant.tools import customers
from assistant.tools.catalogue import run_tool
from assistant.tools.customers import customer_profile
from assistant.tools.format import chance
from assistant.tools.profile_answer import most_bought
from commerce.errors import InvalidInput
from predictors.pipeline import latest_scores
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import LINES, store_of
from tests.tools.store import LEAKY_REVIEW, PRODUCTS, REVIEWER

CUSTOMER = "00042"


def _orders_of(ctx_orders: pd.DataFrame, cid: str) -> pd.DataFrame:
    mine = ctx_orders[ctx_orders["customer_id"].astype(str) == cid]
    return mine.sort_values("ts", kind="stable")


def test_without_about_the_profile_is_as_it_was(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    whole = customer_profile(ctx, CUSTOMER)
    assert customer_profile(ctx, CUSTOMER, about=None).answer == whole.answer
    # Who first, then what is on file, the orders, what they bought, the reasons last.
    said = [whole.answer.index(s) for s in ("Customer 00042 (", "E-mail on file", " totalling ",
                                            "products:", "Top reasons: ")]  # fmt: skip
    assert said == sorted(said)


def test_orders_open_with_the_count_total_and_the_first_and_last(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    mine = _orders_of(ctx.data.store().table("orders"), CUSTOMER)
    first, last = mine.iloc[0], mine.iloc[-1]
    out = customer_profile(ctx, CUSTOMER, about="orders")
    assert out.answer.startswith(
        f"Customer 00042 placed {len(mine)} orders totalling ${mine['amount'].sum():,.2f}: "
        f"the first on {first['ts']:%Y-%m-%d} for ${first['amount']:,.2f}, the last on "
        f"{last['ts']:%Y-%m-%d} for ${last['amount']:,.2f}. Customer 00042 ("
    )
    assert out.answer.count(" totalling ") == 1  # the profile's orders sentence is not said again
    assert out.cards == customer_profile(ctx, CUSTOMER).cards


def test_the_first_order_is_found_past_the_timeline(
    make_ctx: MakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx("support")
    first = _orders_of(ctx.data.store().table("orders"), CUSTOMER).iloc[0]
    monkeypatch.setattr(customers, "MAX_ORDERS", 1)  # the timeline holds the last order alone
    out = customer_profile(ctx, CUSTOMER, about="orders")
    assert f"the first on {first['ts']:%Y-%m-%d} for ${first['amount']:,.2f}," in out.answer


def test_contact_opens_with_what_is_on_file(make_ctx: MakeContext) -> None:
    out = customer_profile(make_ctx("support"), CUSTOMER, about="contact")
    assert out.answer.startswith(
        "E-mail on file: person.00042@example.com; no phone on file. Customer 00042 ("
    )
    assert out.answer.count("E-mail on file") == 1


def test_a_marketer_asking_for_contact_is_told_what_is_withheld(make_ctx: MakeContext) -> None:
    out = customer_profile(make_ctx("marketer"), CUSTOMER, about="contact")
    assert out.answer.startswith(CONTACTS_REFUSAL + " Customer 00042: churn risk ")
    assert "@example.com" not in out.answer and "on file" not in out.answer


def test_risk_opens_with_the_churn_risk_and_its_reasons(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    scores = latest_scores(ctx.data.workspace)
    assert scores is not None
    risk = float(scores.loc[scores["customer_id"] == CUSTOMER, "churn_risk"].to_numpy()[0])
    out = customer_profile(ctx, CUSTOMER, about="risk")
    reasons = out.result["scores"]["reasons"]
    assert reasons
    assert out.answer.startswith(
        f"Customer 00042's churn risk is {chance(risk)} (the chance of no order in the next "
        f"90 days); top reasons: {'; '.join(reasons[:3])}. "
        "Customer 00042 ("
    )
    assert "Top reasons:" not in out.answer
    assert out.answer.count(chance(risk)) == 1  # the next sentence has the value, not the risk
    assert "): predicted value $" in out.answer


def test_value_opens_with_the_predicted_value_and_its_interval(make_ctx: MakeContext) -> None:
    out = customer_profile(make_ctx("operator"), CUSTOMER, about="value")
    score = out.result["scores"]
    assert out.answer.startswith(
        f"Customer 00042's predicted value (CLV) is ${score['clv']:,.2f} over the next 365 days ("
    )  # R31: "what will he spend next month?" read a year's value as the month's
    interval = out.answer.split("(", 2)[2].split(")")[0]  # as the profile words it
    assert interval.startswith(("80% interval $", "an average: at least a 90% chance"))
    assert f"; value at risk ${score['value_at_risk']:,.2f}. Customer 00042 (" in out.answer
    assert out.answer.count(f"${score['clv']:,.2f}") == 1  # not said again after the opening
    assert "): churn risk " in out.answer


def test_reviews_open_with_the_count_and_the_latest_masked_for_a_marketer(
    make_ctx: MakeContext,
) -> None:
    support = customer_profile(make_ctx("support"), REVIEWER, about="reviews")
    latest = support.result["reviews"][0]
    assert latest["text"] == LEAKY_REVIEW
    written = support.result["reviews_total"]
    assert support.answer.startswith(
        f"Customer {REVIEWER} wrote {written} review{'s' if written != 1 else ''}; the latest, "
        f"on {latest['ts'][:10]} ({round(latest['rating'])} star"
    )
    assert '"Stale again. Write to me at grumpy.buyer@example.org' in support.answer
    marketer = customer_profile(make_ctx("marketer"), REVIEWER, about="reviews").answer
    assert "grumpy.buyer" not in marketer and "[email removed]" in marketer
    quiet = customer_profile(make_ctx(), "00299", about="reviews").answer
    assert quiet.startswith("Customer 00299 has written no reviews. Customer 00299")


def test_products_open_with_what_they_bought_most(make_ctx: MakeContext) -> None:
    out = customer_profile(make_ctx("support"), CUSTOMER, about="products")
    said = most_bought(out.result["products"], out.result["products_bought"])
    assert out.answer.startswith(said + " Customer 00042 (")
    assert out.answer.count(said) == 1


def test_an_unknown_part_is_refused_naming_the_parts(make_ctx: MakeContext) -> None:
    with pytest.raises(InvalidInput, match=r"orders.*contact.*risk.*value.*reviews.*products"):
        run_tool(make_ctx("support"), "customer_profile", {"customer_id": CUSTOMER,
                                                           "about": "shoe size"})  # fmt: skip


def test_the_days_said_are_the_models(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    trained = ctx.data.model().document["horizons"]
    out = customer_profile(ctx, CUSTOMER)
    assert out.result["horizons"] == {
        "churn_days": trained["churn_days"],
        "clv_days": trained["clv_days"],
    }
    assert f"({trained['churn_days']} days)" in out.answer
    assert f" over {trained['clv_days']} days (" in out.answer


def test_last_order_opens_with_what_it_held(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    last = _orders_of(ctx.data.store().table("orders"), CUSTOMER).iloc[-1]
    lines = ctx.data.store().table("order_items")
    line = lines[lines["order_id"].astype(str) == str(last["order_id"])].iloc[0]
    title, category = PRODUCTS[str(line["product_id"])]
    out = customer_profile(ctx, CUSTOMER, about="last_order")
    held = out.result["last_order"]
    assert (held["order_id"], held["ts"][:10]) == (str(last["order_id"]), f"{last['ts']:%Y-%m-%d}")
    assert out.answer.startswith(
        f"Customer 00042's last order, {last['order_id']} on {last['ts']:%Y-%m-%d} for "
        f"${last['amount']:,.2f}, held 1 line: {int(line['quantity'])} x {title} ({category}) "
        f"at ${line['price']:,.2f}. Customer 00042 ("
    )
    assert " totalling " not in out.answer.split(". Customer 00042 (")[0]
    assert out.cards[0]["last_order"] == held  # the card shows it too


def test_a_last_order_without_lines_is_said_to_be_unknown(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # c2's orders: o2 with lines and o7 recorded without; drop o2 and o7 is the last.
    kept = [line for line in LINES if line[0] != "o2"]
    shop = store_of(tmp_path_factory.mktemp("bare"), ("order_items", "products"), kept)
    out = customer_profile(context(shop, "support"), "c2", about="last_order")
    assert out.answer.startswith(
        "Customer c2's last order, o7 on 2024-03-28 for $7.00, was recorded without order "
        "lines, so what it held is unknown."
    )
    assert out.result["last_order"]["lines"] == []
    unlined = store_of(tmp_path_factory.mktemp("unlined"), ())
    said = customer_profile(context(unlined, "support"), "c2", about="last_order").answer
    assert said.startswith(
        "Customer c2's last order, o2 on 2024-03-31 for $11.00, is all the store knows of it: "
        "its orders have no order lines."
    )
