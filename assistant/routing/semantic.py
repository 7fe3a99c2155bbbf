"""The fast router: one MiniLM embedding per message, compared with example phrasings, plus
argument extraction, follow-ups from memory and a few keyword rules. No language model.

A message goes, in order, through: refusal rules (code, dumps, secrets, instructions);
contact details for a role that may not see them; then it is read without its markup
(markup.py); follow-ups that memory decides alone ("and
the next one?", "same for champions", "what if we had 10k instead": continuation.py, which
also says what continues the last call once scored); then similarity. Each
label's score is a blend of its best and its three best example similarities, plus a small
nudge for its cue words; the best label wins if it clears THRESHOLD, else the message is
unclear (and may go to the LLM fallback). A tool the role may not use is refused with the
reason, never swapped for another, except that its cue words never take a refinement of the
last call away from the last tool.
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np

from assistant.roles import CONTACTS_REFUSAL, Role, may_use, sees_contacts
from assistant.routing import followup, rules
from assistant.routing.arg_notes import PERIOD
from assistant.routing.args import build
from assistant.routing.continuation import (
    HOW_MANY_OF_IT,
    Scored,
    changes_last_call,
    follow_up,
    from_memory,
    paged,
    refined,
)
from assistant.routing.delexicalise import delexicalise
from assistant.routing.examples import EXAMPLES, NO_TOOL_LABELS
from assistant.routing.extract import Extraction, extract
from assistant.routing.ids import KnownName
from assistant.routing.markup import without_markup
from assistant.routing.memory import Memory
from assistant.routing.noise import (
    COUNT_WHAT_REASON,
    NO_LIST_REASON,
    UNCLEAR_REASON,
    has_letters,
    says_nothing,
    topic_free,
)
from assistant.routing.nudges import nudges
from assistant.routing.period_carried import CALENDAR, takes_period, with_last_period
from assistant.routing.policy_asked import policy_nudged
from assistant.routing.reading import normalise, visible
from assistant.routing.risk_reading import RISK_NOTE
from assistant.routing.route import Route
from assistant.routing.segment_unknown import unknown_segment
from assistant.routing.signatures import SIGNATURES, roles_allowed
from assistant.routing.spelling import Speller, spelled_out
from assistant.routing.their_customer import of_their_customer
from assistant.routing.vocabulary import Vocabulary
from retrieval.embedder import Embedder

# Lists of customers, whose contacts a marketer may ask for along with them.
CONTACT_LISTS = frozenset({"top_customers", "at_risk_customers", "similar_customers"})
# Lists whose customers are bounded by what they spent and ordered (min_revenue and the rest).
SPEND_BOUNDED = frozenset({"top_customers", "at_risk_customers"})
# Whose sales "how many orders was that" still asks about, beside the period.
SAME_SALES = frozenset({"category", "segment", "product_id", "product_name"})
THRESHOLD = 0.45  # below this best score a message is unclear
BEST_WEIGHT = 0.6  # score = 0.6 * best similarity + 0.4 * mean of the three best
ROLE_NAMES: dict[str, tuple[str, str]] = {  # (plural, with article)
    "operator": ("operators", "an operator"),
    "marketer": ("marketers", "a marketer"),
    "support": ("support agents", "a support agent"),
    "admin": ("admins", "an admin"),
}
REFUSE_REASON = (
    "I can't help with that here. Ask me about customers, segments, reviews, offers, budgets "
    "or forecasts."
)


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
        reason = rules.refusal(text)  # markup and all: "run <script>...</script>" is refused
        if reason is not None:
            return Route("refuse", reason=reason)
        if not sees_contacts(role) and rules.asks_for_contacts(text):
            return Route("refuse", reason=CONTACTS_REFUSAL)
        # Read without its markup: "<b>top</b> products" asks for the best sellers.
        message = spelled_out(without_markup(message))  # "this yr" is "this year"
        message = followup.their_misspelt(message)  # "why is there risk so high?"
        text = " ".join(normalise(message).split())
        if says_nothing(text):
            return Route("unclear", reason=UNCLEAR_REASON)
        # A name typed in lower case is looked up only for a role that may see names.
        known = self.known_name if sees_contacts(role) else None
        # After a list of customers bounded by what they did (a ranking, the at-risk list),
        # "now under $20" is a bound on their spend.
        ranked = memory.tool in SPEND_BOUNDED
        planned = memory.tool == "plan_budget"
        own = extract(message, self.vocabulary, known, bare_bounds=ranked, bare_budget=planned)
        read = with_last_period(own, text, memory)  # "how many customers in that period?"
        x = paged(text, read, memory)
        changes = changes_last_call(x, text, memory, self.tools)
        decided = follow_up(text, x, memory, changes, self.tools)
        if decided is None and HOW_MANY_OF_IT.search(text):  # no list shown to count
            return Route("unclear", reason=COUNT_WHAT_REASON)
        if decided is None:
            embedded = followup.resolve(self._embedding_text(message, self.vocabulary, x), memory)
            decided = refined(self.scores(embedded, x, memory), memory, role, changes)
        if decided.score < self.threshold:
            decided = from_memory(text, x, memory, self.tools, self.threshold) or decided
        if decided.score < self.threshold:
            if followup.asks_back(text):  # no list shown in this conversation yet
                return Route("unclear", score=decided.score, reason=NO_LIST_REASON)
            if topic_free(self.speller.correct(text), x):
                return Route("out_of_scope", score=decided.score)
            return Route("unclear", score=decided.score, reason=UNCLEAR_REASON)
        if decided.label == "refuse":
            return Route("refuse", score=decided.score, reason=REFUSE_REASON)
        if decided.label in NO_TOOL_LABELS:
            return Route(decided.label, score=decided.score)  # type: ignore[arg-type]
        # "the next 10" counts on from the last list only for the last tool; a period pointed
        # back to, only to a tool that takes one.
        x = x if decided.label == memory.tool else read
        if decided.label in SIGNATURES and not takes_period(SIGNATURES[decided.label]):
            x = replace(x, **{name: getattr(own, name) for name in CALENDAR})
        if (
            decided.label == "plan_budget"
            and x.amount is None
            and not planned
            and not x.customer_ids
        ):
            # "plan a win-back for 5000": a plan's number written alone is its budget too
            x = extract(message, self.vocabulary, known, bare_bounds=ranked, bare_budget=True)
        return self._tool_route(decided, x, text, memory, role)

    def _embedding_text(
        self, message: str, vocabulary: Vocabulary, x: Extraction | None = None
    ) -> str:
        """What is embedded: the message with names replaced by their kind, normalised, typos
        repaired (not in the name of a product bought: spelling.Speller.correct)."""
        x = x or extract(message, vocabulary)
        text = " ".join(normalise(delexicalise(message, x)).split())
        if not has_letters(text):  # the message was only a name: "champions"
            text = " ".join(kind for _, _, kind in x.entities)
        return self.speller.correct(text, frozenset((x.product_name or "").split()))

    def scores(self, text: str, x: Extraction, memory: Memory) -> list[Scored]:
        """Every label's score for `text` (normalised, typos repaired), best first. This is
        the one embedding a message costs."""
        vector = self.embedder.embed([text])[0]
        similarity = self._examples @ vector  # (N,)
        nudge = policy_nudged(nudges(text, x, memory), x, text)  # the policy gives no values
        out = []
        for index, label in enumerate(self.labels):
            sims = np.sort(similarity[self._rows[index]])[::-1]
            if len(sims) == 0:
                continue
            score = BEST_WEIGHT * float(sims[0]) + (1 - BEST_WEIGHT) * float(sims[:3].mean())
            out.append(Scored(label, score + nudge.get(label, 0.0), nudge=nudge.get(label, 0.0)))
        return sorted(out, key=lambda s: -s.score)

    def _tool_route(
        self, decided: Scored, x: Extraction, text: str, memory: Memory, role: Role
    ) -> Route:
        tool = decided.label
        if of_their_customer(tool, text, x, memory, role):  # "is she at risk?" to support
            decided = replace(decided, label="customer_profile", follow="")
            tool = decided.label
        if not may_use(role, tool):
            return Route("refuse", tool=tool, score=decided.score, reason=role_reason(role, tool))
        signature = SIGNATURES[tool]
        carried = dict(memory.args) if memory.tool == tool and decided.follow else {}
        if decided.follow == "rows":  # the rows shown, page and all, read by churn risk
            return Route("tool", tool=tool, args=carried, score=decided.score, reason=RISK_NOTE)
        if not carried and memory.tool == tool and followup.same_period(text):
            # "revenue for tea in 1997?", then "and how many orders was that": the same
            # period and the same sales
            carried = {k: v for k, v in memory.args.items() if k in PERIOD | SAME_SALES}
        carried.pop("offset", None)  # a page is kept only by "and the next 10?" (_paged)
        if decided.follow == "back":  # the list as it was shown, its page too
            carried = dict(memory.list_args)
        following = memory.next_customer()
        if decided.follow == "next" and following is not None:
            carried["customer_id"] = following
        args = build(signature, x, text, memory, carried=carried)
        # "plan 3k for the vip segment": passed on, so the tool names the segments there are;
        # left out, an optional segment made the plan the whole store's, and said nothing.
        takes_segment = "segment" in signature.arg_names and "segment" not in args.values
        needed = "segment" in args.missing  # optional: only a name said as one ("the vip segment")
        unknown = unknown_segment(text, at_end=needed) if takes_segment else None
        if unknown is not None:
            args = build(signature, x, text, memory, carried={**carried, "segment": unknown})
        reason = args.reason
        if tool in CONTACT_LISTS and not sees_contacts(role) and rules.contacts_too(text):
            reason = " ".join(filter(None, (reason, rules.CONTACTS_NOTE)))
        return Route(
            "tool",
            tool=tool,
            args=args.values,
            score=min(decided.score, 1.0),
            missing=args.missing,
            reason=reason,
        )


def role_reason(role: Role, tool: str) -> str:
    """'marketers can't plan budgets; ask an operator.'"""
    allowed = [ROLE_NAMES[r][1] for r in roles_allowed(tool)] or ["an admin"]
    purpose = SIGNATURES[tool].purpose if tool in SIGNATURES else f"use {tool}"
    return f"{ROLE_NAMES[role][0].capitalize()} can't {purpose}; ask {' or '.join(allowed)}."
