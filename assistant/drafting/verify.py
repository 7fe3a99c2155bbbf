"""Checking a draft against its facts and the policy, with a reason for every rejection.

Two kinds of check, on purpose run on differently masked text:

- policy (discounts above the maximum, amount-off discounts, promises the facts do not list)
  reads the whole draft except merchant text (catalogue titles, categories) and the
  customer's name where a greeting addresses them by it ("Hi Free,", "Hi Stack,"). Elsewhere a
  name or review is not masked: text a customer wrote can never make a policy breach acceptable.
- grounding (every number, date and product must come from the facts) also skips the names
  the facts hold, so "Hi Ada" is not read for claims.

A date written as the offer's end ("valid until ...") must be the offer's end, not another
fact's date; numbers, dates, times and codes no fact holds are found in ungrounded.py. Where
other true values stand (one discount, a figure or date beside its own fact) and links are
checked in placement.py; who the draft greets, thanks and is signed by in names.py. What no
facts block ever holds is refused wherever it stands: occasions (occasions.py), membership tiers
and points (membership.py), stock (stock.py), a share of the customers who churn or buy
(people_shares.py), a store category the facts lack (categories.py), a product presented
as one of a category the store does not file it under (pairings.py) and a time of day ("until
11:59pm", "ends at midnight": the offer's end is a day, with no hour; times.py). Saying the
customer has been away ("We have missed you") needs facts that say they have gone quiet
(absence.py). A segment summary says nothing of what its customers say or complain about
(review_claims.py): its facts hold no reviews. Nor does it call the predicted value spend that
happened (spend_claims.py), or advise a discount (summary_discounts.py): it holds no offer.
A summary may name the span its predicted value covers ("next year" of a 365-day horizon;
horizon.py). No draft tells of things the customer did or that happened to them beyond what
the facts hold: a missed offer, a cart, a call, a complaint, a return, a late parcel, a
visit, "as promised" (past_events.py).
"""

import re

from assistant.drafting.absence import invented_absence
from assistant.drafting.categories import invented_categories
from assistant.drafting.currency import foreign_money
from assistant.drafting.extract import extract, mask, normalise
from assistant.drafting.grounding import Grounding
from assistant.drafting.horizon import horizon_spans
from assistant.drafting.membership import invented_memberships
from assistant.drafting.mentions import Mentions
from assistant.drafting.names import greeted_name, greeting, sender
from assistant.drafting.occasions import invented_occasions
from assistant.drafting.pairings import mislabelled_products
from assistant.drafting.past_events import invented_events
from assistant.drafting.people_shares import people_share_claims, shares_of_people
from assistant.drafting.placement import misplaced_dates, misplaced_figures, offer_terms
from assistant.drafting.policy import OfferPolicy
from assistant.drafting.quality import echoes_prompt, repeated_sentence
from assistant.drafting.review_claims import invented_review_claims
from assistant.drafting.spend_claims import spend_as_past
from assistant.drafting.stock import invented_stock
from assistant.drafting.summary_discounts import summary_discounts
from assistant.drafting.ungrounded import retitled_products, ungrounded_claims
from assistant.drafting.violations import Violation, ViolationKind

__all__ = ["Violation", "ViolationKind", "verify"]  # Violation's home was here; still importable

# Slots a model leaves for someone to fill: any bracketed words ("[Your Name]", "[link]",
# "{first_name}", "<Company>"), and the bare capitalised forms ("Best regards, Your Name").
# clean.py has already unwrapped brackets around values the facts hold ("[Ada]").
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]*[A-Za-z][^\[\]\n]*\]|\{[^{}\n]*[A-Za-z][^{}\n]*\}|<[A-Za-z][^<>\n]*>"
    r"|\b(?:Your|Customer|Company|Store|Shop|First|Recipient)(?:'s)?\s+(?:Name|Company)\b"
)


def verify(
    text: str,
    grounding: Grounding,
    policy: OfferPolicy,
    max_chars: int | None = None,
    min_words: int = 0,
) -> list[Violation]:
    """Every way `text` breaks its facts or the policy; an empty list means it may be sent.
    `min_words` (0: no check) refuses drafts too short to be a whole piece of copy."""
    text = normalise(text).strip()
    if not text:
        return [Violation("empty", "", "the draft is empty")]
    violations: list[Violation] = []
    if len(text.split()) < min_words:
        violations.append(
            Violation("incomplete", text[:40], f"only {len(text.split())} words: not a whole offer")
        )
    if echoes_prompt(text):
        violations.append(
            Violation("prompt_echo", text[:40], "the draft repeats the facts block; write the copy")
        )
    if (loop := repeated_sentence(text)) is not None:
        sentence, count = loop
        violations.append(
            Violation(
                "repetition", sentence[:60], f"the sentence '{sentence[:60]}' comes {count} times"
            )
        )
    if max_chars is not None and len(text) > max_chars:
        violations.append(
            Violation(
                "too_long", text[max_chars:][:40], f"{len(text)} characters; at most {max_chars}"
            )
        )
    masked, products = _mask_merchant_text(text, grounding)
    for start, end in greeted_name(masked, grounding):
        masked = mask(masked, start, end)  # "Hi Free,": a customer called Free promises nothing
    violations += products
    mentions = extract(_without_horizon(masked, grounding), policy.currency_symbol)
    violations += _policy(mentions, grounding, policy)
    violations += foreign_money(mentions, normalise(policy.currency_symbol).strip())
    violations += offer_terms(masked, mentions, grounding)
    violations += greeting(text, grounding)
    violations += sender(text, grounding, policy.sign_off)
    # A share of people is said once, as such, not again as a figure out of its place.
    claims = people_share_claims(masked, mentions, grounding)
    violations += misplaced_figures(masked, mentions, grounding, {start for start, _ in claims})
    violations += shares_of_people(text, claims)
    violations += misplaced_dates(masked, mentions, grounding)
    names = _spans(masked, grounding.names)
    violations += ungrounded_claims(mentions, grounding, names)
    violations += retitled_products(masked, mentions, grounding)
    violations += invented_categories(masked, grounding)
    violations += mislabelled_products(text, grounding)
    violations += [
        Violation("placeholder", m.group(0), f"'{m.group(0)}' is a placeholder, not text")
        for m in PLACEHOLDER.finditer(masked)
    ]
    violations += [
        # The message does not repeat the word: named again on the retry, "Birthday" came back.
        Violation("invented_occasion", phrase, "the draft names an occasion the facts do not hold")
        for phrase, _ in invented_occasions(masked)
    ]
    violations += [
        # Quoted from the draft: a blanked category inside ("our Coffee club") is still its words.
        Violation(
            "invented_membership",
            text[start : start + len(phrase)],
            "the facts hold no membership, tier, club or points",
        )
        for phrase, start in invented_memberships(masked, grounding.perks)
    ]
    violations += [
        Violation("invented_stock", text[start : start + len(phrase)], "the facts hold no stock")
        for phrase, start in invented_stock(masked)
    ]
    violations += invented_absence(masked, text, grounding)
    violations += invented_events(masked, text, grounding)
    violations += invented_review_claims(masked, text, grounding)
    violations += spend_as_past(masked, mentions, grounding)
    violations += summary_discounts(masked, text, mentions, grounding)
    violations += [
        Violation(
            "copied_example",
            text[start:end],
            f"'{text[start:end]}' comes from the example, not from this customer's facts",
        )
        for start, end in sorted(_spans(masked, grounding.foreign))
    ]
    return violations


def _mask_merchant_text(text: str, grounding: Grounding) -> tuple[str, list[Violation]]:
    """Blank catalogue titles and merchant phrases; a title the facts lack is a violation."""
    found: list[Violation] = []
    titles = {title: pid for pid, title in grounding.catalogue.items() if title}
    titles |= {title: pid for pid, title in grounding.products.items() if title}
    # Longest first, so "Coffee product B1" is found before a shorter title inside it.
    for title in sorted(titles, key=len, reverse=True):
        for start, end in _spans(text, (title,)):
            if titles[title] not in grounding.products:
                found.append(
                    Violation("invented_product", title, f"'{title}' is not a product in the facts")
                )
            text = mask(text, start, end)
    for start, end in _spans(text, grounding.phrases):
        text = mask(text, start, end)
    return text, found


def _without_horizon(masked: str, grounding: Grounding) -> str:
    """`masked` with the span the facts' predictions cover blanked ("next year" of a 365-day
    horizon), so it is not read as a date or a figure; other checks still read its words
    ("expected to spend $64 next year" is spend to come: spend_claims.py)."""
    for start, end in horizon_spans(masked, grounding.horizon_days):
        masked = mask(masked, start, end)
    return masked


def _policy(mentions: Mentions, grounding: Grounding, policy: OfferPolicy) -> list[Violation]:
    found: list[Violation] = []
    for number in mentions.numbers:
        if not number.discount:
            continue
        if number.unit == "money":
            found.append(
                Violation(
                    "over_policy_discount",
                    number.text,
                    f"'{number.text}' is an amount-off discount; the policy allows only "
                    f"percentage discounts up to {policy.max_discount_pct}%",
                )
            )
        elif number.unit == "percent" and number.value > policy.max_discount_pct:
            found.append(
                Violation(
                    "over_policy_discount",
                    number.text,
                    f"'{number.text}' is above the policy maximum of {policy.max_discount_pct}%",
                )
            )
    allowed = set(grounding.perks) & set(policy.perks)
    for promise in mentions.promises:
        if promise.perk not in allowed:
            listed = ", ".join(sorted(allowed)) or "none"
            found.append(
                Violation(
                    "unsupported_promise",
                    promise.text,
                    f"'{promise.text}' promises something the offer does not include "
                    f"(perks in the facts: {listed})",
                )
            )
    return found


def _spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each phrase occurs, case-insensitively, as whole words."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    for phrase in phrases:
        # The substring test first: a store has thousands of titles and a draft names few.
        needle = (phrase if phrase.isascii() else normalise(phrase)).strip()
        if not needle or needle.lower() not in lowered:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.I)
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return spans
