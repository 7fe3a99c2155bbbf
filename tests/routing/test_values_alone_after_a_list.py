"""A follow-up that is nothing but values for the last tool ("in 1997", "champions", "top 5",
"in pet food", "last quarter") runs the last call again with them; after a profile a
segment's name alone is still that segment. A bare ordinal ("show me the 2nd") is a place in
the last list, and "any of them at risk?" after a ranking reads its rows by churn risk."""

import pytest

from assistant.routing import Memory, Router

CUSTOMERS = {"rows": [{"customer_id": "00011"}, {"customer_id": "00012"}]}
PRODUCTS = {"rows": [{"product_id": "B00A"}, {"product_id": "B00B"}]}


@pytest.mark.parametrize(
    ("tool", "args", "rows", "text", "expected"),
    [
        ("top_customers", {}, CUSTOMERS, "in 1997", {"year": "1997"}),
        ("at_risk_customers", {}, CUSTOMERS, "champions", {"segment": "champions"}),
        (
            "at_risk_customers",
            {"segment": "champions"},
            CUSTOMERS,
            "top 5",
            {"segment": "champions", "limit": 5},
        ),
        ("top_products", {}, PRODUCTS, "in pet food", {"category": "Pet food"}),
        ("top_products", {}, PRODUCTS, "last quarter", {"quarter": "last"}),
        ("top_products", {}, PRODUCTS, "top 3 please", {"limit": 3}),
    ],
)
def test_values_alone_run_the_last_call_again(
    known_router: Router,
    tool: str,
    args: dict[str, object],
    rows: dict[str, object],
    text: str,
    expected: dict[str, object],
) -> None:
    route = known_router.route(text, Memory().after(tool, args, rows), "operator")
    assert (route.tool, route.args) == (tool, expected)


def test_a_segment_alone_after_a_profile_is_the_segment(known_router: Router) -> None:
    profile = Memory().after("customer_profile", {"customer_id": "00042"}, {})
    route = known_router.route("champions", profile, "operator")
    assert (route.tool, route.args) == ("segment_summary", {"segment": "champions"})


@pytest.mark.parametrize("text", ["show me the 2nd", "and the second?"])
def test_a_bare_ordinal_is_a_place_in_the_list(known_router: Router, text: str) -> None:
    memory = Memory().after("top_customers", {}, CUSTOMERS)
    route = known_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00012"})


def test_any_of_them_at_risk_reads_the_rows_shown(known_router: Router) -> None:
    memory = Memory().after("top_customers", {"since": "03-01"}, CUSTOMERS)
    route = known_router.route("any of them at risk?", memory, "operator")
    assert (route.tool, route.args) == ("top_customers", {"since": "03-01"})
    assert "risk_of_rows" in route.reason  # filled in from the rows by Route.note
