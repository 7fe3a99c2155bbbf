"""Review R30 of what an answer did not do as asked and did not say: a perk asked as "offering
free shipping" is noted as "with free shipping" was; an apology asked of an offer is said not
to be one (the draft is never told what went wrong); a month or quarter asked of the forecast
is said not to be forecast on its own, as a year already was."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.arg_notes import APOLOGY_NOTE


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("write an email to the at risk segment offering free shipping", "shipping"),
        ("draft an offer for 00042 giving a free sample", "sample"),
    ],
)
def test_a_perk_offered_is_noted(minilm_router: Router, text: str, field: str) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.tool == "draft_offer" and "${perk_note_" + field + "}" in route.reason


def test_an_apology_asked_is_said_not_to_be_one(minilm_router: Router) -> None:
    text = "Draft a 10% apology offer for customer 16175 by email"
    route = minilm_router.route(text, Memory(), "support")
    assert route.tool == "draft_offer" and APOLOGY_NOTE in route.reason
    plain = minilm_router.route(
        "Draft a 10% offer for customer 16175 by email", Memory(), "support"
    )
    assert APOLOGY_NOTE not in plain.reason


def test_an_apology_asked_with_a_negation_before_it_still_is(minilm_router: Router) -> None:
    text = "draft an offer for 00042 and dont forget to apologise"
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.tool == "draft_offer" and APOLOGY_NOTE in route.reason


@pytest.mark.parametrize(
    "text",
    [
        "draft an offer for the at risk segment, no apology needed",
        "offer for 00042, don't say sorry",
        "an offer for 00042, no need to apologise",
    ],
)
def test_an_apology_waved_off_is_no_apology_asked(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.tool == "draft_offer" and APOLOGY_NOTE not in route.reason


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("forecast for december 2025", "December 2025"),
        ("what will we sell in july 1998?", "July 1998"),
        ("forecast for q3", "Q3"),
        ("forecast for 1999-01", "1999-01"),  # R31: a month by number got no note
    ],
)
def test_a_month_or_quarter_asked_of_the_forecast_is_said(
    minilm_router: Router, text: str, span: str
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert route.tool == "forecast_demand"
    note = route.note({"horizon_days": 30, "as_of": "1998-06-30"})
    assert f"it does not forecast {span} on its own" in note


def test_the_next_month_is_forecast_without_a_note(minilm_router: Router) -> None:
    route = minilm_router.route("forecast revenue for next month", Memory(), "operator")
    assert route.args == {"horizon_days": 30} and "on its own" not in route.reason


@pytest.mark.parametrize(
    "text",
    [
        "customer 00042 says their order arrived damaged, what should I offer?",
        "00042 complained about a late delivery, what offer can we give them",
    ],
)
def test_an_offer_after_a_complaint_is_an_offer_said_not_to_apologise(
    minilm_router: Router, text: str
) -> None:
    # A support agent's goodwill offer: it went to a search of the customer's reviews.
    route = minilm_router.route(text, Memory(), "support")
    assert (route.tool, route.args) == ("draft_offer", {"customer_id": "00042"})
    assert APOLOGY_NOTE in route.reason
    # Asking what they complained about is still their reviews.
    asked = minilm_router.route("reviews by 00042 about late delivery", Memory(), "support")
    assert asked.tool == "search_reviews"
