"""The last answer's period, pointed back to from another tool's question: after "sales in
March 1998", "how many customers in that period?" or "how many new customers then?" ask about
March 1998. The words that point back ("that period", "then": followup.same_period) name no
period themselves, so without this the question was scored as one about no period and
answered for the default span (or the whole history) without a word.

Carried only where the message names no period of its own, and only into a tool that takes
one: "which of them are at risk then?" is about now, and the at-risk list has no period.
"""

from dataclasses import replace

from assistant.routing import followup
from assistant.routing.arg_notes import PERIOD
from assistant.routing.extract import Extraction
from assistant.routing.memory import Memory
from assistant.routing.signatures import ToolSignature

# The calendar's arguments (the tools' and Extraction's names); "days" counts back from the
# data's end, not from the period asked, so it is none of them.
CALENDAR = tuple(sorted(PERIOD - {"days"}))
OWN_PERIOD = (*CALENDAR, "horizon_days", "compare_to")  # a period the message names itself


def with_last_period(x: Extraction, text: str, memory: Memory) -> Extraction:
    """`x` with the last call's calendar period when `text` (lower case) points back to it
    and names none; `x` as it is otherwise."""
    if not followup.same_period(text) or any(getattr(x, n) is not None for n in OWN_PERIOD):
        return x
    last = {name: memory.args[name] for name in CALENDAR if memory.args.get(name) is not None}
    return replace(x, **last) if last else x


def takes_period(tool: ToolSignature) -> bool:
    """True when `tool` takes a calendar period, so one carried applies."""
    return bool(set(CALENDAR) & set(tool.arg_names))
