"""The bounds at_risk_customers takes on the scores themselves ("how many customers have churn
risk above 90%?", "customers with a predicted value over $1,000"): their arguments (the
descriptions are what the router reads), the check, and the words that say them as applied.

`min_churn_risk` is a percent, 0-100, as every answer writes churn risk ("a churn risk of 90%
or more"), so what was asked is what is applied and said. A value under 1 is refused rather
than read: 0.9 is almost surely a probability (90%), and reading it as 0.9% would list nearly
everyone as if that were the answer. `min_clv` is the predicted value (CLV) in the store's
currency; what customers spent so far is at_risk_bounds' min_revenue, a different figure.
Both are inclusive floors: a churn risk or predicted value is a model's estimate, not counted
in cents, so "above 90%" and "at least 90%" hold the same customers.
"""

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field

from assistant.tools.format import count, money
from assistant.tools.lookups import Positions, ScoreTable
from commerce.errors import InvalidInput

MinChurnRisk = Annotated[
    float | None,
    Field(
        gt=0,
        le=100,
        description="Only customers whose churn risk is at least this percent, 1-100 "
        "(inclusive: 90 is 'churn risk above 90%'; a probability such as 0.9 is refused: "
        "give 90). The answer then counts those at or over it instead of the 50% line.",
    ),
]
MinClv = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers whose predicted value (CLV), in the store's currency, is "
        "at least this (inclusive; 'over $1,000' is 1000.01). Predicted, not spent to date: "
        "'spent over $1,000' is min_revenue.",
    ),
]


@dataclass(frozen=True)
class ScoreBounds:
    """The floors on churn risk (a percent) and predicted value asked; None: not asked."""

    min_churn_risk: float | None = None
    min_clv: float | None = None

    def risk_line(self, default: float) -> float:
        """The churn risk, as a probability, from which a customer is counted: the floor
        asked, else `default` (the at-risk line)."""
        return default if self.min_churn_risk is None else self.min_churn_risk / 100

    def valued(self, scores: ScoreTable, positions: Positions | None) -> Positions | None:
        """`positions` (None: everyone) narrowed to those worth at least min_clv."""
        if self.min_clv is None:
            return positions
        return scores.worth_at_least(self.min_clv, positions)

    def clv_words(self, symbol: str) -> str:
        """' with a predicted value of $1,000.01 or more', or "" without min_clv."""
        if self.min_clv is None:
            return ""
        return f" with a predicted value of {money(self.min_clv, symbol)} or more"

    def risk_words(self) -> str:
        """' with a churn risk of 90% or more', or "" without min_churn_risk."""
        if self.min_churn_risk is None:
            return ""
        return f" with a churn risk of {risk_percent(self.min_churn_risk / 100)} or more"

    def valued_count(self, valued: int, base: int, where: str, symbol: str) -> str:
        """'31 of 23,570 scored customers have a predicted value of $1,000.01 or more; ':
        how many the value floor leaves, before the count at risk among them."""
        said = self.clv_words(symbol).removeprefix(" with")
        return f"{valued:,} of {count(base, 'scored customer')}{where} have{said}; "

    def applied(self) -> dict[str, Any]:
        return {"min_churn_risk": self.min_churn_risk, "min_clv": self.min_clv}


def score_bounds(min_churn_risk: float | None, min_clv: float | None) -> ScoreBounds:
    """The floors asked, checked: InvalidInput for a churn risk given as a probability."""
    if min_churn_risk is not None and min_churn_risk < 1:
        raise InvalidInput(
            f"min_churn_risk is a percent from 1 to 100 (90 is a churn risk of 90% or more); "
            f"{min_churn_risk:g} looks like a probability: give {min_churn_risk * 100:g}"
        )
    return ScoreBounds(min_churn_risk, min_clv)


def risk_percent(line: float) -> str:
    """A churn-risk line as a percent, its decimals kept: 0.9 is '90%', 0.925 '92.5%'."""
    return f"{round(line * 100, 2):g}%"
