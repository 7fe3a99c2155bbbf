"""Fallback copy: slots filled, defaults used, and a line with a missing value left out."""

import pytest

from prompts import TemplateError, fallback_names, render_fallback


def test_full_offer_email() -> None:
    text = render_fallback(
        "offer_email",
        {
            "discount_pct": "15",
            "offer_expires": "May 1, 2026",
            "customer_name": "Ada",
            "favourite_category": "Tea",
            "perks": "free shipping",
        },
    )
    assert text.startswith("Subject: 15% off your next order\nHi Ada,")
    assert "valid until May 1, 2026" in text and "Tea" in text and "free shipping" in text


def test_missing_values_drop_their_line_and_defaults_fill_in() -> None:
    text = render_fallback("offer_email", {"discount_pct": "10", "offer_expires": "May 1, 2026"})
    assert "Hi there," in text
    assert "{" not in text and "perks" not in text and "waiting" not in text


def test_values_are_one_line() -> None:
    text = render_fallback("offer_sms", {"discount_pct": "5", "offer_expires": "a\nb"})
    assert text.count("\n") == 0 and "a b" in text


def test_names_and_unknown() -> None:
    assert set(fallback_names()) == {"offer_email", "offer_sms", "segment_summary"}
    with pytest.raises(TemplateError):
        render_fallback("nope", {})
