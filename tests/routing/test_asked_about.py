"""What a question is about decides where similarity alone reads it wrong: one segment's
figures are its summary and its size the segment list, a review topic is searched, a
customer's own buying is their profile, "why are they at risk?" or "is she at risk of
leaving?" after a profile is about that customer, and customers ranked by orders are
customers, not products."""

import pytest

from assistant.routing import Memory, Router

PROFILE = Memory().after("customer_profile", {"customer_id": "00003"}, {"customer_id": "00003"})


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("average churn risk of hibernating customers?", "hibernating"),
        ("average predicted value of loyal customers?", "loyal"),
        ("what share of revenue do champions bring?", "champions"),
    ],
)
def test_one_segments_figures_are_its_summary(
    text: str, segment: str, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", "segment_summary", {"segment": segment})


@pytest.mark.parametrize(
    "text",
    [
        "how many customers are in the lost segment?",
        "how many people are in the champions group",
        "how big is the hibernating segment",
    ],
)
def test_one_segments_size_is_the_segment_list(text: str, minilm_router: Router) -> None:
    """The list counts every segment at once; the summary is written by the language model."""
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", "list_segments")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        # Bounded, the count is of those customers, not the segment's size.
        (
            "how many loyal customers placed at least 3 orders",
            "top_customers",
            {"segment": "loyal", "min_orders": 3, "lead": "share"},
        ),
        ("how many champions are at risk", "at_risk_customers", {"segment": "champions"}),
    ],
)
def test_a_count_of_some_of_a_segment_is_no_size(
    text: str, tool: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize("text", ["show me our champions", "show me champions"])
def test_a_segment_shown_is_no_profile(text: str, minilm_router: Router) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "segment_summary",
        {"segment": "champions"},
    )


def test_the_segment_with_the_most_is_the_segment_list(minilm_router: Router) -> None:
    route = minilm_router.route("which segment has the highest churn risk?", Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", "list_segments")


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("negative reviews about chocolate", {"query": "chocolate", "sentiment": "negative"}),
        ("what are customers saying about tea?", {"query": "tea"}),
        ("what do customers say about our coffee?", {"query": "coffee"}),
    ],
)
def test_a_review_topic_is_searched_not_dropped(
    text: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", "search_reviews", args)


def test_complaints_without_a_topic_stay_the_sentiment_summary(minilm_router: Router) -> None:
    route = minilm_router.route("what do people complain about", Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", "review_sentiment")


def test_why_they_are_at_risk_after_a_profile_is_that_profile(minilm_router: Router) -> None:
    route = minilm_router.route("why are they at risk?", PROFILE, "support")
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "customer_profile",
        {"customer_id": "00003", "about": "risk"},  # the profile opens with the risk
    )


@pytest.mark.parametrize(
    "text", ["is she at risk of leaving", "will she leave us", "is he at risk of churning?"]
)
def test_her_risk_after_a_profile_is_that_profile(text: str, minilm_router: Router) -> None:
    """Asked by support too, who may not list at-risk customers: her risk is in her profile."""
    route = minilm_router.route(text, PROFILE, "support")
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "customer_profile",
        {"customer_id": "00003", "about": "risk"},  # the profile opens with the risk
    )


def test_what_a_customer_buys_most_is_their_profile(minilm_router: Router) -> None:
    route = minilm_router.route("what products does 05847 buy most?", Memory(), "marketer")
    assert (route.tool, route.args) == ("customer_profile",
                                        {"customer_id": "05847", "about": "products"})  # fmt: skip
    ahead = minilm_router.route("what should 05847 buy next", Memory(), "marketer")
    assert (ahead.tool, ahead.args) == ("recommend_products", {"customer_id": "05847"})


def test_which_customers_ordered_the_most_ranks_customers(minilm_router: Router) -> None:
    route = minilm_router.route(
        "which customers ordered the most last quarter?", Memory(), "marketer"
    )
    assert (route.kind, route.tool) == ("tool", "top_customers")
    assert route.args == {"quarter": "last", "by": "orders"}


def test_a_perk_asked_of_an_offer_is_noted(minilm_router: Router) -> None:
    route = minilm_router.route(
        "draft an offer for segment champions with 20% off and free shipping", Memory(), "marketer"
    )
    assert (route.tool, route.args) == (
        "draft_offer",
        {"segment": "champions", "discount_pct": 20.0},
    )
    # The note is worded from the offer made: its facts carry the policy's perks.
    assert "can't be given free shipping" in route.note({"facts": {"perks": []}})
    plain = minilm_router.route("draft a 20% offer for champions", Memory(), "marketer")
    assert "free shipping" not in plain.note({"facts": {"perks": []}})
