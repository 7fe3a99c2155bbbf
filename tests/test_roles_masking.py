"""What a marketer receives: contact fields dropped, e-mail addresses and phone numbers masked
in any text, and the rest of the text (prices, dates, order numbers, ratings, ids) untouched;
the refusal says exactly that, and no more."""

import pytest

from assistant.roles import (
    CONTACTS_REFUSAL,
    EMAIL,
    EMAIL_MASK,
    PHONE_MASK,
    mask_contacts,
    redact,
)

PHONES = [
    "+49 30 1234567",
    "+49 (0)30 1234567",
    "+491711234567",
    "+44 20 7946 0958",
    "0044 20 7946 0958",
    "+1 (555) 123-4567",
    "0171 1234567",
    "01711234567",
    "030/1234567",
    "(030) 123456",
    "06 12 34 56 78",
    "07911 123456",
    "555-123-4567",
    "(555) 123-4567",
    "555.123.4567",
    "1-800-555-1234",
]
NOT_PHONES = [
    "$1,234.56",
    "12.50 €",
    "1.234.567,00 EUR",
    "0,99",
    "2024-03-31",
    "31.01.2024",
    "01.02.2024 14:05",
    "03/31/2024",
    "1997-01-01 to 1998-06-30",
    "order o00042-3",
    "order #100234567",
    "5/5 stars",
    "rated it 4 stars, 3 times",
    "customer 00042",
    "product B000EYLDYE",
    "review afr-trai-123",
    "ISBN 978-3-16-148410-0",
    # Ids shaped like a phone with a trunk zero: after their name, in a link, or unbroken.
    "ISBN-10: 0738551856",
    "amazon.com/gp/product/0961959533",
    "https://www.amazon.com/dp/0961959533/",
    "order 0012345678",
    "serial 00123456789",
    "Batch 0042 1234 5678",
    "ref 0123-456-789",
    "Lot 06 12 34 56 78",
    "#0171 1234567",
    "0738551856",
    "5551234567",
    "12:30",
    "99.9%",
]


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_number_in_text_is_masked(phone: str) -> None:
    text = f"Call me on {phone}. Awful beans."
    assert mask_contacts(text) == f"Call me on {PHONE_MASK}. Awful beans."


@pytest.mark.parametrize(
    "written",
    [
        "call me at 5551234567",
        "Call me on 01711234567",
        "phone: 0012345678",
        "tel. 5551234567",
        "text me on 5551234567",
        "reach me at 5551234567",
        "mobile 01711234567",
        "cell: 5551234567",
    ],
)
def test_an_unbroken_run_of_digits_is_a_phone_just_after_a_phone_word(written: str) -> None:
    text = f"Awful beans, {written}."
    number = written.split()[-1]
    assert mask_contacts(text) == text.replace(number, PHONE_MASK)


@pytest.mark.parametrize("written", NOT_PHONES)
def test_prices_dates_order_numbers_ratings_and_ids_are_left_alone(written: str) -> None:
    text = f"Paid {written} and it was bad."
    assert mask_contacts(text) == text


def test_a_marketer_gets_review_text_with_phone_and_e_mail_masked_at_any_depth() -> None:
    review = {"review_id": "r1", "text": "Ring 0171 1234567 or mail ann@example.com, 2 stars"}
    result = {"reviews": [review], "answer": "Quote: call +44 20 7946 0958"}
    shown = redact(result, "marketer")
    assert shown["reviews"][0]["text"] == (f"Ring {PHONE_MASK} or mail {EMAIL_MASK}, 2 stars")
    assert shown["answer"] == f"Quote: call {PHONE_MASK}"
    assert redact(result, "support") == result  # support sees contacts


def test_the_refusal_says_what_is_masked_and_does_not_promise_names_in_reviews() -> None:
    assert "phone numbers" in CONTACTS_REFUSAL and "e-mail addresses" in CONTACTS_REFUSAL
    assert "a name written in a review is not" in CONTACTS_REFUSAL


def test_an_over_long_address_is_still_masked() -> None:
    address = "x" * 70 + "@example.com"
    assert mask_contacts(f"mail {address} now") == f"mail {EMAIL_MASK} now"


def test_an_address_is_read_from_where_its_characters_start() -> None:
    # What keeps masking linear on a long run of address characters ("0" * 20000): the pattern
    # is not tried again from inside the run, so the run is read once.
    assert EMAIL.match("ann@example.com", 1) is None
    assert EMAIL.match("ann@example.com", 0) is not None
