"""The fast router: one MiniLM embedding per message, compared with example phrasings, plus
argument extraction, follow-ups from memory and a few keyword rules. No language model.

A message goes, in order, through: refusal rules (code, dumps, secrets, instructions);
contact details for a role that may not see them; follow-ups that memory decides alone ("and
the next one?", "same for champions", "what if we had 10k instead"); then similarity. Each
label's score is a blend of its best and its three best example similarities, plus a small
nudge for its cue words; the best label wins if it clears THRESHOLD, else the message is
unclear (and may go to the LLM fallback). A tool the role may not use is refused with the
reason, never swapped for another, except that its cue words never take a refinement of the
last call away from the last tool.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from assistant.roles import CONTACTS_REFUSAL, Role, may_use, sees_contacts
from assistant.routing import followup, rules
from assistant.routing.args import build, explicit
from assistant.routing.examples import EXAMPLES, NO_TOOL_LABELS
from assistant.routing.extract import Extraction, delexicalise, extract
from assistant.routing.ids import KnownName
from assistant.routing.memory import Memory
from assistant.routing.noise import has_letters, says_nothing, topic_free
from assistant.routing.nudges import nudges
from assistant.routing.reading import normalise, visible
from assistant.routing.route import Route
from assistant.routing.signatures import ANY_TOOL, SIGNATURES, roles_allowed
from assistant.routing.spelling import Speller
from assistant.routing.vocabulary import Vocabulary
from retrieval.embedder import Embedder

THRESHOLD = 0.45  # below this best score a message is unclear
BEST_WEIGHT = 0.6  # score = 0.6 * best similarity + 0.4 * mean of the three best
ROLE_NAMES: dict[str, tuple[str, str]] = {  # (plural, with article)
    "operator": ("operators", "an operator"),
    "marketer": ("marketers", "a marketer"),
    "support": ("support agents", "a support agent"),
    "admin": ("admins", "an admin"),
}
UNCLEAR_REASON = (
    "I'm not sure what you're asking. Try naming a customer, a segment or what you want "
    "(at-risk customers, reviews, an offer, a budget plan, a forecast)."
)
# Tools that work through a list rather than one customer; "next one" goes to a profile.
LIST_TOOLS = frozenset({"at_risk_customers", "similar_customers", "list_segments"})
REFUSE_REASON = (
    "I can't help with that here. Ask me about customers, segments, reviews, offers, budgets "
    "or forecasts."
)
# Names under which two tools take the same value ("top 5" is a limit or a k).
# "the last 30 days" is one value: back for sales and reviews, ahead for a forecast.
SAME_VALUE = {"k": "limit", "max_discount_pct": "discount_pct", "horizon_days": "days"}
# Counts a list tool takes, for "and the next 10?".
COUNT_ARGS = ("limit", "k")


@dataclass(frozen=True)
class Scored:
    """A label and its score. `follow` says when memory decided: "next" (the next customer of
    the last list) or "repeat" (the last call again, with what the message changed). `nudge`
    is the part of the score that came from cue words and arguments rather than similarity."""

    label: str
    score: float
    follow: Literal["", "next", "repeat"] = ""
    nudge: float = 0.0


class Router:
    """Routes chat messages to a tool (with arguments) or to an answer without a tool.

    `tools` limits the router to the tools the service has (default: every tool in
    signatures.SIGNATURES); `examples` replaces the example phrasings (tests use small ones).
    The examples are embedded once, here. `known_name` says whether the store has a customer
    of a full name (any case), asked when a name is typed in lower case ("tell me about ada
    lovelace"); it is asked at the time, so new customers need no new router.
    """

    def __init__(
        self,
        embedder: Embedder,
        vocabulary: Vocabulary | None = None,
        tools: Iterable[str] | None = None,
        examples: Mapping[str, Iterable[str]] = EXAMPLES,
        threshold: float = THRESHOLD,
        known_name: KnownName | None = None,
    ) -> None:
        self.embedder = embedder
        self.known_name = known_name
        self.vocabulary = vocabulary or Vocabulary()
        self.tools = tuple(t for t in (tools or SIGNATURES) if t in SIGNATURES)
        self.threshold = threshold
        labels = [*self.tools, *NO_TOOL_LABELS]
        phrasings = [text for texts in examples.values() for text in texts]
        self.speller = Speller([*phrasings, *self.vocabulary.segments])
        texts: list[str] = []
        owners: list[int] = []
        # Examples lose their names the way messages do, with the default segment names too
        # (the phrasings use them whatever this store's names are).
        self._example_vocabulary = Vocabulary(
            segments=tuple(dict.fromkeys([*self.vocabulary.segments, *Vocabulary().segments])),
            id_width=self.vocabulary.id_width,
        )
        for index, label in enumerate(labels):
            for text in examples.get(label, ()):
                # Pronouns read as a message's would with someone in mind ("show her reviews"
                # is embedded as "show customer reviews").
                plain = self._embedding_text(text, self._example_vocabulary)
                texts.append(followup.PERSON.sub("customer", plain))
                owners.append(index)
        self.labels = tuple(labels)
        owned = np.array(owners, dtype=np.int64)
        self._rows = [np.flatnonzero(owned == index) for index in range(len(labels))]
        self._examples = embedder.embed(texts) if texts else np.zeros((0, embedder.dimension))

    def route(self, message: str, memory: Memory, role: Role) -> Route:
        """Where `message` goes, for `role`, in the conversation `memory` describes."""
        message = visible(message)
        text = " ".join(normalise(message).split())
        if says_nothing(text):
            return Route("unclear", reason=UNCLEAR_REASON)
        reason = rules.refusal(text)
        if reason is not None:
            return Route("refuse", reason=reason)
        if not sees_contacts(role) and rules.asks_for_contacts(text):
            return Route("refuse", reason=CONTACTS_REFUSAL)
        # A name typed in lower case is looked up only for a role that may see names.
        known = self.known_name if sees_contacts(role) else None
        # After customers ranked by what they did, "now under $20" is a bound on their spend.
        ranked = memory.tool == "top_customers"
        read = extract(message, self.vocabulary, known, bare_bounds=ranked)
        x = self._paged(text, read, memory)
        changes = self._changes_last_call(x, text, memory)
        decided = self._follow_up(text, x, memory, changes)
        if decided is None:
            embedded = followup.resolve(self._embedding_text(message, self.vocabulary, x), memory)
            decided = self._refined(self.scores(embedded, x, memory), memory, role, changes)
        if decided.score < self.threshold:
            decided = self._from_memory(text, x, memory) or decided
        if decided.score < self.threshold:
            if topic_free(self.speller.correct(text), x):
                return Route("out_of_scope", score=decided.score)
            return Route("unclear", score=decided.score, reason=UNCLEAR_REASON)
        if decided.label == "refuse":
            return Route("refuse", score=decided.score, reason=REFUSE_REASON)
        if decided.label in NO_TOOL_LABELS:
            return Route(decided.label, score=decided.score)  # type: ignore[arg-type]
        # "the next 10" counts on from the last list only for the last tool.
        x = x if decided.label == memory.tool else read
        return self._tool_route(decided, x, text, memory, role)

    def _embedding_text(
        self, message: str, vocabulary: Vocabulary, x: Extraction | None = None
    ) -> str:
        """What is embedded: the message with names replaced by their kind, normalised, typos
        repaired."""
        x = x or extract(message, vocabulary)
        text = " ".join(normalise(delexicalise(message, x)).split())
        if not has_letters(text):  # the message was only a name: "champions"
            text = " ".join(kind for _, _, kind in x.entities)
        return self.speller.correct(text)

    def scores(self, text: str, x: Extraction, memory: Memory) -> list[Scored]:
        """Every label's score for `text` (normalised, typos repaired), best first. This is
        the one embedding a message costs."""
        vector = self.embedder.embed([text])[0]
        similarity = self._examples @ vector  # (N,)
        nudge = nudges(text, x, memory)
        out = []
        for index, label in enumerate(self.labels):
            sims = np.sort(similarity[self._rows[index]])[::-1]
            if len(sims) == 0:
                continue
            score = BEST_WEIGHT * float(sims[0]) + (1 - BEST_WEIGHT) * float(sims[:3].mean())
            out.append(Scored(label, score + nudge.get(label, 0.0), nudge=nudge.get(label, 0.0)))
        return sorted(out, key=lambda s: -s.score)

    def _follow_up(self, text: str, x: Extraction, memory: Memory, changes: bool) -> Scored | None:
        """A tool decided by memory alone ("and the next one?", "same for champions", "what if
        we had 10k instead" with no other tool's cue words: `changes` says the message changes
        the last call), or None when the message needs scoring."""
        if followup.asks_next(text) and memory.next_customer() is not None:
            last = memory.tool
            tool = last if last in self.tools and last not in LIST_TOOLS else "customer_profile"
            return Scored(tool or "customer_profile", 1.0, "next")
        last = memory.tool
        if last is None or last not in self.tools:
            return None
        if followup.is_bare(x.remainder) and explicit(SIGNATURES[last], x, text, memory):
            return Scored(last, 1.0, "repeat")
        if changes and set(rules.cues(text)) <= {last}:
            return Scored(last, 1.0, "repeat")
        return None

    def _changes_last_call(self, x: Extraction, text: str, memory: Memory) -> bool:
        """True when the message refines the last call: worded as a change (followup.refines)
        and giving values that are all arguments of the last tool ("now cap discounts at
        10%" after a budget plan; not "now draft an sms", whose channel a plan cannot take)."""
        last = memory.tool
        if last is None or last not in self.tools or not followup.refines(text):
            return False
        given = explicit(SIGNATURES[last], x, text, memory)
        # Read the way the last tool reads a message, but taking what any tool would. A value
        # the last tool takes under another name is the same ask: "per category" is `per`
        # to top_products and `by` to a forecast.
        anything = explicit(replace(ANY_TOOL, name=last), x, text, memory)
        kinds = _value_kinds(given)
        others = [v for k, v in anything.items() if SAME_VALUE.get(k, k) not in kinds]
        return bool(given) and all(value in given.values() for value in others)

    def _refined(self, ranked: list[Scored], memory: Memory, role: Role, changes: bool) -> Scored:
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

    def _paged(self, text: str, x: Extraction, memory: Memory) -> Extraction:
        """The next page for "and the next 10?": after ranks 1-5, ranks 6-15 (the last offset
        moved on by the last count, the tool's default when none was asked for)."""
        more = followup.next_count(text)
        last = SIGNATURES.get(memory.tool or "")
        if more is None or last is None or x.horizon_days is not None:
            return x
        count = next((last.arg(n) for n in COUNT_ARGS if n in last.arg_names), None)
        if count is None or "offset" not in last.arg_names:
            return x
        shown = _whole(memory.args.get(count.name, count.default))
        skipped = _whole(memory.args.get("offset", 0))
        if shown is None or skipped is None:  # a stored call this version did not write
            return replace(x, count=more)
        return replace(x, count=more, offset=skipped + shown)

    def _from_memory(self, text: str, x: Extraction, memory: Memory) -> Scored | None:
        """For a message nothing scored well: a place in the last list ("the second one")
        is that customer's profile, or what that product's reviews say; a change to the
        last call ("break that down by category") runs the last tool again."""
        if x.position is not None and memory.listed(x.position) is not None:
            return Scored("customer_profile", self.threshold)
        if x.position is not None and memory.listed_product(x.position) is not None:
            # Walking best sellers' reviews ("and the third one?"): the same question again.
            walked = SIGNATURES.get(memory.tool or "")
            if walked is not None and "product_id" in walked.arg_names:
                return Scored(walked.name, self.threshold, "repeat")
            return Scored("review_sentiment", self.threshold)
        last = memory.tool
        refines = last in self.tools and followup.refines(text)
        if refines and explicit(SIGNATURES[last or ""], x, text, memory):
            return Scored(last or "", self.threshold, "repeat")
        return None

    def _tool_route(
        self, decided: Scored, x: Extraction, text: str, memory: Memory, role: Role
    ) -> Route:
        tool = decided.label
        if not may_use(role, tool):
            return Route("refuse", tool=tool, score=decided.score, reason=role_reason(role, tool))
        signature = SIGNATURES[tool]
        carried = dict(memory.args) if memory.tool == tool and decided.follow else {}
        carried.pop("offset", None)  # a page is kept only by "and the next 10?" (_paged)
        following = memory.next_customer()
        if decided.follow == "next" and following is not None:
            carried["customer_id"] = following
        args = build(signature, x, text, memory, carried=carried)
        return Route(
            "tool",
            tool=tool,
            args=args.values,
            score=min(decided.score, 1.0),
            missing=args.missing,
            reason=args.reason,
        )


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _value_kinds(args: Mapping[str, object]) -> set[str]:
    """The argument names in `args`, one name for a value two tools call differently."""
    return {SAME_VALUE.get(name, name) for name in args}


def role_reason(role: Role, tool: str) -> str:
    """'marketers can't plan budgets; ask an operator.'"""
    allowed = [ROLE_NAMES[r][1] for r in roles_allowed(tool)] or ["an admin"]
    purpose = SIGNATURES[tool].purpose if tool in SIGNATURES else f"use {tool}"
    return f"{ROLE_NAMES[role][0].capitalize()} can't {purpose}; ask {' or '.join(allowed)}."
