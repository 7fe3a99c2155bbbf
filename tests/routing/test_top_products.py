"""Routing sales questions to top_products: the period, measure, categories and segment read
from the message, the real router's choices, and the questions it must leave to the forecast
and the recommendations."""

from dataclasses import replace

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build
from assistant.routing.delexicalise import delexicalise
from assistant.routing.sales_words import category_named, measure, per_category
from retrieval.embedder import MiniLMEmbedder


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("best sellers this quarter", 90),
        ("top products in the last 30 days", 30),
        ("what sold this year", 365),
        ("most ordered items over the past month", 30),
        ("best sellers of the previous week", 7),
        ("top products last quarter", 90),
    ],
)
def test_periods_back_are_read_like_horizons(text: str, days: int, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).horizon_days == days


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("top products by units", "units"),
        ("best sellers by volume", "units"),
        ("which products had the most units sold", "units"),
        ("most ordered products", "orders"),
        ("products by number of orders", "orders"),
        ("products bought by the most customers", "customers"),
        ("top 10 by revenue", "revenue"),
        ("top grossing items", "revenue"),
        ("what sold best", None),
    ],
)
def test_the_measure_is_read_only_when_named(text: str, by: str | None) -> None:
    assert measure(text) == by


def test_whole_categories_and_one_category_are_told_apart() -> None:
    for text in ("top categories among champions", "which categories sold the most",
                 "best sellers by category", "top 5 categories"):  # fmt: skip
        assert per_category(text), text
    for text in ("best sellers in the coffee category", "top products", "category tea"):
        assert not per_category(text), text
    assert category_named("best sellers in the coffee category", ()) == "coffee"
    assert category_named("top products from the sauces & spices aisle", ()) == "sauces & spices"
    assert category_named("best sellers, category: tea", ()) == "tea"
    assert category_named("best sellers in each category", ()) is None
    assert category_named("top coffee products", ()) is None  # no name known: no guess
    # A name the store knows is read anywhere, in any case or number.
    known = ("Coffee", "Snacks", "Sauces & spices")
    assert category_named("top coffee products", known) == "Coffee"
    assert category_named("best selling snack", known) == "Snacks"
    assert category_named("what sells among teams", known) is None


def test_the_arguments_built_for_top_products(vocabulary: Vocabulary) -> None:
    text = "top 5 products by units among champions in the last 30 days"
    args = build(SIGNATURES["top_products"], extract(text, vocabulary), text, Memory())
    assert args.values == {"days": 30, "segment": "champions", "by": "units", "limit": 5}
    text = "top categories by orders this year"  # the calendar year so far
    args = build(SIGNATURES["top_products"], extract(text, vocabulary), text, Memory())
    assert args.values == {"since": "year_start", "by": "orders", "per": "category"}
    # A forecast keeps its own "by category" and horizon.
    text = "expected revenue next month by category"
    forecast = build(SIGNATURES["forecast_demand"], extract(text, vocabulary), text, Memory())
    assert forecast.values == {"horizon_days": 30, "by": "category"}


def test_the_store_categories_come_with_the_vocabulary() -> None:
    vocabulary = Vocabulary.from_store(["lost"], 5, ["Coffee", "Tea", "Coffee"])
    assert vocabulary.categories == ("Coffee", "Tea")
    text = "best selling coffee last month"  # the calendar month before this one
    args = build(SIGNATURES["top_products"], extract(text, vocabulary), text, Memory())
    assert args.values == {"month": "last", "category": "Coffee"}
    assert Vocabulary.from_store([], None).categories == ()


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what were our best sellers last quarter?", "top_products", {"quarter": "last"}),
        ("what do at-risk customers buy most?", "top_products", {"segment": "at risk"}),
        ("top categories among champions", "top_products",
         {"segment": "champions", "per": "category"}),
        ("which products did lost customers buy last?", "top_products", {"segment": "lost"}),
        ("top 5 products by units sold", "top_products", {"limit": 5, "by": "units"}),
        # Not sales so far: a customer's next purchase, and what is expected ahead.
        ("what should customer 42 buy next?", "recommend_products", {"customer_id": "00042"}),
        ("expected revenue next month by category", "forecast_demand",
         {"horizon_days": 30, "by": "category"}),
        ("which categories will sell the most next quarter", "forecast_demand",
         {"horizon_days": 90}),
        ("top 5 loyal customers", "at_risk_customers", {"segment": "loyal", "limit": 5}),
    ],
)  # fmt: skip
def test_the_real_router(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", tool)
    assert route.args == route.args | args


def test_pages_and_follow_ups_repeat_the_sales_question(minilm_router: Router) -> None:
    first = Memory().after("top_products", {"days": 30, "segment": "champions"}, {"rows": []})
    page = minilm_router.route("and the next 10?", first, "marketer")
    assert (page.tool, page.args) == (
        "top_products", {"days": 30, "segment": "champions", "limit": 10, "offset": 10},
    )  # fmt: skip
    other = minilm_router.route("same for loyal customers", first, "marketer")
    assert (other.tool, other.args) == ("top_products", {"days": 30, "segment": "loyal"})


BEST_SELLERS = Memory().after(
    "top_products",
    {"days": 90},
    {"rows": [{"rank": 1, "product_id": "B000EVG8J2"}, {"rank": 2, "product_id": "B0029NIBE8"},
              {"rank": 3, "product_id": "B006N3IG4K"}]},
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("show me the reviews of the second one", "search_reviews"),
        ("what do people say about the second product?", "search_reviews"),
        ("the second one", "review_sentiment"),
        ("sentiment of the 2nd item", "review_sentiment"),
    ],
)
def test_a_place_in_a_list_of_best_sellers_is_that_product(
    minilm_router: Router, text: str, tool: str
) -> None:
    route = minilm_router.route(text, BEST_SELLERS, "operator")
    assert (route.kind, route.tool) == ("tool", tool)
    assert route.args["product_id"] == "B0029NIBE8"


def test_walking_the_best_sellers_reviews_one_after_another(minilm_router: Router) -> None:
    second = minilm_router.route("show me the reviews of the second one", BEST_SELLERS, "operator")
    reviews = {"rows": [{"customer_id": "16060", "product_id": "B0029NIBE8"}]}
    after = BEST_SELLERS.after(second.tool or "", second.args, reviews)
    third = minilm_router.route("and the third one?", after, "operator")
    assert (third.tool, third.args) == ("search_reviews", {"product_id": "B006N3IG4K"})
    first = minilm_router.route("the first one", after, "operator")  # the reviews' list now
    assert (first.tool, first.args) == ("customer_profile", {"customer_id": "16060"})


def test_support_is_refused_by_name(minilm_router: Router) -> None:
    route = minilm_router.route("what are our best sellers?", Memory(), "support")
    assert (route.kind, route.tool) == ("refuse", "top_products")
    assert route.reason == "Support agents can't see product sales; ask an operator or a marketer."


# The demo store's categories (its products table), as assistant/chat/routing.py passes them.
DEMO_CATEGORIES = ("Baby food", "Beverages", "Candy & chocolate", "Coffee", "Grocery", "Pantry",
                   "Pet food", "Sauces & spices", "Snacks", "Tea")  # fmt: skip


@pytest.fixture(scope="module")
def store_router(vocabulary: Vocabulary) -> Router:
    """The real router with the demo store's categories in its vocabulary."""
    known = replace(vocabulary, categories=DEMO_CATEGORIES)
    return Router(MiniLMEmbedder(device="cpu", batch_size=64), known)


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("what do champions buy most?", "champions"),
        ("what do loyal customers buy most?", "loyal"),
        ("what does the needs attention segment buy", "needs attention"),
        ("what are hibernating customers buying", "hibernating"),
        ("what do can't lose customers purchase", "can't lose"),
    ],
)
def test_what_a_segment_buys_is_a_sales_question(
    minilm_router: Router, text: str, segment: str
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.tool, route.args) == ("top_products", {"segment": segment})


def test_a_quoted_category_loses_its_quotes(vocabulary: Vocabulary) -> None:
    assert extract("best sellers in category 'Widgets'", vocabulary).category == "widgets"
    assert category_named("top sellers, category 'pet food'?", ()) == "pet food"


def test_either_side_of_an_and_name_is_the_category() -> None:
    assert category_named("show top candy", DEMO_CATEGORIES) == "Candy & chocolate"
    assert category_named("best selling spices", DEMO_CATEGORIES) == "Sauces & spices"
    # A whole name before a side of another: "tea" is Tea, not "Tea & coffee".
    assert category_named("top tea", ("Tea & coffee", "Tea")) == "Tea"


def test_a_known_category_is_embedded_as_products() -> None:
    known = Vocabulary(categories=DEMO_CATEGORIES)
    for text in ("top beverages", "top snack products"):
        assert delexicalise(text, extract(text, known)) == "top products", text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("top beverages", "Beverages"),
        ("show top candy", "Candy & chocolate"),
        ("top coffee", "Coffee"),
        ("top pet food", "Pet food"),
        ("top snack products", "Snacks"),
    ],
)
def test_top_and_a_category_the_store_has_is_a_sales_question(
    store_router: Router, text: str, category: str
) -> None:
    route = store_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"category": category})


def test_a_known_category_in_a_review_search_stays_its_topic(store_router: Router) -> None:
    # ...and, the search taking a category too, is searched among that category's reviews.
    route = store_router.route("reviews about coffee", Memory(), "operator")
    assert (route.tool, route.args) == ("search_reviews", {"query": "coffee", "category": "Coffee"})
