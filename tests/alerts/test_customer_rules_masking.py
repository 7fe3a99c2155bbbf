"""A negative review's alert excerpt is masked as a marketer sees any text: e-mail addresses
and phone numbers alike, by the one function that masks them (assistant/roles.py)."""

import pandas as pd

from assistant.alerts.customer_rules import excerpt
from assistant.alerts.rules import evaluate
from assistant.roles import mask_contacts
from assistant.settings import Settings
from tests.alerts.factories import make_batch, make_reviews, make_scores, population

VIP = "00042"
SEGMENTS = pd.Series({VIP: "champions"})


def test_an_excerpt_masks_phone_numbers_as_well_as_e_mail() -> None:
    text = "Stale.\nCall me:  +49 171 1234567 or 0171 1234567, or write to a.b@example.org."
    assert excerpt(text) == (
        "Stale. Call me: [phone removed] or [phone removed], or write to [email removed]."
    )
    assert excerpt(text) == mask_contacts(" ".join(text.split()))


def test_a_negative_review_alert_carries_no_phone_number() -> None:
    scores = make_scores(population() | {VIP: (0.4, 500.0)})
    text = "Awful coffee, 2 stars. Ring me on 030/1234567 before 2024-05-01!"
    review = {"review_id": "r1", "customer_id": VIP, "sentiment": -0.6, "text": text}
    [alert] = evaluate(make_batch(scores, scores, make_reviews([review])), SEGMENTS, Settings())
    masked = "Awful coffee, 2 stars. Ring me on [phone removed] before 2024-05-01!"
    assert alert.facts["excerpt"] == masked
    assert "1234567" not in repr(alert)
