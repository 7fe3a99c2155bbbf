"""The rule about a whole segment: segment_jump (its members' mean churn risk rose by the jump
threshold or more); see rules.py for when it raises.
"""

from typing import Any

import pandas as pd

from assistant.alerts.model import NewAlert, Severity
from assistant.alerts.rule_context import TOLERANCE, RuleContext, batch_facts, new_alert, score

LARGEST_RISES = 3  # members named in a segment alert's facts


def segment_jumps(ctx: RuleContext) -> list[NewAlert]:
    """Segments whose members' mean churn risk rose by at least the jump threshold."""
    limits = ctx.limits
    members = ctx.before.index.intersection(ctx.after.index).intersection(ctx.segment_of.index)
    frame = pd.DataFrame(
        {
            "segment": ctx.segment_of.reindex(members),
            "before": ctx.before["churn_risk"].reindex(members),
            "after": ctx.after["churn_risk"].reindex(members),
            "var_before": ctx.before["value_at_risk"].reindex(members),
            "var_after": ctx.after["value_at_risk"].reindex(members),
        }
    ).dropna(subset=["segment", "before", "after"])
    alerts = []
    for name, group in frame.groupby("segment", sort=True):
        mean_before, mean_after = float(group["before"].mean()), float(group["after"].mean())
        rise = mean_after - mean_before
        if len(group) < limits.segment_min_size or rise + TOLERANCE < limits.segment_jump:
            continue
        rises = (group["after"] - group["before"]).sort_values(ascending=False, kind="stable")
        facts = {
            "segment": name,
            "customers": len(group),
            "mean_churn_risk_before": mean_before,
            "mean_churn_risk_after": mean_after,
            "rise": rise,
            "jump_threshold": limits.segment_jump,
            "min_size": limits.segment_min_size,
            "risk_threshold": limits.risk,
            "share_at_risk_before": float((group["before"] >= limits.risk).mean()),
            "share_at_risk_after": float((group["after"] >= limits.risk).mean()),
            "customers_crossed": int(
                ((group["before"] < limits.risk) & (group["after"] >= limits.risk)).sum()
            ),
            "value_at_risk_before": float(group["var_before"].sum()),
            "value_at_risk_after": float(group["var_after"].sum()),
            "largest_rises": _largest_rises(group, rises),
            **batch_facts(ctx.batch),
        }
        severity: Severity = "high" if rise + TOLERANCE >= 2 * limits.segment_jump else "medium"
        title = (
            f"Segment '{name}': mean churn risk rose {rise * 100:.1f} points ({mean_before:.1%}"
            f" → {mean_after:.1%}) across {len(group):,} customers"
        )
        alerts.append(new_alert(ctx, "segment_jump", severity, None, str(name), title, facts))
    return alerts


def _largest_rises(group: pd.DataFrame, rises: "pd.Series[float]") -> list[dict[str, Any]]:
    """The members whose risk rose most (those whose risk rose at all)."""
    return [
        {"customer_id": str(cid), "churn_risk_before": score(group, str(cid), "before"),
         "churn_risk_after": score(group, str(cid), "after")}
        for cid, rise in rises.head(LARGEST_RISES).items() if rise > 0
    ]  # fmt: skip
