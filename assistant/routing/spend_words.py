"""The words bounds on what customers did are written in, shared by floors (thresholds.py) and
ceilings (ceilings.py): money ("$1,000", "2k", "500 euros"), the spend words beside it
("spent", "in purchases"), the customers it is said of ("customers with ..."), and whose
spend a spend word is.

A spend word counts only for what customers spent: "customers who spent over $1,000" is a
bound, while "we can't spend more than $2,000", "I want to spend at least $500" and "plan a
campaign spending over $1,000" are our money, a budget (OURS, PLAN), left for quantities.py;
A bound on what customers will spend ("customers who will spend under $50": a prediction), on
one order ("under $30 per order") or on the store's sales ("products with sales over $1000") is
read, so its money is no budget, but no tool applies it (`unapplied`): the answer says so.
"""

import re

from assistant import currencies
from assistant.routing import quantities

CENT = 0.01
MULT = r"k|thousand|grand|m|mil|million"
SPEND = r"\b(?:spent|spend|spends|spending|revenue|sales|purchases|purchased)"
IN_SPEND = r"\s+(?:in|of|worth\s+of)\s+(?:total\s+)?(?:spend\w*|revenue|sales|purchases|orders)\b"
SPEND_OF = r"\s+(?:(?:a\s+)?total\s+of\s+|in\s+total\s+|of\s+)?"  # "spent a total of ..."
# The customers a bound is said of ("customers with ...", "buyers who ..."), in the singular.
CUSTOMER = r"(?:customer|buyer|spender|client|shopper|account)"
WHO = rf"\b{CUSTOMER}s\s+(?:of\s+|with\s+)?"
ORDERS = r"(?:orders|purchases)\b"
BOUGHT = r"\b(?:ordered|bought|purchased|shopped)\s+(?:from\s+us\s+)?"
# "no more than" and "not less than" are the other side's words: never read as "more than".
NOT_NO = r"(?<!\bno\s)(?<!\bnot\s)"
# A number of times or orders is no money: "purchased fewer than 2 times" counts orders.
NOT_COUNTED = r"(?!\s*(?:times|orders?|purchases?|days?|weeks?|months?|quarters?|years?)\b)"
# Whose spend a spend word is: customers' after who/customers ("customers who have spent"),
# ours after a first person, a modal or "to" ("we can't spend", "I want to spend"), bidden
# ("spend up to $500 on winback"), or in a message about a plan ("plan a campaign spending
# over $1,000 on at-risk customers").
THEIRS = re.compile(rf"\b(?:who|{CUSTOMER}s|they|people|those|ones)\s+(?:[\w']+\s+){{0,2}}$")
OURS = re.compile(
    r"\b(?:we|i|us|you|to|can|can't|cannot|could|would|will|should|must|may|might|let's|"
    r"want|willing|plan|afford)\s+(?:[\w']+\s+){0,2}$"
)
# Said ahead ("customers who will spend under $50 next month"): a prediction, no past spend.
AHEAD = re.compile(
    r"\b(?:will|would|could|might|going\s+to|gonna|expected\s+to|likely\s+to|predicted\s+to)"
    r"\s+$"
)
# The store's takings rather than customers' ("products with sales over $1000"): sales and
# revenue are customers' spend only in a message about customers ("customers with sales over
# $1000").
STORE_TAKINGS = re.compile(r"\b(?:sales|revenue)\b")
CUSTOMER_WORDS = re.compile(rf"\b(?:{CUSTOMER}s?|who|people|ones)\b")
# One order's worth, not a total ("spending less than $30 per order"): no tool bounds it.
PER_ORDER = re.compile(
    r"\s*(?:(?:per|an|each|a|every|one|on\s+(?:an?\s+)?(?:average|avg))\s+)(?:order|purchase|"
    r"basket|transaction|visit)\b|\s*(?:on\s+)?(?:average|avg)\b"
)
IMPERATIVE = re.compile(r"(?:^|[,.;:!?])\s*(?:please\s+|just\s+)?$")  # "spend up to $500 on..."
PLAN = re.compile(r"\b(?:plan\w*|budget\w*|campaigns?|win-?back|retention|allocat\w*|invest\w*)\b")


def money(tag: str = "") -> str:
    """Money as a pattern: "$1,000", "2k", "500 euros", "1000"; its groups are named symbol,
    n, mult and word, each followed by `tag`, so that one pattern can hold two amounts."""
    number = quantities.NUM.replace("(?P<n>", f"(?P<n{tag}>")
    return (
        rf"(?P<symbol{tag}>[$€£]\s*)?{number}(?:\s?(?P<mult{tag}>{MULT})\b)?"
        rf"(?:\s*(?P<word{tag}>(?:{currencies.WORD})\b))?{NOT_COUNTED}"
    )


def count(tag: str = "") -> str:
    """A whole number as a pattern ("3", "three"), its group named n followed by `tag`."""
    return quantities.NUM.replace("(?P<n>", f"(?P<n{tag}>")


def amount(match: "re.Match[str]", tag: str = "") -> float | None:
    """The money a money(tag) group holds, its multiplier applied; None if no number."""
    mult = match.group(f"mult{tag}")
    value = quantities.number(match.group(f"n{tag}"), before_multiplier=bool(mult))
    return None if value is None else value * quantities.MULTIPLIERS.get(mult or "", 1.0)


def marked(match: "re.Match[str]", tag: str = "") -> bool:
    """True when the money is said to be money: a symbol, a currency word or a multiplier."""
    groups = match.groupdict()
    return any(groups.get(f"{name}{tag}") for name in ("symbol", "word", "mult"))


# Which of spend_forms' patterns open with a spend word, so whose spend it is matters
# (customers_spend), and which have none beside the money, or only "bought", so it must be
# marked (marked): "bought over 5 of the mugs" counts mugs, "bought over $100 of coffee" is
# money.
OPENS_WITH_SPEND = slice(0, 2)
NO_SPEND_WORD = slice(4, 8)
# "bought over $100 worth of coffee", "ordered $50 or more of tea": money bought of something.
WORTH_OF = r"(?:\s+worth)?(?=\s+of\b)"


def spend_forms(compared: str, trailing: str, both: bool = False) -> list[re.Pattern[str]]:
    """A bound on customers' spend, as patterns in the order they are tried: the comparison
    ahead of the money (`compared`: "spent over $1,000", "under $20 in purchases", "customers
    with over $1,000") or after it (`trailing`: "spent $500 or more", "$50 or less in spend",
    "buyers with $20 or less"), each after a spend word, before "in purchases" and after the
    customers, and after "bought" before what was bought ("bought over $100 worth of coffee").
    `both`: the trailing words may follow a comparison too ("over $1,000+")."""
    ahead = compared + money() + (f"(?:{trailing})?" if both else "")
    behind = money() + trailing
    return [
        re.compile(SPEND + SPEND_OF + ahead),
        re.compile(rf"{SPEND}\s+(?:a\s+total\s+of\s+)?{behind}"),
        re.compile(ahead + IN_SPEND),
        re.compile(behind + IN_SPEND),
        re.compile(WHO + ahead),
        re.compile(WHO + behind),
        re.compile(BOUGHT + ahead + WORTH_OF),
        re.compile(BOUGHT + behind + WORTH_OF),
    ]


def customers_spend(text: str, start: int) -> bool:
    """True when the spend word at `start` is what customers spend, not money we would spend
    (see THEIRS, OURS and PLAN)."""
    before = text[:start]
    if THEIRS.search(before):
        return True
    if IMPERATIVE.search(before) and text.startswith("spend ", start):
        return False
    return not (OURS.search(before) or PLAN.search(text))


def unapplied(text: str, match: "re.Match[str]") -> str:
    """Why a spend bound read in `text` is no bound on what customers spent in total: "ahead"
    (what they will spend), "per_order" (one order's worth), "sales" (the store's takings), or
    "" (it is one)."""
    if AHEAD.search(text[: match.start()]):
        return "ahead"
    if PER_ORDER.match(text, match.end()):
        return "per_order"
    if STORE_TAKINGS.search(match.group()) and not CUSTOMER_WORDS.search(text):
        return "sales"
    return ""
