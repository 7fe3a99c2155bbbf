"""The offer prompts tell the model whether the customer has been away (`been_away`), and
their worked examples say nothing of absence: the checker refuses "we miss you" to customers
who bought lately (assistant/drafting/absence.py), so an example teaching it to every customer
would send first drafts to recent buyers into the retry."""

from dataclasses import replace

import pytest

from assistant.drafting.absence import ABSENCE
from prompts import render
from tests.drafting.factories import POLICY, offer_facts


@pytest.mark.parametrize(
    ("gone_quiet", "line"), [(True, "been_away: yes"), (False, "been_away: no")]
)
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_prompt_says_whether_the_customer_has_been_away(
    channel: str, gone_quiet: bool, line: str
) -> None:
    facts = replace(offer_facts(), gone_quiet=gone_quiet).prompt_facts(POLICY)
    prompt = render(f"offer_{channel}", facts)
    assert line in prompt.user.splitlines()
    assert "been_away is yes" in prompt.system


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_unknown_absence_is_left_out(channel: str) -> None:
    prompt = render(
        f"offer_{channel}", replace(offer_facts(), gone_quiet=None).prompt_facts(POLICY)
    )
    assert "been_away" not in prompt.user


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_worked_example_says_nothing_of_absence(channel: str) -> None:
    prompt = render(f"offer_{channel}", offer_facts().prompt_facts(POLICY))
    assert prompt.example is not None
    assert ABSENCE.search(prompt.example[1]) is None
