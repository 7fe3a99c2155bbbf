"""Tidying drafts before verification: formatting noise goes, every claim stays."""

import pytest

from assistant.drafting import verify
from assistant.drafting.clean import tidy_email, tidy_sms, tidy_summary, unwrap_values
from tests.drafting.factories import CATALOGUE, GOOD_EMAIL, POLICY, offer_facts

GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)
VALUES = ["Ada", "May 1, 2026", "Coffee", "Coffee product B000EYLDYE", "The team"]


@pytest.mark.parametrize(
    "noisy",
    [
        f"```\n{GOOD_EMAIL}\n```",
        f"```text\n{GOOD_EMAIL}\n```",
        f"Here is the email:\n\n{GOOD_EMAIL}",
        f"Sure! Here's a short email for Ada.\n{GOOD_EMAIL}",
        GOOD_EMAIL.replace("Subject:", "**Subject:**"),
        GOOD_EMAIL.replace("Subject:", "Subject line:"),
        GOOD_EMAIL.replace("Subject:", "SUBJECT:"),
        GOOD_EMAIL + "\nHuman: Can you write it in the four parts?",
        GOOD_EMAIL + "\n\nUser: thanks\nAssistant: You're welcome!",
        GOOD_EMAIL.replace("Hi Ada,", "Hi [Ada],"),
    ],
)
def test_noise_around_a_good_email_is_removed(noisy: str) -> None:
    tidied = tidy_email(noisy, VALUES)
    assert tidied == GOOD_EMAIL
    assert verify(tidied, GROUNDING, POLICY) == []


def test_claims_and_real_placeholders_are_left_for_the_verifier() -> None:
    bad = "Subject: [Your Name] says hi\nHi [Customer Name],\n50% off, free shipping. [Ada]"
    tidied = tidy_email(bad, VALUES)
    assert (
        tidied == "Subject: [Your Name] says hi\nHi [Customer Name],\n50% off, free shipping. Ada"
    )
    kinds = {v.kind for v in verify(tidied, GROUNDING, POLICY)}
    assert {"placeholder", "over_policy_discount", "unsupported_promise"} <= kinds
    # A subject-less draft keeps its first line: only a preamble before "Subject:" goes.
    assert tidy_email("Hi Ada, 15% off.", VALUES) == "Hi Ada, 15% off."


def test_an_sms_becomes_one_line_without_quotes_or_label() -> None:
    message = "Hi Ada, 15% off until May 1, 2026."
    for noisy in [
        f'"{message}"',
        f"SMS: {message}",
        f"Here is the text message:\n{message}",
        f"```\n{message}\n```",
        "Hi Ada,\n15% off until May 1, 2026.",
        f"{message}\nHuman: shorter please",
    ]:
        assert tidy_sms(noisy, VALUES) == message, noisy


def test_only_brackets_around_given_values_are_unwrapped() -> None:
    text = "Hi [ada], see [Coffee product  B000EYLDYE] by [May 1, 2026]; [Name] [link]"
    assert unwrap_values(text, VALUES) == (
        "Hi ada, see Coffee product B000EYLDYE by May 1, 2026; [Name] [link]"
    )
    assert tidy_summary("**Loyal** buyers.\n```", []) == "Loyal buyers."
