"""A plan with nothing off ("only reminders", "no discounts") caps discounts at 0: every offer
the plan makes is a reminder. A cap written as a number stays that number."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("plan $5k but only reminders", {"budget": 5000.0}),
        ("plan 2000 with reminders only, no discounts", {"budget": 2000.0}),
        (
            "budget 500 for the at-risk segment, no discounts",
            {"budget": 500.0, "segment": "at risk"},
        ),
        ("spend 1500 on champions, just reminders", {"budget": 1500.0, "segment": "champions"}),
    ],
)
def test_nothing_off_plans_reminders(
    text: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert route.tool == "plan_budget"
    assert route.args == {**args, "max_discount_pct": 0.0}


def test_a_cap_written_as_a_number_stays_it(minilm_router: Router) -> None:
    route = minilm_router.route("plan $5k, no more than 10% off", Memory(), "operator")
    assert route.args == {"budget": 5000.0, "max_discount_pct": 10.0}


def test_no_discount_stays_a_review_search_topic(vocabulary: Vocabulary) -> None:
    x = extract("reviews that mention no discount", vocabulary)
    assert x.topic == "no discount"


@pytest.mark.parametrize(
    ("text", "percent"),
    [("plan 2000 for champions", None), ("plan 2000, no discounts over 10%", 10.0),
     ("plan 2000 with a reminder and 5% off", 5.0)],
)  # fmt: skip
def test_a_number_written_wins(text: str, percent: float | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).percent == percent
