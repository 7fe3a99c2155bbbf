"""Each rule raises at its threshold and not below it, with the facts that explain it."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd
import pytest

from assistant.alerts.explain import explain
from assistant.alerts.model import Alert, NewAlert
from assistant.alerts.rules import evaluate
from assistant.settings import Settings
from tests.alerts.factories import REASONS, make_batch, make_reviews, make_scores, population

VIP = "00042"
SEGMENTS = pd.Series({VIP: "champions"})


def crossing(
    before: float, after: float, clv: float = 500.0, settings: Settings | None = None
) -> list[NewAlert]:
    """The alerts of a batch that moved VIP's risk from `before` to `after`."""
    batch = make_batch(
        make_scores(population() | {VIP: (before, clv)}),
        make_scores(population() | {VIP: (after, clv)}),
    )
    return evaluate(batch, SEGMENTS, settings or Settings())


def test_a_valuable_customer_crossing_the_threshold_raises_with_the_facts() -> None:
    [alert] = crossing(0.69, 0.70)
    assert (alert.rule, alert.severity, alert.customer_id, alert.segment) == (
        "risk_crossing", "high", VIP, None,
    )  # fmt: skip
    facts = alert.facts
    assert facts["churn_risk_before"] == 0.69 and facts["churn_risk_after"] == 0.70
    assert facts["risk_threshold"] == 0.7 and facts["clv"] == 500.0
    assert facts["value_at_risk"] == pytest.approx(350.0)
    assert facts["value_cutoff"] == 17.0 and facts["valuable"] is True
    assert facts["reasons"] == REASONS.split("; ") and facts["segment"] == "champions"
    assert facts["store_version"] == "v2" and facts["previous_version"] == "v1"
    assert "69%" in alert.title and "70%" in alert.title and "$500.00" in alert.title
    assert alert.dedupe_key == f"risk_crossing|customer:{VIP}|version:v2"
    assert alert.open_key == f"risk_crossing|customer:{VIP}"


@pytest.mark.parametrize(
    ("before", "after"), [(0.70, 0.95), (0.50, 0.6999), (0.75, 0.65), (0.69, 0.69)]
)
def test_no_upward_crossing_raises_nothing(before: float, after: float) -> None:
    assert crossing(before, after) == []


def test_a_crossing_needs_a_valuable_customer() -> None:
    assert crossing(0.5, 0.9, clv=15.5) == []  # the top 20% starts at 16 then
    assert len(crossing(0.5, 0.9, clv=17.0)) == 1
    assert crossing(0.5, 0.9, settings=Settings(alert_min_value=1000.0)) == []
    assert len(crossing(0.5, 0.9, clv=2.0, settings=Settings(alert_value_top_pct=100.0))) == 1


def test_a_customer_scored_for_the_first_time_crosses_nothing() -> None:
    batch = make_batch(make_scores(population()), make_scores(population() | {VIP: (0.9, 500.0)}))
    assert evaluate(batch, SEGMENTS, Settings()) == []


def test_only_the_customers_the_batch_rescored_count_unless_all_were() -> None:
    before = make_scores(population() | {VIP: (0.5, 500.0)})
    after = make_scores(population() | {VIP: (0.8, 500.0)})
    assert evaluate(make_batch(before, after, customers=["10001"]), SEGMENTS, Settings()) == []
    full = make_batch(before, after, customers=["10001"], full_rescore=True)
    assert [a.customer_id for a in evaluate(full, SEGMENTS, Settings())] == [VIP]


def test_the_per_batch_limit_keeps_the_most_value_at_risk() -> None:
    big = {"00001": 500.0, "00002": 700.0, "00003": 600.0}
    before = make_scores(population() | {c: (0.5, v) for c, v in big.items()})
    after = make_scores(population() | {c: (0.8, v) for c, v in big.items()})
    alerts = evaluate(make_batch(before, after), SEGMENTS, Settings(alert_max_per_batch=2))
    assert [a.customer_id for a in alerts] == ["00002", "00003"]


def reviewed(*reviews: Mapping[str, Any], clv: float = 500.0) -> list[NewAlert]:
    scores = make_scores(population() | {VIP: (0.4, clv)})
    batch = make_batch(scores, scores, make_reviews(reviews))
    return evaluate(batch, SEGMENTS, Settings())


def test_a_strongly_negative_review_raises_with_its_masked_excerpt() -> None:
    text = "Awful  coffee.\nWrite to me at grumpy.buyer@example.org, I want a refund!"
    [alert] = reviewed({"review_id": "r1", "customer_id": VIP, "sentiment": -0.6, "text": text})
    assert (alert.rule, alert.severity, alert.customer_id) == ("negative_review", "high", VIP)
    facts = alert.facts
    assert facts["excerpt"] == "Awful coffee. Write to me at [email removed], I want a refund!"
    assert facts["sentiment"] == -0.6 and facts["rating"] is None and facts["review_id"] == "r1"
    assert facts["churn_risk"] == 0.4 and facts["valuable"] is True
    assert "example.org" not in repr(alert)
    assert alert.dedupe_key == f"negative_review|customer:{VIP}|review:r1"


def test_a_mild_review_raises_nothing() -> None:
    assert reviewed({"review_id": "r1", "customer_id": VIP, "sentiment": -0.59, "rating": 2}) == []


def test_a_one_star_rating_alone_raises_medium_for_an_ordinary_customer() -> None:
    review = {"review_id": "r2", "customer_id": "10001", "sentiment": float("nan"), "rating": 1}
    [alert] = reviewed(review)
    assert alert.severity == "medium" and alert.facts["valuable"] is False
    assert alert.facts["rating"] == 1.0 and alert.facts["sentiment"] is None


def test_words_read_as_negative_under_four_or_five_stars_raise_nothing() -> None:
    # praise the text head misread ("difficult to drink other coffees once used to this one")
    assert reviewed({"review_id": "r1", "customer_id": VIP, "sentiment": -0.9, "rating": 5}) == []
    assert reviewed({"review_id": "r2", "customer_id": VIP, "sentiment": -0.9, "rating": 4}) == []
    assert len(reviewed({"review_id": "r3", "customer_id": VIP, "sentiment": -0.9})) == 1


def test_one_alert_per_customer_for_their_worst_review() -> None:
    [alert] = reviewed(
        {"review_id": "r1", "customer_id": VIP, "sentiment": -0.7},
        {"review_id": "r2", "customer_id": VIP, "sentiment": -0.9},
        {"review_id": "r3", "customer_id": VIP, "sentiment": 0.8},
    )
    assert alert.facts["review_id"] == "r2" and alert.facts["negative_reviews"] == 2
    assert alert.facts["review_ids"] == ["r1", "r2"]


def segment_batch(size: int, before: float, after: float) -> list[NewAlert]:
    members = {f"2{i:04d}": i for i in range(size)}
    segments = pd.Series(dict.fromkeys(members, "hibernating"))
    batch = make_batch(
        make_scores({c: (before, 10.0) for c in members}),
        make_scores({c: (after, 10.0) for c in members}),
    )
    return evaluate(batch, segments, Settings())


def test_a_segment_jump_at_the_threshold_raises_with_the_segment_facts() -> None:
    [alert] = segment_batch(20, 0.30, 0.35)
    assert (alert.rule, alert.severity, alert.customer_id, alert.segment) == (
        "segment_jump", "medium", None, "hibernating",
    )  # fmt: skip
    facts = alert.facts
    assert facts["customers"] == 20 and facts["rise"] == pytest.approx(0.05)
    assert facts["mean_churn_risk_before"] == pytest.approx(0.30)
    assert facts["share_at_risk_after"] == 0.0 and facts["customers_crossed"] == 0
    assert len(facts["largest_rises"]) == 3
    assert alert.dedupe_key == "segment_jump|segment:hibernating|version:v2"
    [big] = segment_batch(20, 0.30, 0.40)
    assert big.severity == "high"


def test_a_smaller_rise_or_a_smaller_segment_raises_nothing() -> None:
    assert segment_batch(20, 0.30, 0.349) == []
    assert segment_batch(19, 0.30, 0.60) == []


def test_evaluating_the_same_batch_twice_gives_the_same_keys() -> None:
    before = make_scores(population() | {VIP: (0.5, 500.0)})
    after = make_scores(population() | {VIP: (0.8, 500.0)})
    reviews = make_reviews([{"review_id": "r1", "customer_id": VIP, "sentiment": -0.9}])
    batch = make_batch(before, after, reviews)
    first = evaluate(batch, SEGMENTS, Settings())
    assert [a.rule for a in first] == ["risk_crossing", "negative_review"]
    assert [a.dedupe_key for a in evaluate(batch, SEGMENTS, Settings())] == [
        a.dedupe_key for a in first
    ]


def _explained(new: NewAlert) -> str:
    stored = Alert(
        id=1, rule=new.rule, severity=new.severity, customer_id=new.customer_id,
        segment=new.segment, title=new.title, facts=new.facts, state="open",
        raised_at=datetime(2024, 1, 1), acknowledged_at=None, acknowledged_by=None,
        store_version="v1",
    )  # fmt: skip
    return explain(stored)


def test_the_explanation_says_at_or_below_only_for_the_mark_that_raised_it() -> None:
    """A one-star review of positive wording was not raised by its sentiment: saying the
    sentiment was at or below the threshold would be false."""
    [by_rating] = reviewed({"review_id": "r1", "customer_id": VIP, "sentiment": 0.53, "rating": 1})
    assert "sentiment +0.53 and rating 1 (at or below 1)." in _explained(by_rating)
    [by_words] = reviewed({"review_id": "r2", "customer_id": VIP, "sentiment": -0.8, "rating": 3})
    assert "sentiment -0.80 (at or below -0.60) and rating 3." in _explained(by_words)


def test_the_title_names_the_mark_that_raised_the_alert() -> None:
    # A 1-star review that reads as neutral was titled "strongly negative (sentiment -0.28)".
    [by_rating] = reviewed({"review_id": "r1", "customer_id": VIP, "sentiment": -0.28, "rating": 1})
    assert by_rating.title == f"Customer {VIP} wrote a review rated 1 star (sentiment -0.28)"
    [by_words] = reviewed({"review_id": "r2", "customer_id": VIP, "sentiment": -0.7, "rating": 3})
    assert by_words.title == (
        f"Customer {VIP} wrote a strongly negative review (sentiment -0.70, rating 3)"
    )
