"""Notes with an answer for what the question asked that the tools cannot do as asked: money off
an offer (offers take a percentage), two segments that cannot both apply, several customers (the
tools take one), a customer left out, a segment asked of a tool that cannot filter by one, and a
period asked of a tool that has none."""

import pytest

from assistant.routing import SIGNATURES, Memory, Route, Router, Vocabulary, extract
from assistant.routing.args import build


def _args(tool: str, text: str, vocabulary: Vocabulary) -> tuple[dict[str, object], str]:
    built = build(SIGNATURES[tool], extract(text, vocabulary), text.lower(), Memory())
    return built.values, built.reason


def test_money_off_an_offer_says_offers_take_a_percentage(vocabulary: Vocabulary) -> None:
    values, reason = _args("draft_offer", "draft a $15 off offer for champions", vocabulary)
    assert values == {"segment": "champions"}  # no money-off offer is invented
    assert reason.startswith("Offers take a percentage off, not an amount")
    assert '"a 10% offer"' in reason  # an example of asking, no conversion of $15
    note = Route("tool", "draft_offer", values, reason=reason).note({"discount_pct": 10})
    assert "the policy's default of 10% off" in note and "$" not in note
    percent, none = _args("draft_offer", "draft a 15% off offer for champions", vocabulary)
    assert percent == {"segment": "champions", "discount_pct": 15.0} and none == ""
    _, reason = _args("draft_offer", "draft a $500 discount for champions", vocabulary)
    assert '"a 10% offer"' in reason  # no "500%" suggested


def test_a_note_fills_in_only_what_the_tool_knew() -> None:
    route = Route("tool", "draft_offer", reason="costs $5 and ${discount_pct}% off; $segment")
    assert route.note({"discount_pct": 12, "segment": "x"}) == "costs $5 and 12% off; $segment"
    assert route.note({}) == "costs $5 and ${discount_pct}% off; $segment"


def test_at_risk_words_leave_the_other_segment_as_the_filter(vocabulary: Vocabulary) -> None:
    values, reason = _args("at_risk_customers", "top 5 at risk loyal customers", vocabulary)
    assert values == {"segment": "loyal", "limit": 5} and reason == ""
    named, _ = _args("at_risk_customers", "top 5 customers of the at risk segment", vocabulary)
    assert named == {"segment": "at risk", "limit": 5}
    # A segment word elsewhere names the other segment, not "at risk" (it got a note that the
    # answer, which counts the loyal ones at risk, did not cover 'at risk').
    text = "how many at risk customers do we have in the loyal segment"
    assert _args("at_risk_customers", text, vocabulary) == ({"segment": "loyal"}, "")


def test_one_group_named_by_two_segments_gets_a_note(vocabulary: Vocabulary) -> None:
    text = "reviews from hibernating champions"
    assert extract(text, vocabulary).segments == ("hibernating", "champions")  # longest first
    values, reason = _args("search_reviews", text, vocabulary)
    assert values == {"segment": "hibernating"}
    assert (
        reason
        == "A customer is in one segment only, so this covers 'hibernating', not 'champions'."
    )
    one, none = _args("search_reviews", "reviews from hibernating customers", vocabulary)
    assert one == {"segment": "hibernating"} and none == ""


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "reviews from champions and hibernating customers",
            "this is for hibernating; ask again for champions.",
        ),
        ("reviews from champions and loyal", "this is for champions; ask again for loyal."),
        (
            "reviews from champions, loyal or lost customers",
            "this is for champions; ask again for loyal or lost.",
        ),
        ("reviews from champions customers & loyal ones", "this is for champions; ask again "
                                                          "for loyal."),
    ],
)  # fmt: skip
def test_two_groups_asked_get_one_at_a_time(text: str, note: str, vocabulary: Vocabulary) -> None:
    values, reason = _args("search_reviews", text, vocabulary)
    assert reason == f"I can answer for one segment at a time: {note}"
    assert values == {"segment": note.split()[3].rstrip(";")}


def test_the_real_router_on_segment_words(minilm_router: Router) -> None:
    # "Top" customers with no word of risk are the most valuable ones.
    for text, by in (
        ("top 5 loyal customers", {"by": "clv"}),
        ("top 5 at risk loyal customers", {}),
    ):
        route = minilm_router.route(text, Memory(), "operator")
        args = {"segment": "loyal", "limit": 5} | by
        assert (route.tool, route.args) == ("at_risk_customers", args)
    champions = minilm_router.route("top 20 at-risk champions", Memory(), "operator")
    assert champions.args == {"segment": "champions", "limit": 20}
    offer = minilm_router.route("draft a $15 off offer for champions", Memory(), "marketer")
    assert (offer.tool, offer.args) == ("draft_offer", {"segment": "champions"})
    assert offer.reason.startswith("Offers take a percentage off")


@pytest.mark.parametrize(
    ("text", "noted"),
    [("most valuable customers last year", True), ("who churned in march", True),
     ("best customers last year", False),
     ("best sellers last month", False), ("plan a 5k budget for this quarter", False),
     ("forecast demand for last quarter", False), ("who should we call today?", False)],
)  # fmt: skip
def test_a_period_a_tool_cannot_take_is_noted(
    minilm_router: Router, text: str, noted: bool
) -> None:
    # Not for a tool that takes a period or a horizon, nor for "this quarter" (to date).
    route = minilm_router.route(text, Memory(), "operator")
    note = "This answer cannot be limited to the period asked; it is as of the latest data."
    assert (route.reason == note) == noted


def test_several_customers_say_which_one_the_answer_is_about(vocabulary: Vocabulary) -> None:
    values, reason = _args("customer_profile", "customers 42 and 77", vocabulary)
    assert values == {"customer_id": "00042"}
    assert reason == "This answer is about customer 00042 only; ask about 00077 on its own."


def test_a_customer_left_out_is_never_the_one_asked_about(vocabulary: Vocabulary) -> None:
    text = "draft a 15% offer for everyone in champions except 00042"
    values, reason = _args("draft_offer", text, vocabulary)
    assert values == {"segment": "champions", "discount_pct": 15.0}
    assert reason == "I can't leave out one customer ('00042'), so this covers every customer."


def test_a_segment_a_tool_cannot_filter_by_is_noted(vocabulary: Vocabulary) -> None:
    _, reason = _args("top_products", "best sellers of coffee for the lost segment", vocabulary)
    assert reason == ""  # top_products takes a segment
    _, reason = _args("model_report", "model metrics for the lost segment", vocabulary)
    assert reason == "This cannot be limited to one segment ('lost'); it covers every segment."
    values, reason = _args("list_alerts", "what alerts are open for the lost segment?", vocabulary)
    assert (values, reason) == ({"segment": "lost", "state": "open"}, "")
    assert _args("list_segments", "list segments like champions", vocabulary)[1] == ""
    assert _args("customer_profile", "is customer 42 in champions", vocabulary)[1] == ""
