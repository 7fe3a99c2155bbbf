"""Follow-ups that keep who was talked about: "and their orders?" after "who spent the most in
1998" asks about those customers, so the list keeps 1998 (and any bounds) where it used to
rank everyone's orders of all time; a period the message gives is asked of them instead. "any
reviews?" after a profile is that customer's reviews, as "her reviews?" is; after a list of
products it stays store-wide."""

import pytest

from assistant.routing import Memory, Router

ROWS = {"rows": [{"customer_id": "00011"}, {"customer_id": "00012"}]}


def _after_list(args: dict[str, object]) -> Memory:
    return Memory().after("top_customers", args, ROWS)


@pytest.mark.parametrize(
    ("listed", "text", "args"),
    [
        ({"year": "1998"}, "and their orders?", {"year": "1998"}),
        ({"year": "1998"}, "rank them by orders", {"year": "1998", "by": "orders"}),
        (
            {"year": "1997", "min_revenue": 500.01},
            "and their orders?",
            {"year": "1997", "min_revenue": 500.01},
        ),
        ({"quarter": "1998-Q1"}, "and their orders?", {"quarter": "1998-Q1"}),
    ],
)
def test_their_list_keeps_the_period_that_says_who_they_are(
    minilm_router: Router, listed: dict[str, object], text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, _after_list(listed), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


def test_a_period_asked_of_them_replaces_the_lists(minilm_router: Router) -> None:
    route = minilm_router.route(
        "rank them by orders in 1997", _after_list({"year": "1998"}), "operator"
    )
    assert (route.tool, route.args) == ("top_customers", {"year": "1997", "by": "orders"})


def test_a_new_ranking_not_asked_of_them_keeps_no_period(minilm_router: Router) -> None:
    route = minilm_router.route("who ordered the most", _after_list({"year": "1998"}), "operator")
    assert route.tool == "top_customers"
    assert "year" not in route.args


def test_a_period_is_kept_only_after_a_list_of_customers(minilm_router: Router) -> None:
    # No rows shown (the list was empty): nobody to point back to.
    memory = Memory().after("top_customers", {"year": "1998"}, {"rows": []})
    route = minilm_router.route("and their orders?", memory, "operator")
    assert "year" not in route.args


PROFILE = Memory().after("customer_profile", {"customer_id": "00042"}, {})


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("any reviews?", "search_reviews"),
        ("and reviews?", "search_reviews"),
        ("any complaints?", "review_sentiment"),
    ],
)
def test_a_bare_follow_up_after_a_profile_is_that_customer(
    minilm_router: Router, text: str, tool: str
) -> None:
    route = minilm_router.route(text, PROFILE, "operator")
    assert (route.tool, route.args) == (tool, {"customer_id": "00042"})


def test_a_bare_follow_up_after_products_stays_store_wide(minilm_router: Router) -> None:
    products = Memory().after("top_products", {}, {"rows": [{"product_id": "B001"}]})
    route = minilm_router.route("any reviews?", products, "operator")
    assert route.tool == "search_reviews"
    assert "customer_id" not in route.args


def test_a_new_subject_after_a_profile_is_not_that_customer(minilm_router: Router) -> None:
    route = minilm_router.route("and the top products?", PROFILE, "operator")
    assert route.tool == "top_products"
    assert "customer_id" not in route.args


def test_a_segment_alone_after_a_profile_is_that_segment(minilm_router: Router) -> None:
    # The profile takes no segment to run again with: the segment is asked about instead
    # (it was "I'm not sure what you're asking").
    route = minilm_router.route("what about champions?", PROFILE, "operator")
    assert (route.tool, route.args) == ("segment_summary", {"segment": "champions"})


def test_a_segment_alone_after_a_list_reruns_the_list(minilm_router: Router) -> None:
    products = Memory().after("top_products", {}, {"rows": [{"product_id": "B001"}]})
    route = minilm_router.route("what about champions?", products, "operator")
    assert (route.tool, route.args) == ("top_products", {"segment": "champions"})
