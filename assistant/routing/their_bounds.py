"""The bounds of the customers just listed, carried to another list asked of them: after
"customers who spent over $500", "which of them are most likely to churn?" is the at-risk
list of those who spent over $500, not of everyone; after "customers who haven't ordered in
90 days", "what if we had 3k to win them back" plans for those who have not ordered in 90 days.

Only top_customers and the at-risk list take bounds on spend and orders (the at-risk list
and the plan take how long customers have not ordered), and they count
them differently: the at-risk list on all orders to date, top_customers on a period when
one was asked ("customers who spent over $500 in 1997"). The bounds are carried either way,
as the nearest list the tools can give, and a note says when they now count all orders to
date rather than the last list's period. A bound the message gives itself replaces the one
carried ("which of them who ordered twice are at risk?").
"""

from collections.abc import Mapping
from typing import Any

from assistant.routing.arg_notes import BOUNDS, LAPSE, PERIOD
from assistant.routing.memory import Memory
from assistant.routing.signatures import ToolSignature

TO_DATE_NOTE = (
    "This list counts spend and orders on all orders to date, not on the last list's period, "
    "so its bounds are applied to all orders and it may hold customers the last list did not."
)


def of_them(tool: ToolSignature, memory: Memory, given: Mapping[str, Any]) -> dict[str, Any]:
    """The bounds of the last call that `tool`, another tool asked of the same customers
    ("which of them ..."), takes. When the last call was a list of customers by `tool` itself,
    asked again of "them" ("and their orders?" after "who spent the most in 1998"), its period
    too: it says who they are, and without it the list would be other people. A period the
    message gives (`given`) is asked of them instead, and none is carried."""
    if memory.tool is None:
        return {}
    # How long they have not ordered is one cutoff: one the message gives replaces both.
    carried = set(BOUNDS) | (set() if set(LAPSE) & set(given) else set(LAPSE))
    if memory.tool == tool.name:
        if memory.subject != "customers":
            return {}
        carried |= set() if PERIOD & set(given) else set(PERIOD)
    names = set(tool.arg_names)
    return {n: v for n, v in memory.args.items() if n in carried and n in names}


def to_date_note(
    tool: ToolSignature, memory: Memory, carried: Mapping[str, Any], values: Mapping[str, Any]
) -> str:
    """TO_DATE_NOTE when a bound `carried` from a last call limited to a period is applied by
    `tool`, which takes no period (it counts all orders to date); else nothing."""
    applied = any(values.get(name) == value for name, value in carried.items())
    dated = bool(PERIOD & set(memory.args))
    if not applied or not dated or PERIOD & set(tool.arg_names):
        return ""
    return TO_DATE_NOTE
