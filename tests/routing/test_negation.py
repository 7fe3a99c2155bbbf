"""A value the message leaves out ("except loyal ones", "reviews that aren't positive") is
never the filter: alert states take their opposite, segments and sentiments go unfiltered and
the route says so."""

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build
from assistant.routing.negation import negation


@pytest.mark.parametrize(
    ("text", "segment", "excluded"),
    [("top 10 at risk customers except loyal ones", "at risk", "loyal"),
     ("at risk customers who are not champions", "at risk", "champions"),
     ("plan a budget of $5000 but not for champions", None, "champions"),
     ("plan a budget of $5000 excluding loyal customers", None, "loyal"),
     ("customers other than the hibernating ones", None, "hibernating"),
     ("offers for non-champions", None, "champions"),
     ("instead of loyal customers, summarise the champions", "champions", "loyal")],
)  # fmt: skip
def test_a_segment_left_out_is_not_the_segment(
    text: str, segment: str | None, excluded: str, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert x.segment == segment
    assert x.excluded == (("segment", excluded),)


@pytest.mark.parametrize(
    "text",
    ["why haven't our champions ordered lately", "why don't champions buy more",
     "champions who are not buying", "summarise the champions, not the details"],
)  # fmt: skip
def test_a_negated_verb_leaves_the_segment_alone(text: str, vocabulary: Vocabulary) -> None:
    x = extract(text, vocabulary)
    assert (x.segment, x.excluded) == ("champions", ())


def test_not_just_a_segment_is_no_filter(vocabulary: Vocabulary) -> None:
    x = extract("at risk customers, not just champions", vocabulary)
    assert (x.segment, x.excluded) == ("at risk", ())


@pytest.mark.parametrize(
    ("text", "sentiment", "excluded"),
    [("show reviews that aren't positive", None, ("positive",)),
     ("what do customers who are not happy say about shipping", None, ("positive",)),
     ("reviews from customers who don't love us", None, ("positive",)),
     ("reviews with no complaints", None, ("negative",)),
     ("not the positive reviews, the negative ones", "negative", ("positive",)),
     ("negative reviews that are not about shipping", "negative", ())],
)  # fmt: skip
def test_a_sentiment_left_out_is_not_the_sentiment(
    text: str, sentiment: str | None, excluded: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert x.sentiment == sentiment
    assert x.excluded == tuple(("sentiment", label) for label in excluded)


@pytest.mark.parametrize(
    ("text", "state"),
    [("show alerts that are not open", "acknowledged"),
     ("alerts that aren't new", "acknowledged"),
     ("show me alerts except acknowledged ones", "open"),
     ("alerts other than the handled ones", "open"),
     ("show all alerts, not just open ones", "all"),
     ("not only the acknowledged alerts", "all"),
     ("alerts not yet acknowledged", "open"), ("alerts that are no longer open", "acknowledged")],
)  # fmt: skip
def test_an_alert_state_left_out_is_the_other_state(
    text: str, state: str, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.alert_state, x.excluded) == (state, ())


def test_the_cue_must_stand_right_before_the_value() -> None:
    text = "not that it matters, show the loyal ones"
    assert negation(text, text.index("loyal")) == ""
    assert negation("except for the loyal", 15) == "excluded"
    assert negation("not just the loyal", 13) == "not only"
    assert negation("customers who don't love us", 20) == ""  # a verb: only for feelings
    assert negation("customers who don't love us", 20, feelings=True) == "excluded"


def test_an_excluded_value_is_never_an_argument_and_the_route_says_so(
    vocabulary: Vocabulary,
) -> None:
    text = "plan a budget of $5000 excluding loyal customers"
    args = build(SIGNATURES["plan_budget"], extract(text, vocabulary), text, Memory())
    assert args.values == {"budget": 5000.0}
    assert args.reason == "I can't leave out one segment ('loyal'), so this covers every segment."
    # Nor from the conversation: the last call's segment is the one now left out.
    last = Memory().after("plan_budget", {"segment": "loyal", "budget": 100.0}, {})
    again = "same again but without the loyal customers"
    carried = build(
        SIGNATURES["plan_budget"], extract(again, vocabulary), again, last, carried=last.args
    )
    assert carried.values == {"budget": 100.0}


def test_a_value_chosen_alongside_needs_no_note(vocabulary: Vocabulary) -> None:
    text = "negative reviews, not the positive ones"
    args = build(SIGNATURES["search_reviews"], extract(text, vocabulary), text, Memory())
    assert (args.values, args.reason) == ({"sentiment": "negative"}, "")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [("top 10 at risk customers except loyal ones", "at_risk_customers", {"limit": 10}),
     ("at risk customers who are not champions", "at_risk_customers", {}),
     ("show reviews that aren't positive", "search_reviews", {}),
     ("show alerts that are not open", "list_alerts", {"state": "acknowledged"}),
     ("show all alerts, not just open ones", "list_alerts", {"state": "all"}),
     ("show me alerts except acknowledged ones", "list_alerts", {"state": "open"})],
)  # fmt: skip
def test_the_router_never_applies_what_is_left_out(
    text: str, tool: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "admin")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "channel"),
    [("an offer for 00042, not an sms", "email"), ("offer for 00042 except sms", "email"),
     ("draft an offer for 00042, not by email", "sms"), ("no sms, draft it for 00042", "email"),
     ("draft an offer for 00042, don't text them", "email"), ("draft an sms for 00042", "sms")],
)  # fmt: skip
def test_a_channel_left_out_is_the_other_channel(
    text: str, channel: str, vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).channel == channel
