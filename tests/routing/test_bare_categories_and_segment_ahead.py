"""Two readings that similarity got the other way: categories named with nothing else asked
("tea vs coffee", "coffee?") are their sales, where they went to what is bought with a
product and asked which product; and a segment's revenue worded ahead ("how much revenue will
the loyal segment bring next year") is a forecast of its members' buying, where it went to
the segment's summary, which gives no forecast for a period."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("tea vs coffee", {"per": "category", "category": "Tea, Coffee"}),
        ("Tea versus Coffee?", {"per": "category", "category": "Tea, Coffee"}),
        ("coffee or tea", {"category": "Coffee, Tea"}),
        ("coffee", {"category": "Coffee"}),
        ("snacks?", {"category": "Snacks"}),
    ],
)
def test_categories_alone_are_their_sales(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


def test_what_goes_with_a_category_is_still_asked_of_it(known_router: Router) -> None:
    route = known_router.route("what do people buy with tea", Memory(), "operator")
    assert route.tool == "bought_with"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "how much revenue will the loyal segment bring next year",
            {"segment": "loyal", "horizon_days": 365},
        ),
        (
            "how much will champions spend next quarter",
            {"segment": "champions", "horizon_days": 90},
        ),
    ],
)
def test_a_segments_revenue_ahead_is_its_forecast(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", args)


def test_a_segments_share_of_revenue_is_still_its_summary(minilm_router: Router) -> None:
    route = minilm_router.route("what share of revenue do champions bring?", Memory(), "operator")
    assert (route.tool, route.args) == ("segment_summary", {"segment": "champions"})
