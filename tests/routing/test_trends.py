"""What is selling less, or more, than before: products or categories asked with words of a
movement ("which products are declining?", "fastest growing categories this year") are
top_products' `trend`; the sales themselves ("is revenue growing?") are the period's totals
beside the days before it (`compare_to` "before"). Rankings and comparisons with no movement
("top products", "did we sell more tea or coffee in 1998") get neither."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.trends import trend


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("which products are declining", {"trend": "falling"}),
        ("what products are selling less than before", {"trend": "falling"}),
        (
            "products with falling sales among champions",
            {"trend": "falling", "segment": "champions"},
        ),
        (
            "which products had the biggest drop in revenue last quarter",
            {"trend": "falling", "quarter": "last"},
        ),
        (
            "fastest growing categories this year",
            {"trend": "rising", "per": "category", "since": "year_start"},
        ),
        (
            "which is growing faster, tea or coffee",
            {"trend": "rising", "per": "category", "category": "Tea, Coffee"},
        ),
        # a verb in the present, which typo repair once made "risks"
        ("which category grows fastest", {"trend": "rising", "per": "category"}),
        ("which category rises fastest", {"trend": "rising", "per": "category"}),
        ("what category is shrinking", {"trend": "falling", "per": "category"}),
        ("which products used to sell a lot but stopped", {"trend": "stopped"}),
        ("products that no longer sell", {"trend": "stopped"}),
        ("which categories stopped selling", {"trend": "stopped", "per": "category"}),
        # the days nothing sold in: a period, not customers' lapse (args.stopped_since)
        ("which products were not sold in 1998", {"year": "1998", "trend": "stopped"}),
        ("what stopped selling this quarter", {"trend": "stopped", "since": "quarter_start"}),
        ("products not sold in the last 90 days", {"trend": "stopped", "days": 90}),
        ("is revenue growing", {"compare_to": "before"}),
        ("are sales going down this year", {"compare_to": "year earlier", "since": "year_start"}),
        ("revenue growth in q2 1998", {"quarter": "1998-Q2", "compare_to": "quarter before"}),
        ("did sales drop in march 1998", {"month": "1998-03", "compare_to": "month before"}),
        ("sales growth in 1998", {"year": "1998", "compare_to": "year earlier"}),
        ("top products by units in 1997", {"year": "1997", "by": "units"}),
        (
            "did we sell more tea or coffee in 1998",
            {"year": "1998", "per": "category", "category": "Tea, Coffee"},
        ),
    ],
)
def test_movements_are_read(known_router: Router, text: str, args: dict[str, object]) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("declining products", "falling"),
        ("what sold worse than last year", "falling"),
        ("what is picking up", "rising"),
        ("which product falls the most", "falling"),
        ("sold more than a year ago", "rising"),
        ("did we sell more tea or coffee", None),
        ("growing or declining?", None),  # both: nothing to rank by
        ("the best sellers", None),
    ],
)
def test_the_words_of_a_movement(text: str, moved: str | None) -> None:
    assert trend(text) == moved


def test_a_comparison_after_a_trend_drops_the_trend(known_router: Router) -> None:
    memory = Memory().after("top_products", {"trend": "falling"}, {"rows": []})
    route = known_router.route("revenue in 1998 year over year", memory, "operator")
    assert (route.tool, route.args) == (
        "top_products",
        {"year": "1998", "compare_to": "year earlier"},
    )
    route = known_router.route("and growing?", memory, "operator")
    assert (route.tool, route.args) == ("top_products", {"trend": "rising"})
