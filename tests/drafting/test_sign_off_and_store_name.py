"""A store's own sign-off and name (RETAIN_OFFER_SIGN_OFF, RETAIN_STORE_NAME): the prompt shows
them quoted as data, a draft that ends with the sign-off passes the real checker, and a draft
signed by anyone else is refused."""

import pytest

from assistant.drafting import OfferPolicy, draft_offer, verify
from prompts import render
from tests.drafting.factories import CATALOGUE, offer_facts
from tests.drafting.fake import ScriptedModel

HOUSE = OfferPolicy(sign_off="The Happy Brewing team", store_name="Happy Brewing Co.")
BODY = (
    "Subject: 15% off for you, Ada\n"
    "Hi Ada,\n"
    "We miss you at Happy Brewing. Here is 15% off your next Coffee order, valid until "
    "May 1, 2026.\n"
)


def found(text: str, policy: OfferPolicy = HOUSE) -> list[tuple[str, str]]:
    grounding = offer_facts().grounding(policy, CATALOGUE)
    return [(v.kind, v.text) for v in verify(text, grounding, policy)]


@pytest.mark.parametrize(
    "ending",
    [
        "The Happy Brewing team",
        "Best wishes,\nThe Happy Brewing team",
        "Cheers, The Happy Brewing team",
        "Your friends at Happy Brewing",
        "Happy Brewing Co.",
    ],
)
def test_a_draft_signed_with_the_configured_sign_off_passes_the_checker(ending: str) -> None:
    assert found(BODY + ending) == []


@pytest.mark.parametrize(
    ("ending", "signer"),
    [
        ("The Brew Barn team", "The Brew Barn team"),
        ("Best wishes,\nThe Brew Barn team", "The Brew Barn team"),
        ("Your friends at Brew Barn", "Your friends at Brew Barn"),
        ("Regards,\nBob", "Bob"),
        ("Best wishes, Bob from Happy Brewing", "Bob from Happy Brewing"),
    ],
)
def test_a_draft_signed_by_anyone_else_is_refused(ending: str, signer: str) -> None:
    assert found(BODY + ending) == [("wrong_name", signer)]
    # The same signers are refused under the default sign-off too.
    assert ("wrong_name", signer) in found(BODY + ending, OfferPolicy())


def test_the_prompt_shows_the_sign_off_and_store_name_quoted_as_data() -> None:
    facts = offer_facts().prompt_facts(HOUSE)
    for template in ("offer_email", "offer_sms"):
        prompt = render(template, facts)
        block = prompt.user[prompt.user.index("<facts>") : prompt.user.index("</facts>")]
        assert 'store_name: "Happy Brewing Co."' in block
        assert "Happy Brewing" not in prompt.system  # never among the instructions
    email = render("offer_email", facts)
    assert 'sign_off: "The Happy Brewing team"' in email.user
    # An apostrophe stays inside the JSON quotes: the value cannot end them.
    own = render("offer_email", offer_facts().prompt_facts(OfferPolicy(sign_off="Ada's team")))
    assert 'sign_off: "Ada\'s team"' in own.user


def test_the_model_is_asked_for_the_sign_off_and_its_draft_passes_first_time() -> None:
    model = ScriptedModel(BODY + "The Happy Brewing team")
    result = draft_offer(offer_facts(), model, HOUSE, CATALOGUE)
    assert result.path == "first_pass", result.violations
    assert result.text.endswith("\nThe Happy Brewing team")
    assert 'sign_off: "The Happy Brewing team"' in model.prompts[0][-1]["content"]


def test_a_draft_that_signs_as_the_example_or_another_house_ends_in_the_fallback() -> None:
    # "The team" is the worked example's sign-off: copied, not this store's.
    model = ScriptedModel(BODY + "The team", BODY + "The Brew Barn team")
    result = draft_offer(offer_facts(), model, HOUSE, CATALOGUE)
    assert result.path == "fallback"
    assert [(v.kind, v.text) for a in result.attempts[:2] for v in a.violations] == [
        ("copied_example", "The team"),
        ("wrong_name", "The Brew Barn team"),
    ]
    retry = model.prompts[1][-1]["content"]
    assert "This customer's sign_off is 'The Happy Brewing team': write that instead" in retry
    assert result.attempts[-1].violations == ()
    thanks = "Thank you for shopping with Happy Brewing Co."  # the whole name, one stop
    assert result.text.endswith(f"{thanks}\nThe Happy Brewing team")


def test_an_unnamed_store_keeps_the_fallbacks_plain_words() -> None:
    result = draft_offer(offer_facts(), ScriptedModel("Subject: 90% off"), OfferPolicy(), CATALOGUE)
    assert result.path == "fallback"
    assert result.text.endswith("Thank you for shopping with us.\nThe team")


@pytest.mark.parametrize(
    ("store", "claim", "kind"),
    [
        ("Free Shipping Co.", "free shipping on every order", "unsupported_promise"),
        ("Half Price Books Ltd.", "half price on every book", "invented_number"),
    ],
)
def test_a_store_name_that_reads_as_a_claim_does_not_switch_its_check_off(
    store: str, claim: str, kind: str
) -> None:
    policy = OfferPolicy(store_name=store)
    body = BODY.replace("at Happy Brewing", f"at {store}")
    assert found(body + "The team", policy) == []  # the whole name is the store's own text
    made = found(body.replace("valid until", f"and {claim}, valid until") + "The team", policy)
    assert kind in [k for k, _ in made]
