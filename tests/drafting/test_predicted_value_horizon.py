"""A segment's predicted value is spend over the value horizon (RETAIN_CLV_HORIZON_DAYS, 365 days
unless set), so a summary may name that span in any words ("your predicted spend next year",
"over the next 12 months"), where "next year" alone was refused as a date the facts lack. A
span or date the facts do not hold is still refused, and an offer, which gives no horizon,
reads "next year" as a date as before."""

from dataclasses import replace

import pytest

from assistant.drafting import policy_from_settings, verify
from assistant.drafting.horizon import horizon_spans
from assistant.settings import Settings
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

OPENING = "Lapsing coffee lovers are 1,234 customers who bring in 18.7% of revenue. "


def problems(sentence: str, horizon_days: int = 365) -> list[tuple[str, str]]:
    policy = replace(POLICY, value_horizon_days=horizon_days)
    grounding = segment_facts().grounding(policy, CATALOGUE)
    return [(v.kind, v.text) for v in verify(OPENING + sentence, grounding, policy)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Their predicted spend next year is $88.40 on average.",
        "Each is expected to spend $88.40 on average next year.",
        "Each is expected to spend $88.40 over the next 12 months.",
        "Each is expected to spend $88.40 in the next twelve months.",
        "Each is expected to spend $88.40 over the coming year.",
        "Each is expected to spend $88.40 over the next 365 days.",
        "Each is expected to spend $88.40 over the next year.",
    ],
)
def test_the_value_horizon_passes_in_its_own_words(sentence: str) -> None:
    assert problems(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "refused"),
    [
        ("Each is expected to spend $88.40 next month.", ("invented_date", "next month")),
        ("Each is expected to spend $88.40 next quarter.", ("invented_date", "next quarter")),
        ("Each is expected to spend $88.40 over the next 6 months.", ("invented_number", "6")),
        ("Each is expected to spend $88.40 over the next 90 days.", ("invented_number", "90")),
        ("Each is expected to spend $88.40 in 2027.", ("invented_date", "2027")),
        ("Each is expected to spend $88.40 by March 2027.", ("invented_date", "March 2027")),
    ],
)
def test_a_span_or_date_the_facts_do_not_hold_is_still_refused(
    sentence: str, refused: tuple[str, str]
) -> None:
    assert problems(sentence) == [refused]


def test_a_90_day_horizon_is_named_as_such_and_next_year_is_not_it() -> None:
    assert problems("Each is expected to spend $88.40 over the next 90 days.", 90) == []
    assert problems("Each is expected to spend $88.40 over the next 3 months.", 90) == []
    assert problems("Their predicted spend next year is $88.40.", 90) == [
        ("invented_date", "next year")
    ]
    assert problems("Each is expected to spend $88.40 over the next 12 months.", 90) == [
        ("invented_number", "12")
    ]


def test_the_horizon_comes_from_the_settings() -> None:
    policy = policy_from_settings(Settings(clv_horizon_days=90))
    assert segment_facts().grounding(policy, CATALOGUE).horizon_days == 90


def test_spend_next_year_is_still_read_as_spend_to_come() -> None:
    # The horizon is blanked for the dates, not for the words that put spend ahead.
    assert problems("They spend $88.40 next year.") == []
    assert problems("They spend $88.40 a year.") == [("spend_as_past", "$88.40")]


def test_an_offer_gives_no_horizon_and_next_year_stays_a_date() -> None:
    grounding = offer_facts().grounding(POLICY, CATALOGUE)  # 15% off until May 1, 2026
    assert grounding.horizon_days is None
    text = "Hi Ada, enjoy 15% off until May 1, 2026, and more next year."
    assert [(v.kind, v.text) for v in verify(text, grounding, POLICY)] == [
        ("invented_date", "next year")
    ]
    assert horizon_spans("next year", None) == []
