"""A demand forecast's split by product category (forecast.py's `by_category`): each
customer's expectation shared out by their own purchases so far (`category_mix`).

Revenue is split by each customer's money in a category and orders by the share of their
purchase days that hold it (an order can hold several categories, so the categories' orders add
up to more than the total). Purchases without categorised order lines are the NO_LINES row.
"""

import numpy as np
import pandas as pd

from predictors.history import History

# The category row of purchases without categorised order lines (orders recorded without items).
NO_LINES = "(no order lines)"
# Why a forecast has no split by category: nothing in the store names one, or (for a segment)
# none of its members bought anything that does.
NO_CATEGORIES = (
    "No product has a category, so there is no split by category (map products.category at ingest)."
)
NO_MEMBER_CATEGORIES = (
    "None of these customers' purchases has a product category, so there is no split by category."
)


def category_split(
    mix: pd.DataFrame, total: pd.DataFrame, customers: "pd.Index[str] | None"
) -> pd.DataFrame | None:
    """Split each customer's expectation over the horizon (`total`: expected_purchases and
    expected_spend per customer) by their own purchases so far (`category_mix`'s `mix`);
    categories by revenue, the NO_LINES row last. `customers`: only theirs, so no category
    appears that none of them bought; None when they bought nothing."""
    if customers is not None:
        mix = mix[mix.index.get_level_values("customer_id").isin(customers)]
    if mix.empty:
        return None
    customer = mix.index.get_level_values("customer_id")
    frame = pd.DataFrame(
        {
            "orders": mix["orders"].to_numpy()
            * total["expected_purchases"].reindex(customer).to_numpy(np.float64),
            "revenue": mix["revenue"].to_numpy()
            * total["expected_spend"].reindex(customer).to_numpy(np.float64),
        },
        index=mix.index.get_level_values("category"),
    )
    out = frame.groupby(level="category", observed=True).sum()
    real = out.drop(index=NO_LINES, errors="ignore").sort_values("revenue", ascending=False)
    if NO_LINES in out.index:
        real = pd.concat([real, out.loc[[NO_LINES]]])
    return real.rename_axis("category").reset_index()


def category_mix(history: History, cutoff: pd.Timestamp) -> pd.DataFrame | None:
    """Each customer's shares per category up to the cutoff, indexed by customer_id, category.

    revenue: by money. Each purchase day's amount is shared among the categories of its order
    lines by their spend (price x quantity; by units on a day whose lines carry no money), and
    a customer's share is their money in the category over all their money (every day counts
    the same for a customer who has spent nothing).
    orders: the share of the customer's purchase days that hold the category, so an order with
    two categories counts in both and the categories' orders add up to more than the total.
    Purchase days with no categorised order lines (orders recorded without items, or whose
    products the catalogue lacks) are the NO_LINES category, so the revenue shares of a
    customer add up to 1.
    None when no order line before the cutoff has a category.
    """
    lines = history.categories
    if lines is None:
        return None
    keys = ["customer_id", "day"]
    past = lines[lines["day"] <= cutoff]
    if past.empty:
        return None
    days = history.days.loc[history.days["day"] <= cutoff, [*keys, "spend"]]
    spent = days.groupby("customer_id", observed=True)["spend"].transform("sum")
    days = days.assign(weight=days["spend"].where(spent > 0, 1.0))
    per_day = past.groupby([*keys, "category"], observed=True)[["spend", "quantity"]].sum()
    per_day = per_day.reset_index()
    priced = per_day.groupby(keys, observed=True)["spend"].transform("sum") > 0
    line_weight = per_day["spend"].where(priced, per_day["quantity"])
    of_day = line_weight / line_weight.groupby(
        [per_day["customer_id"], per_day["day"]], observed=True
    ).transform("sum")
    itemised = per_day.assign(of_day=of_day).merge(days[[*keys, "weight"]], on=keys)
    itemised = itemised.assign(orders=1.0, revenue=itemised["of_day"] * itemised["weight"])
    has_lines = pd.MultiIndex.from_frame(days[keys]).isin(pd.MultiIndex.from_frame(itemised[keys]))
    bare = days[~has_lines].assign(category=NO_LINES, orders=1.0, revenue=days["weight"])
    columns = ["customer_id", "category", "orders", "revenue"]
    both = pd.concat([itemised[columns], bare[columns]], ignore_index=True)
    both["category"] = both["category"].astype(str)
    mix = both.groupby(["customer_id", "category"], observed=True)[["orders", "revenue"]].sum()
    per_customer = days.groupby("customer_id", observed=True).agg(
        orders=("day", "size"), revenue=("weight", "sum")
    )
    customer = mix.index.get_level_values("customer_id")
    for column in ("orders", "revenue"):
        mix[column] = mix[column].to_numpy() / per_customer[column].reindex(customer).to_numpy()
    return mix
