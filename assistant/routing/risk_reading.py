"""The churn risk of the customers a ranking just showed, for "which of them are at risk?"
after "top 10 customers" (ranked_again.risk_of_rows). No tool ranks a given ten by risk, and
the at-risk list ranks everyone; but top_customers' rows carry each one's latest churn risk,
which its answer names for the first only. The note under the same rows reads them all,
riskiest first: Route.note fills RISK_FIELD from the result.
"""

from collections.abc import Mapping
from typing import Any

RISK_FIELD = "risk_of_rows"
RISK_NOTE = "${" + RISK_FIELD + "}"


def rows_by_risk(result: Mapping[str, Any]) -> str:
    """'By churn risk now, riskiest first: 00042 72%, 00007 31%. Not scored yet: 00013.'
    for the rows of `result` (a top_customers result); "" for a result without rows."""
    rows = result.get("rows")
    if not isinstance(rows, list) or not rows:
        return ""
    scored: list[tuple[float, str]] = []
    unscored: list[str] = []
    for row in rows:
        customer = row.get("customer_id") if isinstance(row, Mapping) else None
        if not isinstance(customer, str):
            continue
        risk = row.get("churn_risk")
        if isinstance(risk, int | float) and not isinstance(risk, bool):
            scored.append((float(risk), customer))
        else:
            unscored.append(customer)
    said = []
    if scored:
        riskiest = sorted(scored, key=lambda pair: -pair[0])
        said.append(
            "By churn risk now, riskiest first: "
            + ", ".join(f"{customer} {_percent(risk)}" for risk, customer in riskiest)
            + "."
        )
    if unscored:
        said.append(f"Not scored yet, so no churn risk: {', '.join(unscored)}.")
    return " ".join(said)


def _percent(risk: float) -> str:
    """A whole percent that never shows a chance as none or certain when it is not."""
    shown = f"{risk:.0%}"
    if risk > 0 and shown == "0%":
        return "<1%"
    return ">99%" if risk < 1 and shown == "100%" else shown
