"""Decisions from the scores, shared by `retain at-risk` / `retain plan` and the chat tools:
who is most at risk, and who gets which offer under a budget.

Both the CLI and the tools call these, so a list or a plan reads the same wherever it is asked
for. Nothing here loads anything: callers pass the scores they hold.
"""

from typing import Any

import pandas as pd

from assistant.settings import Settings
from commerce.errors import NotFound
from predictors.allocation import MIN_P_FOR_VALUE, OfferAssumptions, Plan

NO_SCORES = "the current store has no scores: run `retain train` and `retain score`"
AT_RISK_COLUMNS = [
    "customer_id",
    "churn_risk",
    "clv",
    "clv_low",
    "clv_high",
    "value_at_risk",
    "reasons",
]


def require_scores(scores: pd.DataFrame | None) -> pd.DataFrame:
    """The scores, or NotFound saying which commands make them."""
    if scores is None:
        raise NotFound(NO_SCORES)
    return scores


def rank_by_value_at_risk(scores: pd.DataFrame) -> pd.DataFrame:
    """Scores with the most value at risk first (ties keep the scores' order), reindexed."""
    return scores.sort_values("value_at_risk", ascending=False, kind="stable", ignore_index=True)


def offer_assumptions(
    settings: Settings, max_discount_pct: float | None = None, cost_per_contact: float | None = None
) -> OfferAssumptions:
    """The offer ladder from settings, capped at the lower of the policy maximum and the
    caller's `max_discount_pct`; the contact cost from settings unless one is given."""
    limit = (
        settings.max_discount_pct
        if max_discount_pct is None
        else min(max_discount_pct, settings.max_discount_pct)
    )
    return OfferAssumptions(
        tuple(settings.offer_discounts),
        tuple(settings.offer_uplift),
        settings.contact_cost if cost_per_contact is None else cost_per_contact,
    ).capped(limit)


def plan_summary(plan: Plan, offers: OfferAssumptions) -> dict[str, Any]:
    """A plan in numbers: budget, spend, value with and without offers, offers per discount,
    and the assumptions it rests on (printed with every plan: the uplift is assumed)."""
    return {
        "budget": plan.budget,
        "spent": round(plan.spent, 2),
        "customers": len(plan.offers),
        "value_without_offers": round(plan.value_without, 2),
        "value_with_offers": round(plan.value_with, 2),
        "assumptions": {
            "discount_pct": list(offers.discounts),
            "uplift": list(offers.uplift),
            "cost_per_contact": offers.cost_per_contact,
        },
        "by_discount": plan.offers.groupby("discount_pct").size().to_dict(),
        "method": "exact" if plan.exact else "greedy",
    }


def discount_rows(plan: Plan) -> list[dict[str, Any]]:
    """Per discount level: how many customers get it, what it costs, what it nets."""
    rows = []
    for discount, group in plan.offers.groupby("discount_pct"):
        rows.append(
            {
                "discount_pct": float(discount),  # type: ignore[arg-type]
                "customers": len(group),
                "cost": round(float(group["cost"].sum()), 2),
                "net": round(float(group["net"].sum()), 2),
            }
        )
    return rows


def gain_basis() -> str:
    """What a plan's gain rests on, in one sentence: the assumed uplift and value if retained
    (CLV / p, p floored, docs/decisions.md). Without it "+$6,099.34" from $800 of offers read
    as a forecast, though a near-lost customer is valued at up to 20 times their CLV (R22)."""
    most = round(1 / MIN_P_FOR_VALUE)
    return (
        "The gain assumes each offer raises the chance a customer stays by the uplift in the "
        "assumptions (RETAIN_OFFER_UPLIFT), and values a retained customer at their predicted "
        f"value divided by their chance of buying (at most {most} times it): read it as an "
        "upper estimate, not a forecast."
    )
