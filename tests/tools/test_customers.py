"""customer_profile, at_risk_customers and similar_customers on the small trained workspace."""

import json

import pandas as pd
import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.customers import at_risk_customers, customer_profile, similar_customers
from assistant.tools.format import chance
from commerce.errors import InvalidInput, NotFound
from commerce.workspace import Workspace
from predictors.pipeline import latest_scores
from tests.tools.conftest import MakeContext
from tests.tools.store import LEAKY_REVIEW, REVIEWER


def _scores(workspace: Workspace) -> pd.DataFrame:
    frame = latest_scores(workspace)
    assert frame is not None
    return frame


def test_profile_states_the_scores_orders_and_reasons(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    out = customer_profile(ctx, "00042")
    scores = _scores(ctx.data.workspace).set_index("customer_id").loc["00042"]
    orders = ctx.data.store().table("orders")
    mine = orders[orders["customer_id"] == "00042"].sort_values("ts")
    assert out.answer.startswith(f"Customer 00042 ({out.result['name']}): churn risk ")
    assert f"churn risk {scores['churn_risk']:.0%}" in out.answer
    assert f"value at risk ${scores['value_at_risk']:,.2f}" in out.answer
    assert f"{len(mine)} orders totalling ${mine['amount'].sum():,.2f}" in out.answer
    assert out.rows == 1
    card = out.cards[0]
    assert card["type"] == "customer" and card["customer_id"] == "00042"
    assert card["email"] == "person.00042@example.com"
    assert [o["amount"] for o in card["orders"]] == pytest.approx(mine["amount"].tolist())
    assert card["orders"][-1]["ts"].startswith(f"{mine['ts'].iloc[-1]:%Y-%m-%d}")
    assert card["clv_low"] <= card["clv_high"] and card["reasons"]
    assert card["segment"] == out.result["segment"] and isinstance(card["segment"], str)
    json.dumps(out.result, allow_nan=False)  # plain JSON: no NaN, no numpy, no timestamps


def test_profile_reviews_come_newest_first_with_sentiment(make_ctx: MakeContext) -> None:
    card = customer_profile(make_ctx(), REVIEWER).cards[0]
    assert card["reviews"][0]["text"] == LEAKY_REVIEW
    assert [r["ts"] for r in card["reviews"]] == sorted((r["ts"] for r in card["reviews"]),
                                                        reverse=True)  # fmt: skip
    assert all(r["sentiment_label"] in {"negative", "neutral", "positive"} for r in card["reviews"])


def test_a_marketer_answer_names_nobody(make_ctx: MakeContext) -> None:
    # The answer is free text the redaction cannot strip: the name stays out of it for a
    # marketer (the result's name field is dropped by roles.redact on the way out).
    support = customer_profile(make_ctx("support"), "00042")
    marketer = customer_profile(make_ctx("marketer"), "00042")
    name = support.result["name"]
    assert name in support.answer and name not in marketer.answer


def test_ids_are_resolved_and_unknown_ones_named(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    assert customer_profile(ctx, " 42").result["customer_id"] == "00042"
    with pytest.raises(NotFound, match=r"no customer '999999'; ids look like '00001'"):
        customer_profile(ctx, "999999")


def test_at_risk_is_ranked_by_value_at_risk(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    out = at_risk_customers(ctx, limit=5)
    expected = _scores(ctx.data.workspace).nlargest(5, "value_at_risk")
    rows = out.cards[0]["rows"]
    assert [r["customer_id"] for r in rows] == expected["customer_id"].tolist()
    assert out.rows == 5 and out.result["scored_customers"] == len(_scores(ctx.data.workspace))
    assert set(rows[0]) == {"rank", "customer_id", "churn_risk", "clv", "clv_low", "clv_high",
                            "value_at_risk", "reasons", "segment"}  # fmt: skip
    assert f"First: {rows[0]['customer_id']}" in out.answer


def test_at_risk_within_a_segment(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    segments = ctx.data.segment_frame()
    name = segments["segment"].value_counts().index[0]
    out = at_risk_customers(ctx, segment=name.upper(), limit=100)
    members = set(segments.index[segments["segment"] == name])
    rows = out.result["rows"]
    assert out.result["segment"] == name and rows
    assert {r["customer_id"] for r in rows} <= members and {r["segment"] for r in rows} == {name}
    values = [r["value_at_risk"] for r in rows]
    assert values == sorted(values, reverse=True)
    assert len(rows) == min(100, out.result["scored_customers"])
    with pytest.raises(NotFound, match="no segment 'vips'; known: "):
        at_risk_customers(ctx, segment="vips")


def _expected_ids(frame: pd.DataFrame, by: str, members: "set[str] | None" = None) -> list[str]:
    """Ids by `by`, highest first, ties in value-at-risk order (the frame's), by pandas."""
    pool = frame if members is None else frame[frame["customer_id"].isin(members)]
    ordered = pool.assign(at=range(len(pool))).sort_values([by, "at"], ascending=[False, True])
    return ordered["customer_id"].astype(str).tolist()


@pytest.mark.parametrize("by", ["churn_risk", "clv"])
def test_at_risk_ranks_by_churn_risk_or_predicted_value(make_ctx: MakeContext, by: str) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    out = at_risk_customers(ctx, by=by, limit=8)  # type: ignore[arg-type]
    assert [r["customer_id"] for r in out.result["rows"]] == _expected_ids(frame, by)[:8]
    assert out.result["by"] == by and out.cards[0]["by"] == by
    first = out.result["rows"][0]
    if by == "churn_risk":
        assert " or more. Ranked by churn risk: the 8 customers most likely to leave hold " in (
            out.answer
        )
    else:
        assert (
            " or more. Ranked by predicted value: the 8 customers with the highest predicted "
            "value are worth " in out.answer
        )
        assert f"First: {first['customer_id']}, predicted value $" in out.answer
    # Within a segment, on a later page: the same order among its members, the ranks named.
    segments = ctx.data.segment_frame()
    name = str(segments["segment"].value_counts().index[0])
    members = set(segments.index[segments["segment"] == name].astype(str))
    page = at_risk_customers(ctx, segment=name, by=by, limit=3, offset=3)  # type: ignore[arg-type]
    expected = _expected_ids(frame, by, members)[3:6]
    assert [r["customer_id"] for r in page.result["rows"]] == expected
    assert page.answer.startswith(
        f"Ranked by {'churn risk' if by == 'churn_risk' else 'predicted value'}: customers 4-6 of "
    )


def test_a_chance_never_rounds_to_a_certainty() -> None:
    assert [chance(p) for p in (0.0, 0.0042, 0.005, 0.813, 0.995, 0.9998, 1.0)] == [
        "0%",
        "<1%",
        "<1%",  # half rounds to even: 0.005 would print 0%
        "81%",
        ">99%",
        ">99%",
        "100%",
    ]


def test_similar_customers_are_others_with_what_they_share(make_ctx: MakeContext) -> None:
    out = similar_customers(make_ctx(), "42", k=4)
    rows = out.cards[0]["rows"]
    assert out.cards[0]["customer_id"] == "00042" and len(rows) == 4
    assert "00042" not in {r["customer_id"] for r in rows}
    assert [r["distance"] for r in rows] == sorted(r["distance"] for r in rows)
    assert all(r["shared"] for r in rows)
    assert rows[0]["customer_id"] in out.answer
    with pytest.raises(NotFound, match="no customer 'x1'"):
        similar_customers(make_ctx(), "x1")


def test_a_zero_interval_is_explained_not_shown_below_the_value(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    scores = _scores(ctx.data.workspace)
    unlikely = scores[(scores["clv_high"] <= 0) & (scores["clv"] > 0)]
    likely = scores[scores["clv_high"] > 0]
    assert len(unlikely) and len(likely)  # the small store has both kinds
    quiet = customer_profile(ctx, unlikely["customer_id"].iloc[0]).answer
    assert "at least a 90% chance of buying nothing" in quiet and "interval" not in quiet
    busy = customer_profile(ctx, likely["customer_id"].iloc[0]).answer
    assert "80% interval $" in busy


def test_profile_says_what_the_customer_bought_most(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    store = ctx.data.store()
    lines = store.table("order_items").merge(store.table("orders"), on="order_id")
    mine = lines[lines["customer_id"] == "00042"]
    expected = (
        mine.groupby("product_id")
        .agg(units=("quantity", "sum"), last=("ts", "max"))
        .reset_index()
        .sort_values(["units", "last", "product_id"], ascending=[False, False, True])
    )
    titles = store.table("products").set_index("product_id")
    out = customer_profile(ctx, "00042")
    products = out.result["products"]
    assert out.result["products_bought"] == len(expected) == out.cards[0]["products_bought"]
    assert [(p["product_id"], p["units"], p["last_bought"]) for p in products] == [
        (r.product_id, r.units, f"{r.last:%Y-%m-%d}") for r in expected.head(10).itertuples()
    ]
    assert products[0]["title"] == titles.loc[products[0]["product_id"], "title"]
    assert products[0]["category"] == titles.loc[products[0]["product_id"], "category"]
    assert out.cards[0]["products"] == products
    first = products[0]
    said = f"{first['title']} ({first['category']}): {first['units']} unit"
    # "Most bought" only when the units differ; a list of one unit each is "Bought".
    head = "Most bought of" if expected.head(10)["units"].nunique() > 1 else "Bought"
    assert f"{head} {len(expected)} products: {said}" in out.answer
    if len(expected) > 3:
        assert f"; and {len(expected) - 3} more." in out.answer


def test_profile_lists_say_of_how_many(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    reviews = ctx.data.store().table("reviews")
    out = customer_profile(ctx, REVIEWER)
    written = int((reviews["customer_id"] == REVIEWER).sum())
    assert out.result["reviews_total"] == written == out.cards[0]["reviews_total"]
    assert out.cards[0]["orders_total"] == out.result["order_summary"]["orders"]
    quiet = customer_profile(ctx, "00299").result
    assert quiet["reviews_total"] == 0 and quiet["reviews"] == []


@pytest.mark.parametrize(
    ("tool", "args", "message"),
    [
        ("customer_profile", {"customer_id": "   "}, "argument 'customer_id': is blank"),
        ("customer_profile", {"customer_id": ""}, "at least 1 character"),
        ("customer_profile", {"customer_id": "9" * 65}, "at most 64 characters"),
        ("search_reviews", {"product_id": " "}, "argument 'product_id': is blank"),
        ("search_reviews", {"product_id": "B" * 65}, "at most 64 characters"),
    ],
)
def test_bad_ids_are_refused_in_words_about_text(
    make_ctx: MakeContext, tool: str, args: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        run_tool(make_ctx("support"), tool, args)


def test_extra_leading_zeros_find_the_customer(make_ctx: MakeContext) -> None:
    assert customer_profile(make_ctx(), "000042").result["customer_id"] == "00042"
