"""Questions about the discount policy go to discount_policy, for every role, where R21 saw them
taken for an offer to draft (which asked for a customer) or for a budget plan; an offer asked
with the policy's words ("the max discount", "a 30% discount") stays an offer; and the policy
asked after another question is named under the answer, not dropped."""

import pytest

from assistant.chat.second_question import unanswered
from assistant.roles import Role, may_use
from assistant.routing import Memory, Router

ASKED = (
    "what is the discount policy?",
    "whats the max discount i can give",
    "which perks can we offer",
    "how long are offers valid",
)


@pytest.mark.parametrize("role", ["marketer", "support", "operator"])
@pytest.mark.parametrize("text", ASKED)
def test_the_policy_is_stated(minilm_router: Router, text: str, role: Role) -> None:
    route = minilm_router.route(text, Memory(), role)
    assert (route.kind, route.tool, route.args) == ("tool", "discount_policy", {})


@pytest.mark.parametrize("role", ["marketer", "support"])
def test_an_offer_in_the_policys_words_stays_an_offer(minilm_router: Router, role: Role) -> None:
    drafted = minilm_router.route("draft an offer with the max discount for 00042", Memory(), role)
    assert (drafted.tool, drafted.args) == ("draft_offer", {"customer_id": "00042"})
    # The tool refuses 30% with the policy's maximum, as it did before.
    above = minilm_router.route("can i give 00042 a 30% discount?", Memory(), role)
    assert (above.tool, above.args) == ("draft_offer", {"customer_id": "00042", "discount_pct": 30})


def test_the_policy_asked_second_is_named(minilm_router: Router) -> None:
    text = "which segment is 00042 in and whats the discount policy"
    first = minilm_router.route(text, Memory(), "support")
    assert (first.tool, first.args) == ("customer_profile", {"customer_id": "00042"})
    said = unanswered(
        text,
        "customer_profile",
        lambda part: minilm_router.route(part, Memory(), "support"),
        lambda tool: may_use("support", tool),
    )
    assert said == (
        'You also asked "whats the discount policy": ask it on its own and I will answer it.'
    )
