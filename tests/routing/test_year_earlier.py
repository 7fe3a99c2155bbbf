"""The same days a year back ("sales since march vs the same period last year", "ytd vs the
same period last year", "revenue in 1998 year over year") are top_products' compare_to "year
earlier", where they were not compared and a note said so; "a year ago" with no comparison
("customers who bought a year ago") is none."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("ytd vs the same period last year", {"since": "year_start", "compare_to": "year earlier"}),
        ("revenue in 1998 year over year", {"year": "1998", "compare_to": "year earlier"}),
        (
            "sales in q1 1998 vs a year earlier",
            {"quarter": "1998-Q1", "compare_to": "year earlier"},
        ),
    ],
)
def test_the_same_days_a_year_back(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)
    assert "cannot" not in route.reason


def test_asked_after_a_period_it_compares_that_period(minilm_router: Router) -> None:
    memory = Memory().after("top_products", {"since": "03-01"}, {})
    route = minilm_router.route("compared with the same period last year", memory, "operator")
    assert (route.tool, route.args) == (
        "top_products",
        {"since": "03-01", "compare_to": "year earlier"},
    )


def test_a_year_ago_alone_compares_nothing(minilm_router: Router) -> None:
    route = minilm_router.route("customers who bought a year ago", Memory(), "operator")
    assert "compare_to" not in route.args
    assert route.args.get("product_name") != "ago"
