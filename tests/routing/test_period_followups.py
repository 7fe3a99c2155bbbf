"""Follow-ups that change the period of the last question: a new period replaces the last one
whole ("now since January" drops the quarter asked before), a month or quarter without a year
keeps the year it narrows ("in 1997", then "and Q2?"), and a change of grouping keeps it."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("now since january", {"segment": "champions", "since": "01-01"}),
        ("what about the last 30 days", {"segment": "champions", "days": 30}),
        ("same for 1997", {"segment": "champions", "year": "1997"}),
        ("and between may 1 and may 20?",
         {"segment": "champions", "since": "05-01", "until": "05-20"}),
        ("same for loyal customers", {"segment": "loyal", "quarter": "Q1"}),
    ],
)  # fmt: skip
def test_a_new_period_replaces_the_last_one_whole(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    # Kept beside it, the quarter would make the tool refuse two periods.
    memory = Memory().after("top_products", {"quarter": "Q1", "segment": "champions"}, {})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("top_products", args)
    reviews = Memory().after("review_sentiment", {"month": "last"}, {"reviews": 3})
    route = minilm_router.route("same for Q1", reviews, "operator")
    assert (route.tool, route.args) == ("review_sentiment", {"quarter": "Q1"})


def test_a_change_of_grouping_keeps_the_period(minilm_router: Router) -> None:
    # "per category" is `per` to top_products and `by` to a forecast: the same ask.
    memory = Memory().after("top_products", {"month": "last", "segment": "champions"}, {})
    route = minilm_router.route("same but per category", memory, "operator")
    assert route.args == {"month": "last", "segment": "champions", "per": "category"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("and Q2?", {"year": "1997", "quarter": "Q2"}),
        ("now in May", {"year": "1997", "month": "05"}),
        ("and last month?", {"month": "last"}),  # names its own month: the year goes
    ],
)
def test_a_follow_up_keeps_the_year_it_narrows(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    memory = Memory().after("top_products", {"year": "1997"}, {})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    ("text", "args"),
    [("what about april?", {"month": "04"}), ("and April?", {"month": "04"}),
     ("how about june 1997", {"month": "1997-06"}),
     ("and may I see them by units?", {"month": "03", "by": "units"})],
)  # fmt: skip
def test_a_month_alone_is_a_follow_up(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    memory = Memory().after("top_products", {"month": "03"}, {})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("top_products", args)


def test_what_about_a_topic_searches_it_for_the_same_period(minilm_router: Router) -> None:
    memory = Memory().after("search_reviews", {"query": "shipping", "days": 30}, {})
    route = minilm_router.route("what about packaging", memory, "operator")
    assert (route.tool, route.args) == ("search_reviews", {"query": "packaging", "days": 30})


@pytest.mark.parametrize(
    ("last", "text", "args"),
    [
        ({"quarter": "1997-Q1"}, "and in Q2?", {"quarter": "1997-Q2"}),
        ({"quarter": "1997-Q1"}, "and in may?", {"month": "1997-05"}),
        ({"month": "1998-03"}, "and april?", {"month": "1998-04"}),
        ({"month": "1998-03"}, "and june 1997?", {"month": "1997-06"}),  # a year of its own
    ],
)
def test_a_follow_up_keeps_the_year_of_a_dated_month_or_quarter(
    minilm_router: Router, last: dict[str, str], text: str, args: dict[str, object]
) -> None:
    memory = Memory().after("top_products", last, {})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("top_products", args)
