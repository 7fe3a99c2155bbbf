"""A period customers did not order in ("which customers did not order in 1998") or ordered
in and not in another ("customers who ordered in 1997 but not in 1998") is top_customers'
trend stopped over it, against every day before or the period they did order in. Both were
the at-risk list with the period dropped (the negation kept it from being read, and the
at-risk list has no period). A lapse ("haven't ordered in 6 months") stays a lapse."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.compared_periods import not_ordered
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("which customers did not order in 1998", {"year": "1998", "trend": "stopped"}),
        ("customers who haven't bought anything in q1 1998",
         {"quarter": "1998-Q1", "trend": "stopped"}),
        ("who didn't buy in march 1998", {"month": "1998-03", "trend": "stopped"}),
        ("customers who ordered in 1997 but not in 1998",
         {"year": "1998", "compare_to": "1997", "trend": "stopped"}),
        ("customers who bought last year but not this year",
         {"since": "year_start", "compare_to": "year before", "trend": "stopped"}),
        ("customers who bought tea in 1997 but not in 1998",
         {"year": "1998", "compare_to": "1997", "trend": "stopped", "category": "Tea"}),
    ],
)  # fmt: skip
def test_a_period_not_ordered_in_is_a_stop_over_it(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args, route.reason) == (
        "tool", "top_customers", args, ""
    )  # fmt: skip


def test_a_lapse_stays_the_at_risk_lists(known_router: Router) -> None:
    route = known_router.route("customers who haven't ordered in 6 months", Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"quiet_days": 180})


def test_only_the_periods_words_are_taken(vocabulary: Vocabulary) -> None:
    reader = Reader("customers who bought tea in 1997 but not in 1998")
    assert not_ordered(reader) is not None
    assert "tea" in reader.text and "1997" not in reader.text
    x = extract("which customers did not order in 1998", vocabulary)
    assert (x.not_ordered, x.year, x.compare_to) == (True, "1998", None)
    assert not extract("top customers in 1998", vocabulary).not_ordered
