"""The tools as the router sees them: argument names and types, which are required, a one-line
description for the language-model fallback, and what the tool is for in a refusal.

This mirrors the tool catalogue in ../shared/DESIGN.md; the tools themselves live in
assistant/tools (a test checks the two agree). The router needs only names and argument
shapes, so it does not import the tools, and knows recommend_products before it exists.
"""

from dataclasses import dataclass, replace
from typing import Literal

from assistant.roles import TOOL_ROLES, Role
from assistant.routing.profile_parts import PROFILE_PARTS

ArgType = Literal["str", "int", "float"]


@dataclass(frozen=True)
class Arg:
    """One argument: its name, JSON type, whether it is required, its allowed values, and the
    tool's default for a count (what "and the next 10?" counts on from when none was asked)."""

    name: str
    type: ArgType = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    default: int | None = None


@dataclass(frozen=True)
class ToolSignature:
    """A tool's arguments. `one_of` names arguments of which at least one must be given."""

    name: str
    description: str
    purpose: str  # completes "marketers can't ...": what the tool lets a role do
    args: tuple[Arg, ...] = ()
    one_of: tuple[str, ...] = ()

    @property
    def arg_names(self) -> tuple[str, ...]:
        return tuple(arg.name for arg in self.args)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(arg.name for arg in self.args if arg.required)

    def arg(self, name: str) -> Arg | None:
        return next((arg for arg in self.args if arg.name == name), None)

    def render(self) -> str:
        """'name(a, b?): description', the line the language model reads."""
        args = ", ".join(arg.name + ("" if arg.required else "?") for arg in self.args)
        return f"{self.name}({args}): {self.description}"


_CUSTOMER = Arg("customer_id", required=True)
# How many rows of a ranking to skip: "and the next 10?" after a list of 5 has offset 5.
_OFFSET = Arg("offset", "int")
# A period: the last days, or by the calendar (routing/periods.py reads it).
_PERIOD = (Arg("days", "int"), Arg("since"), Arg("until"), Arg("month"), Arg("quarter"),
           Arg("year"))  # fmt: skip
SIGNATURES: dict[str, ToolSignature] = {
    tool.name: tool
    for tool in (
        ToolSignature(
            "customer_profile",
            "one customer's profile, orders, predictions with reasons, segment, recent reviews; "
            "opening with the part asked about",
            "look up customer profiles",
            (_CUSTOMER, Arg("about", choices=PROFILE_PARTS)),
        ),
        ToolSignature(
            "at_risk_customers",
            "customers ranked by value at risk of churning (or by churn risk, or predicted "
            "value), optionally within a segment; only those who spent from min_revenue to "
            "max_revenue or placed from min_orders to max_orders orders to date (each "
            "inclusive, either alone); only those with no order in the last quiet_days days or "
            "none since no_order_since (lapsed customers); only those with a churn risk of at "
            "least min_churn_risk percent (90 is 90%) or a predicted value (CLV) of at least "
            "min_clv; by purchase ranks the likeliest buyers first; lead 'total' opens with the "
            "total value at risk of them all, lead 'value' with their predicted value summed",
            "list at-risk customers",
            (
                Arg("segment"),
                Arg("by", choices=("value_at_risk", "churn_risk", "clv", "purchase")),
                Arg("limit", "int", default=10),
                _OFFSET,
                Arg("min_revenue", "float"),
                Arg("max_revenue", "float"),
                Arg("min_orders", "int"),
                Arg("max_orders", "int"),
                Arg("min_average_order", "float"),
                Arg("max_average_order", "float"),
                Arg("quiet_days", "int"),
                Arg("no_order_since"),
                Arg("min_churn_risk", "float"),
                Arg("min_clv", "float"),
                Arg("lead", choices=("list", "total", "value")),
            ),
        ),
        ToolSignature(
            "similar_customers",
            "customers who behave like a given customer (lookalikes)",
            "look for similar customers",
            (_CUSTOMER, Arg("k", "int", default=5), _OFFSET),
        ),
        ToolSignature(
            "search_reviews",
            "search review texts by meaning, filtered by customer, product, segment, product "
            "categories (several separated by commas: reviews of any of them), sentiment, star "
            "rating or the period written in",
            "search reviews",
            (
                Arg("query"),
                Arg("customer_id"),
                Arg("product_id"),
                Arg("segment"),
                Arg("category"),
                Arg("sentiment", choices=("negative", "neutral", "positive")),
                Arg("min_rating", "int"),
                Arg("max_rating", "int"),
                *_PERIOD,
                Arg("k", "int", default=5),
                _OFFSET,
            ),
        ),
        ToolSignature(
            "review_sentiment",
            "sentiment breakdown and complaint themes of a text or of reviews (a customer's, a "
            "product's, of product categories (several separated by commas: of any of them) or "
            "all; of a period; only those mentioning the words of about); or, per product or "
            "category, them ranked by the share of their "
            "reviews that are negative (by positive: best reviewed first), of those with at "
            "least min_reviews reviews",
            "see review sentiment",
            (
                Arg("text"),
                Arg("customer_id"),
                Arg("product_id"),
                Arg("segment"),
                Arg("category"),
                Arg("about"),
                *_PERIOD,
                Arg("per", choices=("product", "category")),
                Arg("by", choices=("negative", "positive")),
                Arg("min_reviews", "int"),
                Arg("k", "int", default=5),
                _OFFSET,
            ),
        ),
        ToolSignature(
            "list_segments",
            "all customer segments (or behaviour clusters) with size, value and risk",
            "list segments",
            (Arg("by", choices=("segment", "cluster")),),
        ),
        ToolSignature(
            "segment_summary",
            "facts and a written summary of one segment",
            "see segment summaries",
            (Arg("segment", required=True),),
        ),
        ToolSignature(
            "draft_offer",
            "write personalised offer copy (email or sms) for a customer or a segment",
            "draft offers",
            (
                Arg("customer_id"),
                Arg("segment"),
                Arg("discount_pct", "float"),
                Arg("channel", choices=("email", "sms")),
            ),
            one_of=("customer_id", "segment"),
        ),
        ToolSignature(
            "plan_budget",
            "who gets which offer under a retention budget, optionally within a segment or "
            "only among customers who have not ordered in quiet_days or since no_order_since",
            "plan budgets",
            (
                Arg("budget", "float", required=True),
                Arg("segment"),
                Arg("max_discount_pct", "float"),
                Arg("currency"),
                Arg("quiet_days", "int"),
                Arg("no_order_since"),
            ),
        ),
        ToolSignature(
            "forecast_demand",
            "expected orders and revenue from existing customers over a horizon, optionally of "
            "product categories (several separated by commas, each side by side)",
            "see demand forecasts",
            (
                Arg("horizon_days", "int"),
                Arg("by", choices=("category",)),
                Arg("segment"),
                Arg("category"),
            ),
        ),
        ToolSignature(
            "model_report",
            "the prediction model's version, data freshness and holdout metrics",
            "see the model report",
        ),
        ToolSignature(
            "recommend_products",
            "products a customer is likely to buy next, with reasons",
            "see product recommendations",
            (_CUSTOMER, Arg("k", "int", default=5), _OFFSET),
        ),
        ToolSignature(
            "list_alerts",
            "the latest alerts (valuable customers crossing the churn-risk threshold, strongly "
            "negative reviews, segments whose churn risk jumped), open ones unless asked, all or "
            "those about one segment",
            "see alerts",
            (
                Arg("state", choices=("open", "acknowledged", "all")),
                Arg("limit", "int", default=10),
                _OFFSET,
                Arg("segment"),
            ),
        ),
        ToolSignature(
            "explain_alert",
            "why an alert was raised, from its facts: by alert number, customer or segment",
            "see why alerts were raised",
            (Arg("alert_id", "int"), Arg("customer_id"), Arg("segment")),
        ),
        ToolSignature(
            "top_products",
            "best-selling products (or categories) of the last days or a calendar period, ranked "
            "by revenue, units, orders or customers, store-wide, of product categories (several "
            "separated by commas: their products together; with per category, the categories "
            "named side by side) or among one segment's customers, or per month or quarter "
            "ranks the calendar's months or quarters; compare_to (a year, quarter or month) "
            "sets the totals beside another period's; product_id gives one product's sales "
            "(units, revenue, orders, customers) instead, as does product_name (its title or "
            "words of it); order least ranks from the bottom (the least-selling first); trend "
            "(falling or rising) ranks what sold less (or more) than in the days just before",
            "see product sales",
            (
                *_PERIOD,
                Arg("segment"),
                Arg("category"),
                Arg("product_id"),
                Arg("product_name"),
                Arg("by", choices=("revenue", "units", "orders", "customers")),
                Arg(
                    "per",
                    choices=("product", "category", "month", "quarter", "week", "day", "weekday"),
                ),
                Arg("order", choices=("most", "least")),
                Arg("limit", "int", default=10),
                _OFFSET,
                Arg("compare_to"),
                Arg("trend", choices=("falling", "rising", "stopped")),
            ),
        ),
        ToolSignature(
            "top_customers",
            "customers ranked by what they spent (revenue) or their number of orders, to date, "
            "in the last days or in a calendar period, store-wide or within a segment, of all "
            "their orders or of product categories (several separated by commas: what they "
            "bought of any of them) or of one product (by id or product_name); only those "
            "who spent from min_revenue to max_revenue or placed from min_orders to max_orders "
            "orders (each inclusive, either alone); lead 'share' opens with how many are within "
            "the bounds and their share of those who ordered (of those within the bounds share_of "
            "names, comma-separated, when given); buyers 'new' keeps only the period's new "
            "customers (first order ever in it), 'returning' those who ordered before it; by "
            "first_order lists the newest customers first, by largest_order those with the "
            "largest single orders, by average_order those who spend the most per order; "
            "trend 'falling' ranks those whose "
            "spend (or by) fell the most from the days just before (rising: rose), or from "
            "the period compare_to names",
            "list customers store-wide by what they bought or spent",
            (
                *_PERIOD,
                Arg("segment"),
                Arg("category"),
                Arg("product_id"),
                Arg("product_name"),
                Arg(
                    "by",
                    choices=(
                        "revenue",
                        "orders",
                        "units",
                        "first_order",
                        "largest_order",
                        "average_order",
                    ),
                ),
                Arg("buyers", choices=("all", "new", "returning")),
                Arg("min_revenue", "float"),
                Arg("min_orders", "int"),
                Arg("max_revenue", "float"),
                Arg("max_orders", "int"),
                Arg("min_average_order", "float"),
                Arg("max_average_order", "float"),
                Arg("trend", choices=("falling", "rising", "stopped", "returned")),
                Arg("compare_to"),
                Arg("limit", "int", default=10),
                _OFFSET,
                Arg("lead", choices=("list", "share")),
                Arg("share_of"),
            ),
        ),
        ToolSignature(
            "bought_with",
            "the products most bought by the customers who bought a given product (by id or "
            "product_name), to date or in a period, ranked by lift: what goes with it, what to "
            "cross-sell with it",
            "see which products are bought together",
            (
                Arg("product_id"),
                Arg("product_name"),
                *_PERIOD,
                Arg("limit", "int", default=10),
                _OFFSET,
            ),
            one_of=("product_id", "product_name"),
        ),
        ToolSignature(
            "discount_policy",
            "the offer policy: the largest discount an offer may give, the discount of a draft "
            "that asks for none, how long offers are valid, the perks offers may promise and "
            "the discounts budget plans choose from",
            "see the discount policy",
        ),
        ToolSignature(
            "store_metrics",
            "the store's customer figures for the last days or a calendar period (default: the "
            "whole history), store-wide or of a segment: revenue and orders per customer, "
            "average order value, repeat-purchase rate, the new customers (first-ever order in "
            "the period) and returning ones, the revenue share of the top top_pct% of "
            "customers; with compare_to (a second period) how many customers ordered in "
            "both; figure names the one the answer opens with",
            "see the store's customer figures",
            (
                *_PERIOD,
                Arg("segment"),
                Arg(
                    "figure",
                    choices=(
                        "overview",
                        "revenue_per_customer",
                        "orders_per_customer",
                        "average_order_value",
                        "repeat_rate",
                        "top_share",
                        "retention",
                        "new_customers",
                        "days_between_orders",
                    ),
                ),
                Arg("top_pct", "int"),
                Arg("compare_to"),
            ),
        ),
    )
}


def _every_argument() -> tuple[Arg, ...]:
    """Every argument any tool takes, optional, with all the choices any tool allows."""
    merged: dict[str, Arg] = {}
    for tool in SIGNATURES.values():
        for arg in tool.args:
            known = merged.get(arg.name)
            choices = (*known.choices, *arg.choices) if known else arg.choices
            merged[arg.name] = replace(arg, required=False, choices=tuple(dict.fromkeys(choices)))
    return tuple(merged.values())


# A tool that takes everything: what a message gives, whichever tool it is for.
ANY_TOOL = ToolSignature("", "any argument", "", _every_argument())


def roles_allowed(tool: str) -> list[Role]:
    """The roles other than admin that may call `tool`, in a stable order."""
    order: tuple[Role, ...] = ("operator", "marketer", "support")
    return [role for role in order if role in TOOL_ROLES.get(tool, frozenset())]
