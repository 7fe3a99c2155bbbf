"""Ids as people type them: digit groups ("12,345"), digits of other scripts, several alert
numbers in one message. A part of a number is never an id."""

import pytest

from assistant.routing import Vocabulary, extract
from assistant.routing.reading import normalise


@pytest.mark.parametrize(
    ("text", "ids"),
    [("who is customer 12,345", ("12345",)), ("customer #12,345 please", ("12345",)),
     ("id 12.345", ("12345",)), ("customers similar to 12,345", ("12345",)),
     ("customer 1,234,567", ("1234567",)), ("customer42", ("00042",)),
     ("customer 12,34", ()), ("customer #1234,567", ()), ("cust 42.5", ()),
     ("compare customers 42, 77 and 90", ("00042", "00077", "00090")),
     ("customer 42, then the next one", ("00042",))],
)  # fmt: skip
def test_digit_groups_make_one_id_and_part_of_a_number_none(
    text: str, ids: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).customer_ids == ids


@pytest.mark.parametrize(
    ("text", "alert_id", "ids"),
    [("explain alert #3 and alert #5", 3, ()), ("explain alerts #3 and #5", 3, ()),
     ("explain alert #3 for customer #42", 3, ("00042",)), ("explain #5", None, ("00005",))],
)  # fmt: skip
def test_alert_numbers_are_never_customers(
    text: str, alert_id: int | None, ids: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.alert_id, x.customer_ids) == (alert_id, ids)


def test_digits_of_any_script_read_as_ascii(vocabulary: Vocabulary) -> None:
    full_width, arabic_indic = "\uff14\uff12", "\u0664\u0662"
    assert extract(f"customer {full_width}", vocabulary).customer_ids == ("00042",)
    assert extract(f"who is {arabic_indic}", Vocabulary(id_width=None)).customer_ids == ()
    assert extract(f"customer {arabic_indic}", vocabulary).customer_ids == ("00042",)
    assert extract(f"explain alert {full_width}", vocabulary).alert_id == 42
    assert extract(f"plan a budget of ${full_width}00", vocabulary).amount == 4200.0
    message = f"Customer {full_width}\n\tok"
    assert normalise(message) == "customer 42  ok" and len(normalise(message)) == len(message)
