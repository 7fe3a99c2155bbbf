"""Follow-ups about one customer stay with that customer ("their lifetime value?" after a
profile, "why is there risk so high?" misspelt, "them" after a list of one); a number asked
about as a person ("who is 7592") is that customer, padded; and "which of them are at risk?"
after a ranking with no bounds reads the rows shown by churn risk (risk_reading.py) rather
than answering with the store-wide at-risk list."""

from typing import Any

import pytest

from assistant.roles import Role
from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.followup import their_misspelt
from assistant.routing.ranked_again import risk_of_rows
from assistant.routing.risk_reading import RISK_NOTE, rows_by_risk
from assistant.routing.route import Route

PROFILE = Memory().after("customer_profile", {"customer_id": "22279"}, {})
ABOUT_THEM = (
    "their lifetime value?",
    "why is their risk so high",
    "why is there risk so high?",
    "their orders?",
    "whats their risk and value",
    "what is his lifetime value",
)


@pytest.mark.parametrize("text", ABOUT_THEM)
def test_a_pronoun_after_a_profile_is_that_customer(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, PROFILE, "operator")
    # Each asks about a part, which the profile opens with (test_profile_parts.py).
    assert (route.tool, route.args["customer_id"]) == ("customer_profile", "22279")


@pytest.mark.parametrize("text", ABOUT_THEM[:3])
def test_support_gets_the_profile_not_a_refused_list(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, PROFILE, "support")
    assert (route.kind, route.tool) == ("tool", "customer_profile")


def test_others_like_them_are_still_others(minilm_router: Router) -> None:
    route = minilm_router.route("which other customers are at risk like her?", PROFILE, "operator")
    assert route.tool != "customer_profile"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("why is there risk so high?", "why is their risk so high?"),
     ("Why is There churn risk too high", "Why is Their churn risk too high"),
     ("what are there orders?", "what are their orders?"),
     ("is there risk of churn?", "is there risk of churn?"),
     ("are there orders this week?", "are there orders this week?"),
     ("are there orders?", "are there orders?")],
)  # fmt: skip
def test_there_is_their_only_where_their_is_meant(typed: str, read: str) -> None:
    assert their_misspelt(typed) == read


def test_a_list_of_one_customer_is_that_customer(minilm_router: Router) -> None:
    memory = Memory().after("top_customers", {"limit": 1}, {"rows": [{"customer_id": "18847"}]})
    assert (memory.customer_id, memory.subject) == ("18847", "customer")
    route = minilm_router.route("their lifetime value?", memory, "operator")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "18847",
                                                             "about": "value"})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "customer"),
    [("who is 7592", "07592"), ("look up 42", "00042"), ("who's 42?", "00042"),
     ("pull up 7592 please", "07592"), ("who is 1997", "01997")],
)  # fmt: skip
def test_a_number_asked_about_as_a_person_is_that_customer(
    vocabulary: Vocabulary, text: str, customer: str
) -> None:
    assert extract(text, vocabulary).customer_ids == (customer,)


@pytest.mark.parametrize(
    "text",
    ["top 10", "customers in 1997", "tell me about 1997", "$500 budget", "sales last 30 days",
     "look up 30 days", "who is top in 1997"],
)  # fmt: skip
def test_amounts_counts_years_and_days_stay_numbers(vocabulary: Vocabulary, text: str) -> None:
    assert extract(text, vocabulary).customer_ids == ()


@pytest.mark.parametrize("role", ["support", "operator"])
def test_who_is_a_short_number_is_their_profile(minilm_router: Router, role: Role) -> None:
    route = minilm_router.route("who is 7592", Memory(), role)
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "07592"})


ROWS = [
    {"customer_id": "18847", "churn_risk": 0.12},
    {"customer_id": "15238", "churn_risk": 0.72},
    {"customer_id": "00013", "churn_risk": None},
]


def after_ranking(tool: str, args: dict[str, Any]) -> Memory:
    return Memory().after(tool, args, {"rows": ROWS})


@pytest.mark.parametrize(
    ("tool", "args"),
    [("top_customers", {"limit": 10}), ("top_customers", {"year": "1997", "offset": 10}),
     ("at_risk_customers", {"limit": 10, "by": "clv"})],
)  # fmt: skip
@pytest.mark.parametrize(
    "text", ["which of them are at risk", "are any of them likely to churn?", "rank them by risk"]
)
def test_which_of_them_are_at_risk_reads_the_rows_shown(
    minilm_router: Router, tool: str, args: dict[str, Any], text: str
) -> None:
    route = minilm_router.route(text, after_ranking(tool, args), "operator")
    assert (route.tool, route.args, route.reason) == (tool, args, RISK_NOTE)


def test_the_note_reads_the_rows_riskiest_first() -> None:
    note = Route("tool", tool="top_customers", reason=RISK_NOTE).note({"rows": ROWS})
    assert note == (
        "By churn risk now, riskiest first: 15238 72%, 18847 12%. "
        "Not scored yet, so no churn risk: 00013."
    )
    assert rows_by_risk({"rows": [{"customer_id": "1", "churn_risk": 0.001}]}).endswith("<1%.")


def test_after_bounds_them_are_everyone_within_them() -> None:
    assert not risk_of_rows("which of them are at risk", "top_customers", {"min_revenue": 500})
    assert not risk_of_rows("which of them are at risk", "at_risk_customers", {"quiet_days": 90})
    assert not risk_of_rows("which of them are at risk", "list_segments", {})
    assert not risk_of_rows("how many of them are at risk?", "top_customers", {})
