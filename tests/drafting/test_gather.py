"""Gathering offer facts from a store and its scores."""

from datetime import date
from pathlib import Path

import pytest

from assistant.drafting import OfferPolicy, Product, catalogue, gather_offer_facts, verify
from commerce.errors import InvalidInput, NotFound
from tests.drafting.factories import HOSTILE_REVIEW
from tests.drafting.store import make_store

POLICY = OfferPolicy()


def test_offer_facts_from_the_store_and_scores(retain_home: Path, tmp_path: Path) -> None:
    workspace = make_store(retain_home, tmp_path)
    facts = gather_offer_facts(workspace, "c1", POLICY, 15, "sms", today=date(2026, 4, 17))
    assert facts.customer_name == "Ada"
    assert facts.favourite_category == "Coffee"  # three coffees beat one tea
    assert facts.last_order_date == date(1998, 3, 5) and facts.last_order_amount == 13.5
    # Each with the category the store files it under (never read from its title).
    assert facts.last_order_products == (
        Product("B000EYLDYE", "Coffee product B000EYLDYE", "Coffee"),
        Product("B0000691JF", "Tea product B0000691JF", "Tea"),
    )
    assert facts.recent_review == HOSTILE_REVIEW  # context for tone; it grounds nothing
    assert (facts.churn_risk, facts.predicted_value) == (0.81, 143.2)
    assert facts.offer_expires == date(2026, 5, 1) and facts.discount_pct == 15
    assert facts.channel == "sms"
    assert len(catalogue(workspace)) == 3
    # The store's categories travel with the titles, so a draft naming one the facts lack
    # ("Coffee and Tea" to a customer whose favourite is Coffee) is refused.
    assert catalogue(workspace).categories == ("Coffee", "Pet food", "Tea")
    grounding = facts.grounding(POLICY, catalogue(workspace))
    text = "Hi Ada, 15% off until May 1, 2026: perfect with Coffee and Tea.\nThe team"
    assert [(v.kind, v.text) for v in verify(text, grounding, POLICY)] == [
        ("invented_product", "Tea")
    ]


def test_default_discount_hostile_name_and_no_scores(retain_home: Path, tmp_path: Path) -> None:
    workspace = make_store(retain_home, tmp_path, scores=False)
    facts = gather_offer_facts(workspace, "c2", POLICY)
    assert facts.discount_pct == 10
    assert facts.customer_name is None  # not plainly a name: kept out of prompts and copy
    assert facts.churn_risk is None and facts.favourite_category == "Pet food"


def test_unknown_customer_and_discount_over_policy(retain_home: Path, tmp_path: Path) -> None:
    workspace = make_store(retain_home, tmp_path)
    with pytest.raises(NotFound, match="'nobody' has no orders"):
        gather_offer_facts(workspace, "nobody", POLICY)
    with pytest.raises(InvalidInput, match="above the policy maximum of 20%"):
        gather_offer_facts(workspace, "c1", POLICY, 90)
