"""A category the message leaves out ("who bought coffee but not tea", "top products except
snacks", "reviews not about tea") is never read as the one asked, nor searched for in the
reviews, and the note says no tool leaves one out; the words
of a split or a period beside "category" ("for the next 90 days by category") are no
category's name."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "args", "note"),
    [
        ("which customers bought coffee but not tea", "top_customers", {"category": "Coffee"},
         "I can't leave out one category ('Tea'), so the list may include customers who "
         "bought it too."),
        ("top products except snacks", "top_products", {},
         "I can't leave out one category ('Snacks'), so this covers every category."),
        ("top coffee products", "top_products", {"category": "Coffee"}, ""),
        # The review search looked for the tea it was asked to leave out.
        ("reviews not about tea", "search_reviews", {},
         "I can't leave out one category ('Tea'), so this covers every category."),
        ("complaints about shipping but not about tea", "search_reviews",
         {"sentiment": "negative", "query": "shipping"},
         "I can't leave out one category ('Tea'), so this covers every category."),
        # Coffee's reviews hold no tea: nothing to say, and coffee is what is searched.
        ("reviews about coffee but not tea", "search_reviews",
         {"category": "Coffee", "query": "coffee"}, ""),
    ],
)  # fmt: skip
def test_a_category_left_out_is_said(
    known_router: Router, text: str, tool: str, args: dict[str, object], note: str
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == (tool, args, note)


@pytest.mark.parametrize(
    "text",
    ["forecast revenue for the next 90 days by category",
     "forecast by category for the next 90 days"],
)  # fmt: skip
def test_a_split_by_category_names_none(known_router: Router, text: str) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", {"horizon_days": 90, "by": "category"})
