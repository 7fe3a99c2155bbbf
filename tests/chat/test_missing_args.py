"""What the chat asks for when a question leaves out what its tool needs: one of a tool's
alternatives is asked as alternatives ("which customer ... or which segment"), and a role is
never asked for what it may not see (support lists no segments). It asked for both, with
"and", of everyone (R21)."""

from assistant.chat.replies import missing


def test_an_offers_customer_or_segment_is_asked_as_alternatives() -> None:
    assert missing("draft_offer", ("customer_id", "segment"), "marketer").endswith(
        "I need which customer (their id, e.g. 00042) or which segment: new, champions, loyal, "
        "promising, can't lose, at risk, needs attention, hibernating or lost."
    )


def test_support_is_asked_for_the_customer_alone() -> None:
    assert missing("draft_offer", ("customer_id", "segment"), "support").endswith(
        "I need which customer (their id, e.g. 00042)."
    )


def test_required_arguments_are_all_asked() -> None:
    said = missing("plan_budget", ("budget",), "operator")
    assert said.endswith("I need the budget (e.g. $5k).")
