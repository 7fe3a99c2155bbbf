"""Answers that need no tool: greetings, help, out-of-scope and refusals, per role."""

from assistant.roles import Role, may_use, tools_for
from assistant.routing import SIGNATURES
from assistant.routing.noise import UNCLEAR
from predictors.segments import SEGMENT_NAMES

WHAT_EACH_TOOL_DOES = {
    "customer_profile": "look up one customer: orders, risk, value, reviews",
    "at_risk_customers": "rank customers by value at risk",
    "similar_customers": "find customers who behave like one you name",
    "search_reviews": "search reviews by meaning, by customer, product or sentiment",
    "review_sentiment": "sum up sentiment and complaint themes",
    "list_segments": "list segments with size, value and risk",
    "segment_summary": "summarise one segment",
    "draft_offer": "draft offer copy within the discount policy",
    "plan_budget": "plan who gets which offer under a budget",
    "forecast_demand": "forecast orders and revenue",
    "model_report": "report on the model: version, freshness, holdout metrics",
    "recommend_products": "suggest products a customer is likely to buy next",
    "list_alerts": "list alerts: customers slipping, angry reviews, segments at risk",
    "explain_alert": "explain why an alert was raised, from its facts",
    "top_products": "rank best-selling products or categories over a period",
    "top_customers": "rank customers by what they spent, or their orders, over a period",
    "bought_with": "find what the buyers of one product also buy, for cross-selling",
    "discount_policy": "say what offers may give: the largest discount, perks, how long they last",
    "store_metrics": "give store figures: revenue per customer, repeat rate, top 10% share",
}

EXAMPLE_CUSTOMER = "00042"
# Suggested questions on an empty conversation (the web page shows them), per role.
SUGGESTIONS: dict[Role, list[str]] = {
    "operator": [
        "Who is about to leave, and what are they worth?",
        "Plan a $5k win-back budget for at-risk customers",
        "Forecast revenue for the next quarter",
        "How good is the churn model?",
        "Any new alerts?",
    ],
    "marketer": [
        "List our segments",
        "Summarise the at risk segment",
        "Draft an offer for customer 00042",
        "What do unhappy customers complain about?",
        "Any new alerts?",
    ],
    "support": [
        "Show me customer 00042",
        "What did customer {reviewer} write in reviews?",
        "Draft a 10% offer for customer 00042 by email",
        "Any new alerts?",
    ],
    "admin": [
        "Who is about to leave, and what are they worth?",
        "Show me customer 00042",
        "List our segments",
        "How good is the churn model?",
        "Any new alerts?",
    ],
}

GREETING = "Hello! I'm Retain. I answer from your store's data."
OUT_OF_SCOPE = (
    "That's outside what I do: I answer questions about your customers, their risk and value, "
    "segments, reviews, offers, budgets and demand."
)
# When the LLM that reads what the fast router could not did not answer within its limit: the
# question was never read, so "not sure what you're asking" would blame its wording. Busy is
# one cause, not the only one: on a small CPU an idle model can take longer than the limit.
MODEL_BUSY = (
    "I couldn't read your question in time: the language model did not answer within its "
    "limit (it may be writing a draft, answering another question, loading, or slow on this "
    "machine; RETAIN_ROUTE_LLM_TIMEOUT_S sets the limit)."
)


def suggestions(role: Role, reviewer: str = EXAMPLE_CUSTOMER) -> list[str]:
    """The role's suggested questions, the one about reviews naming `reviewer` (a customer who
    wrote some: the page's first click should not answer "no reviews")."""
    return [q.replace("{reviewer}", reviewer) for q in SUGGESTIONS[role]]


def help_text(role: Role) -> str:
    """What this role can ask, one line per tool, and a few examples."""
    lines = [f"As {_article(role)} {role} you can ask me to:"]
    lines += [f"- {WHAT_EACH_TOOL_DOES.get(tool, tool)}" for tool in tools_for(role)]
    lines.append("For example: " + "; ".join(f"“{q}”" for q in suggestions(role)[:3]))
    return "\n".join(lines)


def greeting(role: Role) -> str:
    return GREETING + " " + help_text(role)


def unclear(role: Role, detail: str = "") -> str:
    return (detail or UNCLEAR) + "\n" + help_text(role)


def model_busy(reason: str) -> str:
    """The unclear route's reason when the LLM was too busy to read the message: MODEL_BUSY,
    then the router's hint of what to ask without its "not sure" opening."""
    hint = reason.removeprefix(UNCLEAR).strip()
    return f"{MODEL_BUSY} {hint}".strip()


ASKS = {
    "customer_id": "which customer (their id, e.g. 00042)",
    # Named, so that "summarise the high value segment" can be asked again at once.
    "segment": "which segment: " + ", ".join(SEGMENT_NAMES[:-1]) + f" or {SEGMENT_NAMES[-1]}",
    "budget": "the budget (e.g. $5k)",
}


def missing(tool: str, names: tuple[str, ...], role: Role) -> str:
    """Ask for the arguments a tool needs and the question did not give: those the tool needs
    one of (an offer's customer or segment) as alternatives, and only those the role may
    name (support sees no segments)."""
    one_of = SIGNATURES[tool].one_of if tool in SIGNATURES else ()
    seen = [n for n in names if n != "segment" or may_use(role, "list_segments")]
    either = [n for n in seen if n in one_of]
    wanted = [ASKS.get(n, n) for n in names if n not in one_of]
    if either:
        wanted.append(" or ".join(ASKS.get(n, n) for n in either))
    return f"To {WHAT_EACH_TOOL_DOES.get(tool, tool)} I need {' and '.join(wanted)}."


def _article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"
