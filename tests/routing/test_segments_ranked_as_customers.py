"""A segment's name ranked as a noun ("top 5 champions in 1997") asks for the segment's
customers ranked by what they did, not for the best sellers; the segment's name beside
products ("top products for champions") still asks for products, and beside a risk for the
at-risk list."""

import pytest

from assistant.routing import Memory, Router, Vocabulary
from assistant.routing.delexicalise import delexicalise
from assistant.routing.extract import extract


@pytest.mark.parametrize(
    ("text", "embedded"),
    [
        # The period is read and dropped too: what is asked is embedded, not when.
        ("top 5 champions in 1997", "top 5 customers "),
        ("best champions by spend in 1998", "best customers by spend "),
        # A noun after the name says what is ranked: the name is dropped as before.
        ("top 10 loyal customers last year", "top 10  customers last year"),
        ("top products for champions", "top products for "),
        ("what do champions buy most", "what do  buy most"),
    ],
)
def test_a_ranked_segment_is_embedded_as_customers(
    vocabulary: Vocabulary, text: str, embedded: str
) -> None:
    x = extract(text, vocabulary)
    assert x.segment is not None
    assert delexicalise(text, x) == embedded


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("top 5 champions in 1997", {"segment": "champions", "limit": 5, "year": "1997"}),
        ("Top 5 Champions in 1997", {"segment": "champions", "limit": 5, "year": "1997"}),
        ("top 10 loyal customers last year", {"segment": "loyal", "limit": 10, "year": "last"}),
        (
            "best champions by spend in 1998",
            {"segment": "champions", "year": "1998", "by": "revenue"},
        ),
        ("top 3 champions last year", {"segment": "champions", "limit": 3, "year": "last"}),
    ],
)
def test_a_segments_best_in_a_period_are_top_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("top products for champions", "top_products"),
        ("what do champions buy most", "top_products"),
        ("top 20 at-risk champions", "at_risk_customers"),
        # No period: the segment's customers, ranked by the at-risk list, never products.
        ("top 5 champions", "at_risk_customers"),
    ],
)
def test_products_and_risk_asked_of_a_segment_go_elsewhere(
    minilm_router: Router, text: str, tool: str
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert route.tool == tool
    assert route.args.get("segment") == "champions"
