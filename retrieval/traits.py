"""Behaviour features in words, for what a customer and a lookalike share.

The customer index holds the predictor's feature columns (predictors.features), whose names
are code ("T", "top_category_share"); an answer shows "weeks as a customer 77.9 vs 77.3". A
column without words here (a store's own behaviour frame) is shown by its name, underscores as
spaces, so nothing is hidden.
"""

# Feature -> (words, how its values read): "n" plain, "x" a ratio, "pct" a share of 1.
TRAITS: dict[str, tuple[str, str]] = {
    "frequency": ("repeat purchase days", "n"),
    "recency": ("weeks from first to last purchase", "n"),
    "T": ("weeks as a customer", "n"),
    "weeks_since_last": ("weeks since the last purchase", "n"),
    "spend_total": ("total spend", "n"),
    "spend_mean": ("average order value", "n"),
    "spend_max": ("largest order value", "n"),
    "spend_first": ("first order value", "n"),
    "spend_last": ("last order value", "n"),
    "spend_trend": ("last order against their average order", "x"),
    "units_mean": ("items per order", "n"),
    "gap_mean": ("weeks between purchases on average", "n"),
    "gap_std": ("spread of the weeks between purchases", "n"),
    "gap_last": ("weeks between the last two purchases", "n"),
    "overdue": ("time since the last purchase against their usual gap", "x"),
    "gap_trend": ("last gap against their average gap", "x"),
    "days_last_4w": ("purchase days in the last 4 weeks", "n"),
    "days_last_13w": ("purchase days in the last 13 weeks", "n"),
    "days_last_26w": ("purchase days in the last 26 weeks", "n"),
    "categories": ("categories bought", "n"),
    "top_category_share": ("share of items in their top category", "pct"),
    "reviews": ("reviews written", "n"),
    "rating_mean": ("average review rating", "n"),
    "sentiment_mean": ("average review sentiment", "n"),
    "events_4w": ("site events in the last 4 weeks", "n"),
    "carts_4w": ("cart additions in the last 4 weeks", "n"),
}


def trait_phrase(feature: str, customer_value: float, neighbour_value: float) -> str:
    """'weeks as a customer 77.9 vs 77.3': the feature in words, the customer's value first."""
    words, kind = TRAITS.get(feature, (feature.replace("_", " "), "n"))
    return f"{words} {_value(customer_value, kind)} vs {_value(neighbour_value, kind)}"


def _value(value: float, kind: str) -> str:
    if kind == "pct":
        return f"{value:.0%}"
    number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{number}x" if kind == "x" else number
