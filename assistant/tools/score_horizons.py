"""The days the scores look ahead, as the model was trained for them: churn risk is no order in
`churn_days`, the predicted value spend over `clv_days`. The profile says them beside one
customer's figures, the at-risk list beside a store's ("likely to buy in the next 90 days",
"worth $X over the next 365 days"): "what will he spend next month?" read a year's value as the
month's when nobody said which."""

from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.errors import RetainError


def horizons(data: StoreData, settings: Settings) -> dict[str, int]:
    """The scores' horizons in days: the model's, else the settings' where no model says."""
    try:
        trained = data.model().document.get("horizons") or {}
    except RetainError:
        trained = {}
    return {
        "churn_days": int(trained.get("churn_days", settings.churn_horizon_days)),
        "clv_days": int(trained.get("clv_days", settings.clv_horizon_days)),
    }
