"""Grounded drafting: render the prompt, stream the model's draft, verify it, retry once, fall back.

    facts ──render──▶ prompt ──model.stream──▶ draft ──tidy──▶ verify ──▶ ok: first_pass
                                         └─ violations ─▶ prompt + each problem and its fix
                                                            ──▶ ok: retry, else fallback

The retry starts again from the first prompt, with the problems and the allowed values added
(revise.py), rather than from its own draft: a small model shown its draft copies it. Decoding
is greedy, so the same facts give the same draft. The fallback is plain copy filled by code
(prompts/templates/fallback/) and verified like any draft. An offer email's worked example is
picked per customer among a few honest ones (examples.py). A segment summary ends with a
sentence code words from its complaint themes, whichever path wrote the rest. Only this module
calls the model; facts, checks and copy are tested without one.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from assistant.drafting.clean import TURN_MARKERS, tidy_email, tidy_sms, tidy_summary
from assistant.drafting.examples import with_example
from assistant.drafting.facts import OfferFacts, SegmentFacts
from assistant.drafting.grounding import Grounding, filed_under
from assistant.drafting.policy import OfferPolicy
from assistant.drafting.quality import MIN_WORDS
from assistant.drafting.revise import fact_texts, revision_problems
from assistant.drafting.verify import Violation, verify
from assistant.llm.base import ChatModel, Message
from commerce.errors import RetainError, Unavailable
from prompts import FactValue, Template, load_template, render, render_fallback

Path = Literal["first_pass", "retry", "fallback"]
# An email in the asked shape is 60-100 tokens; the cap only bounds a model that runs on.
EMAIL_TOKENS, SMS_TOKENS, SUMMARY_TOKENS = 240, 90, 260
TIDY: dict[str, Callable[[str, list[str]], str]] = {
    "offer_email": tidy_email,
    "offer_sms": tidy_sms,
    "segment_summary": tidy_summary,
}


@dataclass(frozen=True)
class Attempt:
    """One try at a draft, with what the verifier found and how fast it came."""

    path: Path
    text: str
    violations: tuple[Violation, ...]
    seconds: float = 0.0
    first_token_s: float | None = None  # None for the fallback, or a model that said nothing
    pieces: int = 0  # streamed pieces (about one token each with the local backends)
    raw: str = ""  # what the model wrote, when tidying (clean.py) changed it; else ""


@dataclass(frozen=True)
class DraftResult:
    """The text to show, which path produced it, the facts it used and every violation found."""

    text: str
    path: Path
    facts: dict[str, FactValue]
    violations: tuple[Violation, ...]
    attempts: tuple[Attempt, ...] = field(default=())


class DraftObserver(Protocol):
    """Hears a draft as it happens: each streamed piece, and each finished attempt."""

    def piece(self, path: Path, text: str) -> None: ...

    def attempt(self, attempt: Attempt) -> None: ...


def draft_offer(
    facts: OfferFacts,
    model: ChatModel,
    policy: OfferPolicy,
    catalogue: dict[str, str] | None = None,
    observer: DraftObserver | None = None,
) -> DraftResult:
    """Offer copy for one customer (email or SMS), verified against its facts and the policy.

    InvalidInput before any model call when the facts offer more than the policy allows.
    """
    facts.check(policy)
    sms = facts.channel == "sms"
    known = catalogue or {}
    return _draft(
        template=with_example(load_template(f"offer_{facts.channel}"), facts, filed_under(known)),
        prompt_facts=facts.prompt_facts(policy),
        fallback=(f"offer_{facts.channel}", facts.fallback_values(policy)),
        grounding=facts.grounding(policy, known),
        model=model,
        policy=policy,
        max_chars=policy.sms_max_chars if sms else None,
        max_new_tokens=SMS_TOKENS if sms else EMAIL_TOKENS,
        observer=observer,
    )


def draft_segment_summary(
    facts: SegmentFacts,
    model: ChatModel,
    policy: OfferPolicy,
    catalogue: dict[str, str] | None = None,
    observer: DraftObserver | None = None,
) -> DraftResult:
    """A few sentences on one segment for marketers, verified like an offer, then the sentence
    code words from its complaint themes (`SegmentFacts.theme_sentence`), if it has any."""
    result = _draft(
        template=load_template("segment_summary"),
        prompt_facts=facts.prompt_facts(policy),
        fallback=("segment_summary", facts.fallback_values(policy)),
        grounding=facts.grounding(policy, catalogue or {}),
        model=model,
        policy=policy,
        max_chars=None,
        max_new_tokens=SUMMARY_TOKENS,
        observer=observer,
    )
    themes = facts.theme_sentence()
    if themes is None:
        return result
    # Added after the check, which would refuse it: it names what negative reviews are about,
    # the one thing the model may not. The fallback's lines get it as a line of its own.
    tail = ("\n" if result.path == "fallback" else " ") + themes
    if observer:
        observer.piece(result.path, tail)  # so the streamed text ends as the answer does
    return replace(result, text=result.text.rstrip() + tail)


def _draft(
    template: Template,
    prompt_facts: dict[str, FactValue],
    fallback: tuple[str, dict[str, str | None]],
    grounding: Grounding,
    model: ChatModel,
    policy: OfferPolicy,
    max_chars: int | None,
    max_new_tokens: int,
    observer: DraftObserver | None,
) -> DraftResult:
    prompt = render(template, prompt_facts)
    # A draft that writes the worked example's name or category copied it: the verifier knows.
    grounding = replace(grounding, foreign=prompt.copied_example_values())
    messages: list[Message] = list(prompt.messages())
    values = fact_texts(prompt.facts)  # brackets around one of these are noise

    def tidy(text: str) -> str:
        return TIDY[template.name](text, values)

    def check(text: str) -> list[Violation]:
        return verify(text, grounding, policy, max_chars, MIN_WORDS)

    attempts: list[Attempt] = []
    for path in ("first_pass", "retry"):
        attempt = _attempt(path, model, messages, max_new_tokens, tidy, check, observer)
        attempts.append(attempt)
        if observer:
            observer.attempt(attempt)
        if not attempt.violations:
            return _result(attempt, prompt.facts, attempts)
        if attempt.violations[0].kind == "model_error":
            break  # a model that failed once will not do better on a retry
        problems = revision_problems(
            attempt.violations, template.name, prompt.facts, max_chars, prompt.example_facts
        )
        revision = render("revision", {"problems": problems}).user
        last = messages[-1]
        messages = [*messages[:-1], {"role": "user", "content": f"{last['content']}\n\n{revision}"}]
    text = render_fallback(fallback[0], fallback[1])
    final = Attempt("fallback", text, tuple(check(text)))
    attempts.append(final)
    if observer:
        observer.attempt(final)
    return _result(final, prompt.facts, attempts)


def _attempt(
    path: Path,
    model: ChatModel,
    messages: list[Message],
    max_new_tokens: int,
    tidy: Callable[[str], str],
    check: Callable[[str], list[Violation]],
    observer: DraftObserver | None,
) -> Attempt:
    pieces: list[str] = []
    started = time.perf_counter()
    first: float | None = None
    params = {"max_new_tokens": max_new_tokens, "temperature": 0.0, "stop": list(TURN_MARKERS)}
    try:
        for piece in model.stream(messages, **params):
            if first is None and piece:
                first = time.perf_counter() - started
            pieces.append(piece)
            if observer:
                observer.piece(path, piece)
    except Unavailable as error:
        if error.retry_after_s is not None and not pieces:
            # Busy, not broken: the caller is told when to come back (503 with Retry-After)
            # rather than handed the template as if the model had failed.
            raise
        failure = Violation("model_error", "", f"the model failed: {error}")
        return Attempt(path, "".join(pieces), (failure,), time.perf_counter() - started, first)
    except RetainError as error:
        # A backend that is out of memory or missing: say so, and let the fallback answer.
        failure = Violation("model_error", "", f"the model failed: {error}")
        return Attempt(path, "".join(pieces), (failure,), time.perf_counter() - started, first)
    raw = "".join(pieces).strip()
    text = tidy(raw)
    seconds = time.perf_counter() - started
    return Attempt(
        path, text, tuple(check(text)), seconds, first, len(pieces), raw if raw != text else ""
    )


def _result(final: Attempt, facts: dict[str, FactValue], attempts: list[Attempt]) -> DraftResult:
    found = tuple(v for a in attempts for v in a.violations)
    return DraftResult(final.text, final.path, facts, found, tuple(attempts))
