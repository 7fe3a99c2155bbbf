"""What the scored customers are worth together: the figures at_risk_customers opens with when
its `lead` is "value" ("what is the average clv?", "what are our customers worth?"): their
predicted value summed over the CLV horizon, its mean and median a customer, the share the most
valuable tenth holds, and how much of it is at risk. Computed from the scores; the answer only
says them."""

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.tools.format import count, money

TOP_SHARE = 0.10  # "the top 10% hold 48% of it": how concentrated the value is


def worth_figures(values: npt.NDArray[np.float64], at_risk: float) -> dict[str, Any]:
    """The figures of these predicted values (None where there are none to average)."""
    total = float(values.sum())
    top = math.ceil(len(values) * TOP_SHARE) if len(values) else 0
    top_value = float(np.sort(values)[::-1][:top].sum()) if top else 0.0
    return {
        "customers": len(values),
        "total_clv": round(total, 2),
        "average_clv": round(total / len(values), 2) if len(values) else None,
        "median_clv": round(float(np.median(values)), 2) if len(values) else None,
        "top_customers": top,
        "top_clv_share": round(top_value / total, 4) if total > 0 else None,
        "value_at_risk": round(at_risk, 2),
        "at_risk_share": round(at_risk / total, 4) if total > 0 else None,
    }


def worth_said(figures: dict[str, Any], days: int, where: str, symbol: str) -> str:
    """The figures in a sentence or two: 'The 23,570 scored customers are worth $2,345,678
    together in predicted value over the next 365 days: ...'."""
    n = figures["customers"]
    if not n:
        return ""
    said = (
        f"The {count(n, 'scored customer')}{where} {'is' if n == 1 else 'are'} worth "
        f"{money(figures['total_clv'], symbol)} {'' if n == 1 else 'together '}in predicted "
        f"value over the next {days} days"
    )
    if n > 1:
        said += (
            f": {money(figures['average_clv'], symbol)} a customer on average, median "
            f"{money(figures['median_clv'], symbol)}"
        )
        if figures["top_clv_share"] is not None:
            said += (
                f"; the top {TOP_SHARE:.0%} ({figures['top_customers']:,}) hold "
                f"{figures['top_clv_share']:.1%} of it"
            )
    said += "."
    if figures["at_risk_share"] is not None:
        said += (
            f" {money(figures['value_at_risk'], symbol)} of it ({figures['at_risk_share']:.1%}) "
            "is at risk (churn risk x predicted value)."
        )
    return said
