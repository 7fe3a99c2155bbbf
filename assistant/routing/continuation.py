"""What the conversation decides, for the router (semantic.py): a message that continues the
last call rather than asking anew.

Memory alone decides "and the next one?" (the next customer of the last list), a bare value
for the last tool ("same for champions"), "who are they?" or "which of them ordered the
most?" or "how many of them ordered twice?" after a ranking of customers, and "which of them
are at risk?" after a list of customers with no bounds (ranked_again.py)
and a change with no other tool's cue words ("what if we had 10k instead"); "and the next
10?" pages on from the last list; a refinement the scores put beside a tool the role may not
use stays with the last tool; and a message nothing scored well may still name a place in the
last list ("the second one") or change the last call ("break that down by category").
"""

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from assistant.roles import Role, may_use
from assistant.routing import followup, ranked_again, rules
from assistant.routing.args import explicit
from assistant.routing.extract import Extraction
from assistant.routing.memory import Memory
from assistant.routing.signatures import ANY_TOOL, SIGNATURES, ToolSignature

# "Which one ...?" after the segment list asks which segment: that list says the largest, the
# riskiest and the most value at risk ("which customers ..." asks for people).
ONE_OF_THEM = re.compile(r"^(?:and\s+|so\s+)?which\s+(?:one|of\s+(?:them|these|those))\b")
CUSTOMER_WORDS = re.compile(r"\b(?:customers?|people|buyers|who)\b")


def _which_segment(text: str) -> bool:
    return bool(ONE_OF_THEM.search(text)) and not CUSTOMER_WORDS.search(text)


# Questions about the rows one tool just gave, which that tool answers again: "which one has
# the highest churn risk?" after the segment list; "who are they?", "which of them ordered
# most?" and "how many of them ordered more than 5 times?" after a ranking of customers.
ASKED_OF_ITS_ROWS: Mapping[str, tuple[Callable[[str], bool], ...]] = {
    "list_segments": (_which_segment,),
    "top_customers": (ranked_again.asked_again, ranked_again.counted_again),
}
# "How many is that?", or just "how many?", after a list asks its length, which the list's
# answer says (its total): the same call again, not a guess at what else to count. With no
# list to count, it says nothing to count (noise.COUNT_WHAT_REASON).
HOW_MANY_OF_IT = re.compile(
    r"^(?:and\s+|so\s+|ok(?:ay)?\s+)?how\s+many(?:\s+(?:is\s+that|are\s+(?:there|they|those|"
    r"these)|of\s+(?:them|those|these)\s+are\s+there|in\s+total|altogether|total))?\s*[?.!]*$"
)
COUNTED_LISTS = frozenset(
    {"search_reviews", "at_risk_customers", "top_customers", "top_products", "similar_customers",
     "review_sentiment", "list_alerts"}
)  # fmt: skip
# Tools that work through a list rather than one customer; "next one" goes to a profile.
LIST_TOOLS = frozenset({"at_risk_customers", "similar_customers", "list_segments"})
# Names under which two tools take the same value ("top 5" is a limit or a k).
# "the last 30 days" is one value: back for sales and reviews, ahead for a forecast.
SAME_VALUE = {"k": "limit", "max_discount_pct": "discount_pct", "horizon_days": "days"}
# Counts a list tool takes, for "and the next 10?".
COUNT_ARGS = ("limit", "k")


@dataclass(frozen=True)
class Scored:
    """A label and its score. `follow` says when memory decided: "next" (the next customer of
    the last list) or "repeat" (the last call again, with what the message changed). `nudge`
    is the part of the score that came from cue words and arguments rather than similarity;
    "back" is the call that showed the last list, again; "rows" the last call as it was, its
    rows read by churn risk (ranked_again.risk_of_rows)."""

    label: str
    score: float
    follow: Literal["", "next", "repeat", "back", "rows"] = ""
    nudge: float = 0.0


def follow_up(
    text: str, x: Extraction, memory: Memory, changes: bool, tools: Collection[str]
) -> Scored | None:
    """A tool of `tools` decided by memory alone ("and the next one?", "same for champions",
    "what if we had 10k instead" with no other tool's cue words: `changes` says the message
    changes the last call), or None when the message needs scoring."""
    if followup.asks_back(text) and memory.list_tool in tools:
        return Scored(memory.list_tool or "", 1.0, "back")
    if followup.asks_next(text) and memory.next_customer() is not None:
        last = memory.tool
        tool = last if last in tools and last not in LIST_TOOLS else "customer_profile"
        return Scored(tool or "customer_profile", 1.0, "next")
    last = memory.tool
    if last is None or last not in tools:
        return None
    if any(asks(text) for asks in ASKED_OF_ITS_ROWS.get(last, ())):
        return Scored(last, 1.0, "repeat")
    if last in COUNTED_LISTS and HOW_MANY_OF_IT.search(text.strip()):
        return Scored(last, 1.0, "repeat")
    if ranked_again.risk_of_rows(text, last, memory.args):
        return Scored(last, 1.0, "rows")  # "which of them are at risk?" after "top 10"
    compares = x.compare_to is not None and "compare_to" in SIGNATURES[last].arg_names
    if compares and set(rules.cues(text)) <= {last}:  # "vs 1997?", "compare with feb"
        return Scored(last, 1.0, "repeat")
    # A bare opener ("same for champions") or nothing but values ("in 1997", "last quarter"):
    # the last call again with them.
    bare = followup.is_bare(x.remainder) or followup.only_values(x.remainder)
    if bare and _changed(SIGNATURES[last], x, text, memory):
        return Scored(last, 1.0, "repeat")
    if changes and set(rules.cues(text)) <= {last}:
        return Scored(last, 1.0, "repeat")
    return None


def changes_last_call(x: Extraction, text: str, memory: Memory, tools: Collection[str]) -> bool:
    """True when the message refines the last call: worded as a change (followup.refines)
    and giving values that are all arguments of the last tool ("now cap discounts at
    10%" after a budget plan; not "now draft an sms", whose channel a plan cannot take)."""
    last = memory.tool
    if last is None or last not in tools or not followup.refines(text):
        return False
    given = explicit(SIGNATURES[last], x, text, memory)
    # Read the way the last tool reads a message, but taking what any tool would. A value
    # the last tool takes under another name is the same ask: "per category" is `per`
    # to top_products and `by` to a forecast.
    anything = explicit(replace(ANY_TOOL, name=last), x, text, memory)
    kinds = _value_kinds(given)
    others = [v for k, v in anything.items() if SAME_VALUE.get(k, k) not in kinds]
    changed = bool(given) or _other_currency_bound(SIGNATURES[last], x)
    return changed and all(value in given.values() for value in others)


def _changed(tool: ToolSignature, x: Extraction, text: str, memory: Memory) -> bool:
    """True when the message gives `tool` a value: an argument, or a spend bound in another
    currency, which is no argument (no rate is known) but is asked of the last call all the
    same ("now over €200"): it is repeated, with a note that the bound is not applied."""
    return bool(explicit(tool, x, text, memory)) or _other_currency_bound(tool, x)


def _other_currency_bound(tool: ToolSignature, x: Extraction) -> bool:
    spend = x.min_revenue is not None or x.max_revenue is not None
    return x.currency is not None and spend and "min_revenue" in tool.arg_names


def refined(ranked: list[Scored], memory: Memory, role: Role, changes: bool) -> Scored:
    """The best of `ranked`, seen as a possible refinement of the last call (when `changes`):
    when the last tool wins, the message repeats that call with its changes; when a tool the
    role may not use wins only by its cue words (without them it would not beat the last
    tool), the last tool is what the message refines, not a refusal."""
    best = ranked[0]
    if not changes:
        return best
    last = next((s for s in ranked if s.label == memory.tool), None)
    if last is None:
        return best
    if best.label == last.label:
        return replace(best, follow="repeat")
    forbidden = best.label in SIGNATURES and not may_use(role, best.label)
    if forbidden and may_use(role, last.label) and last.score >= best.score - best.nudge:
        return replace(last, follow="repeat")
    return best


def paged(text: str, x: Extraction, memory: Memory) -> Extraction:
    """The next page for "and the next 10?": after ranks 1-5, ranks 6-15 (the last offset
    moved on by the last count, the tool's default when none was asked for)."""
    more = followup.next_count(text)
    last = SIGNATURES.get(memory.tool or "")
    again = more is None and followup.asks_next_page(text)  # "next page": as many again
    if (more is None and not again) or last is None or x.horizon_days is not None:
        return x
    count = next((last.arg(n) for n in COUNT_ARGS if n in last.arg_names), None)
    if count is None or "offset" not in last.arg_names:
        return x
    shown = _whole(memory.args.get(count.name, count.default))
    skipped = _whole(memory.args.get("offset", 0))
    more = shown if again else more
    if more is None:
        return x
    if shown is None or skipped is None:  # a stored call this version did not write
        return replace(x, count=more)
    return replace(x, count=more, offset=skipped + shown)


def from_memory(
    text: str, x: Extraction, memory: Memory, tools: Collection[str], threshold: float
) -> Scored | None:
    """For a message nothing scored well (scored at `threshold`): a place in the last list
    ("the second one") is that customer's profile, or what that product's reviews say; a
    change to the last call ("break that down by category") runs the last tool again."""
    if x.position is not None and memory.listed(x.position) is not None:
        return Scored("customer_profile", threshold)
    if x.position is not None and memory.listed_product(x.position) is not None:
        # Walking best sellers' reviews ("and the third one?"): the same question again. Only
        # after a call about one product: the best sellers' ranking itself takes a product_id
        # (one product's sales), yet "the second one" of it asks what its reviews say.
        walked = SIGNATURES.get(memory.tool or "")
        about_one = any(memory.args.get(name) for name in ("product_id", "product_name"))
        if walked is not None and "product_id" in walked.arg_names and about_one:
            return Scored(walked.name, threshold, "repeat")
        return Scored("review_sentiment", threshold)
    last = memory.tool
    refines = last in tools and followup.refines(text)
    if refines and explicit(SIGNATURES[last or ""], x, text, memory):
        return Scored(last or "", threshold, "repeat")
    return None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _value_kinds(args: Mapping[str, object]) -> set[str]:
    """The argument names in `args`, one name for a value two tools call differently."""
    return {SAME_VALUE.get(name, name) for name in args}
