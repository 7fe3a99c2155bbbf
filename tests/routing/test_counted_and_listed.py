"""Customers within bounds counted ("how many customers ordered exactly twice") are the top
customers' share, not the store's overview; one segment's customers asked for as a list ("give
me a list of hibernating customers") are its at-risk list, not its summary."""

import pytest

from assistant.routing import Memory, Router


def test_customers_within_bounds_counted_are_the_top_customers_share(
    known_router: Router,
) -> None:
    # was the store's overview: "how many customers ordered" read as all of them
    route = known_router.route("how many customers ordered exactly twice", Memory(), "operator")
    assert (route.tool, route.args) == (
        "top_customers", {"min_orders": 2, "max_orders": 2, "lead": "share"}
    )  # fmt: skip


@pytest.mark.parametrize(
    "text", ["give me a list of hibernating customers", "show me all loyal customers"]
)
def test_a_segments_customers_listed_are_its_at_risk_list(known_router: Router, text: str) -> None:
    # were the segment's summary
    route = known_router.route(text, Memory(), "operator")
    assert route.tool == "at_risk_customers" and "segment" in route.args
