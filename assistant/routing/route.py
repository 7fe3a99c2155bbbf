"""Where a chat message goes: one tool with its arguments, or an answer without a tool."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Template
from typing import Any, Literal

from assistant.routing.arg_notes import PERK_FIELD, PERK_NAMES, perk_note
from assistant.routing.risk_reading import RISK_FIELD, RISK_NOTE, rows_by_risk

# Values only the tool knows that a reason may name ("${discount_pct}%": the policy's default;
# "${horizon_days}": the days a forecast covered; "${churn_days}": the days the chance to buy
# covers).
NOTE_FIELDS = ("discount_pct", "horizon_days", "churn_days")
RouteKind = Literal["tool", "greeting", "help", "out_of_scope", "refuse", "unclear"]
ROUTE_KINDS: tuple[RouteKind, ...] = (
    "tool",
    "greeting",
    "help",
    "out_of_scope",
    "refuse",
    "unclear",
)


@dataclass(frozen=True)
class Route:
    """The router's decision for one message.

    `tool` and `args` are set for kind "tool" (and name the tool that was asked for when a role
    refusal is the reason for kind "refuse"). `missing` lists required arguments that neither the
    message nor the conversation gave, so the service can ask for them. `score` is the similarity
    that decided (0 to 1; 0 when a rule or the language model decided). `reason` says why a
    request was refused, what was unclear or what is missing, in words a user can act on; for a
    tool that runs, what the answer could not do as asked (`note`). `detail` is for the log
    and the audit only, never the answer: why the language model's reply was not used.
    """

    kind: RouteKind
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0
    missing: tuple[str, ...] = ()
    reason: str = ""
    detail: str = ""

    @property
    def is_tool(self) -> bool:
        """True when a tool should run now (a tool was chosen and nothing required is missing)."""
        return self.kind == "tool" and self.tool is not None and not self.missing

    def note(self, result: Mapping[str, Any]) -> str:
        """`reason`, shown under the tool's answer, with what only the tool knew filled in from
        its `result`: the values of NOTE_FIELDS, the note on a perk asked of an offer, which
        the offer's facts may carry (arg_notes.perk_note), and the rows read by churn risk
        (risk_reading.py); any other "$" is left as written."""
        known = {name: f"{result[name]:g}" for name in NOTE_FIELDS if _number(result.get(name))}
        facts = result.get("facts")
        perks = facts.get("perks") if isinstance(facts, Mapping) else None
        granted = [str(perk) for perk in perks] if isinstance(perks, list | tuple) else []
        for kind in PERK_NAMES:
            known[PERK_FIELD + kind] = perk_note(kind, granted)
        if RISK_NOTE in self.reason:
            known[RISK_FIELD] = rows_by_risk(result)
        return " ".join(Template(self.reason).safe_substitute(known).split())


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
