"""The discount an offer may have, checked before any draft: a default above the maximum stops
settings at load, 0% is no offer; and the fallback says "We have missed you" only to customers
who have gone quiet (recency.py), never to champions."""

from dataclasses import replace

import pytest
from pydantic import ValidationError

from assistant.drafting import OfferPolicy, draft_offer
from assistant.drafting.recency import gone_quiet
from assistant.settings import Settings
from commerce.errors import InvalidInput
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts
from tests.drafting.fake import ScriptedModel


def test_a_default_discount_above_the_maximum_stops_settings_at_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RETAIN_DEFAULT_DISCOUNT_PCT", "30")
    with pytest.raises(ValidationError) as error:
        Settings()
    message = str(error.value)
    assert "RETAIN_DEFAULT_DISCOUNT_PCT=30 is above RETAIN_MAX_DISCOUNT_PCT=20" in message
    monkeypatch.setenv("RETAIN_MAX_DISCOUNT_PCT", "30")
    assert Settings().default_discount_pct == 30  # at the maximum: allowed


def test_a_policy_built_in_code_is_held_to_the_same_limit() -> None:
    with pytest.raises(InvalidInput, match="default discount 30% is above the policy maximum"):
        OfferPolicy(default_discount_pct=30)
    assert OfferPolicy(default_discount_pct=20).discount(None) == 20


def test_a_zero_percent_offer_is_refused_before_any_model_call() -> None:
    model = ScriptedModel("Subject: 0% off\nHi Ada,\n0% off your next order.\nThe team")
    with pytest.raises(InvalidInput, match="an offer needs a discount from 1% to 20%"):
        draft_offer(offer_facts(discount_pct=0), model, POLICY, CATALOGUE)
    with pytest.raises(InvalidInput, match=r"0% \(RETAIN_DEFAULT_DISCOUNT_PCT\)"):
        OfferPolicy(default_discount_pct=0).discount(None)
    with pytest.raises(InvalidInput, match="the policy allows no discount"):
        OfferPolicy(max_discount_pct=0, default_discount_pct=0).discount(None)
    assert model.calls == 0
    assert POLICY.discount(1) == 1


@pytest.mark.parametrize(
    ("scores", "quiet"), [([1, 2, 2], True), ([5, 4, 5], False), ([3], False), ([], None)]
)
def test_customers_have_gone_quiet_when_most_last_bought_long_ago(
    scores: list[int], quiet: bool | None
) -> None:
    assert gone_quiet(scores) is quiet


@pytest.mark.parametrize(("quiet", "missed"), [(True, True), (False, False), (None, False)])
def test_the_fallback_misses_only_customers_who_have_gone_quiet(
    quiet: bool | None, missed: bool
) -> None:
    facts = replace(offer_facts(), gone_quiet=quiet)
    result = draft_offer(facts, ScriptedModel("Subject: 99% off"), POLICY, CATALOGUE)
    assert result.path == "fallback" and result.attempts[-1].violations == ()
    assert ("We have missed you." in result.text) is missed
    assert "Here is 15% off your next order, valid until May 1, 2026." in result.text
