"""Grounded drafting: offers and segment summaries written by a model, checked by code.

    gather_offer_facts(workspace, customer_id, policy, ...) -> OfferFacts   (gather.py)
    draft_offer(facts, model, policy, ...) -> DraftResult                   (draft.py)
    draft_segment_summary(facts, model, policy, ...) -> DraftResult
    verify(text, grounding, policy) -> list[Violation]                      (verify.py)

Numbers users see are computed by code; the model only words them, and verify() checks its words.
"""

from assistant.drafting.draft import (
    Attempt,
    DraftObserver,
    DraftResult,
    draft_offer,
    draft_segment_summary,
)
from assistant.drafting.facts import OfferFacts, Product, SegmentFacts, safe_first_name
from assistant.drafting.gather import catalogue, gather_offer_facts, gather_segment_facts
from assistant.drafting.grounding import AllowedNumber, Catalogue, Grounding
from assistant.drafting.policy import OfferPolicy, policy_from_settings
from assistant.drafting.verify import Violation, verify

__all__ = [
    "AllowedNumber",
    "Attempt",
    "Catalogue",
    "DraftObserver",
    "DraftResult",
    "Grounding",
    "OfferFacts",
    "OfferPolicy",
    "Product",
    "SegmentFacts",
    "Violation",
    "catalogue",
    "draft_offer",
    "draft_segment_summary",
    "gather_offer_facts",
    "gather_segment_facts",
    "policy_from_settings",
    "safe_first_name",
    "verify",
]
