"""The facts a draft is written from: plain values computed by code, and what each one allows.

Each facts class turns itself into three views: the prompt's facts (words for the model), the
fallback's values (finished strings), and the grounding (what the verifier lets a draft say).
A segment's complaint themes are in none of them: code words them (`theme_sentence`).
Internal figures (churn risk, predicted value) reach the model of an offer only as words
("high"), so a customer never reads their own score, and the verifier rejects it if they do.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from assistant.drafting.grounding import (
    AllowedDate,
    AllowedNumber,
    Grounding,
    filed_under,
    store_categories,
)
from assistant.drafting.policy import OfferPolicy
from commerce.errors import InvalidInput
from prompts import FactValue, format_number

Channel = Literal["email", "sms"]
# A name we will put in a message: letters, spaces, hyphens, apostrophes, dots; short.
_NAME = re.compile(r"^[^\W\d_][^\W\d_ .'-]*(?:[ .'-]+[^\W\d_]+)*\.?$")
MAX_NAME_CHARS = 40
# Products of the last order shown to the model. One: an email names one, and a 1.5B model given
# three listed them all and dropped a character from one of the long ids (bench/drafting.py).
PROMPT_PRODUCTS = 1
# Words a summary names each percentage fact with (word starts: "churn" covers "churning").
REVENUE_WORDS = ("revenue", "sales", "turnover", "income")
CHURN_WORDS = ("churn", "risk", "leav", "lapse")
# Words an offer's own discount stands beside ("15% off", "15% on your next order"): the
# discount figure anywhere else ("your risk of leaving is 15%") says something else.
OFFER_WORDS = tuple(
    "discount off sav deal order purchase code coupon voucher price reduc basket checkout sale "
    "treat".split()
)
# How retrieval/themes.py names a theme: its top terms joined by " · ", each a word or a pair of
# words of letters (retrieval/terms.py). Anything else in a theme name ("(no shared words)",
# a redacted address, text passed in by hand) is not a review's word and is left out.
THEME_WORD_SEPARATOR = "·"
THEME_TERM = re.compile(r"[a-z][a-z']*[a-z](?: [a-z][a-z']*[a-z])?")
# Words that name each date of an offer, so the offer's end is not written as the last order's.
LAST_ORDER_WORDS = tuple("last previous recent ordered bought purchased shopped".split())
OFFER_END_WORDS = tuple(
    "valid until expir end claim redeem use offer discount off sav deal code".split()
)


@dataclass(frozen=True)
class Product:
    product_id: str
    title: str
    # The category the store files it under (gather.py), when known: a draft may present the
    # product only as one of its own category (pairings.py). Never read from the title's words.
    category: str | None = None


@dataclass(frozen=True)
class OfferFacts:
    """One customer and one offer. Build with gather.gather_offer_facts, or directly in tests."""

    customer_id: str
    channel: Channel
    discount_pct: int
    offer_expires: date
    customer_name: str | None = None  # first name, already checked by safe_first_name
    favourite_category: str | None = None
    last_order_date: date | None = None
    last_order_amount: float | None = None
    last_order_products: tuple[Product, ...] = ()
    # The recommender's picks for this customer (at most three): products the draft may name.
    recommended_products: tuple[Product, ...] = ()
    recent_review: str | None = None  # the customer's own words: context, never grounding
    churn_risk: float | None = None  # 0..1, internal
    predicted_value: float | None = None  # CLV over the value horizon, internal
    perks: tuple[str, ...] = ()
    # True: the customer (or most of a segment) last bought long ago (recency.py), so the
    # fallback may say "We have missed you"; False or None (unknown): it says nothing of absence.
    gone_quiet: bool | None = None

    def check(self, policy: OfferPolicy) -> None:
        """InvalidInput when these facts offer more than the policy allows."""
        policy.discount(self.discount_pct)
        extra = sorted(set(self.perks) - set(policy.perks))
        if extra:
            raise InvalidInput(f"perk(s) {', '.join(extra)} are not allowed by the offer policy")

    def prompt_facts(self, policy: OfferPolicy) -> dict[str, FactValue]:
        return {
            "discount_pct": self.discount_pct,
            "offer_expires": say_date(self.offer_expires),
            "customer_name": self.customer_name,
            "favourite_category": self.favourite_category,
            "last_order_date": say_date(self.last_order_date) if self.last_order_date else None,
            "last_order_amount": say_money(self.last_order_amount, policy),
            "last_order_products": [p.title for p in self.last_order_products[:PROMPT_PRODUCTS]],
            "recommended_products": [p.title for p in self.recommended_products[:PROMPT_PRODUCTS]],
            "perks": list(self.perks),
            # The model may say it missed them only when they have been away (absence.py
            # refuses it otherwise), so it is told which, not left to guess from an example.
            "been_away": self.gone_quiet,
            "recent_review": self.recent_review,
            "risk_level": _level(self.churn_risk, (0.4, 0.7)),
            "value_tier": None if self.predicted_value is None else _tier(self.predicted_value),
            "store_name": policy.store_name,
            "sign_off": policy.sign_off,
        }

    def shown_products(self) -> tuple[Product, ...]:
        """The products the offer prompt names (prompt_facts): the model may write these."""
        return (
            *self.last_order_products[:PROMPT_PRODUCTS],
            *self.recommended_products[:PROMPT_PRODUCTS],
        )

    def fallback_values(self, policy: OfferPolicy) -> dict[str, str | None]:
        return {
            "discount_pct": str(self.discount_pct),
            "offer_expires": say_date(self.offer_expires),
            "customer_name": self.customer_name,
            "favourite_category": self.favourite_category,
            "perks": " and ".join(self.perks) or None,
            "opening": "We have missed you. Here is" if self.gone_quiet else None,
            "store_name": policy.short_store_name() or None,
            "sign_off": policy.sign_off,
        }

    def grounding(self, policy: OfferPolicy, catalogue: dict[str, str]) -> Grounding:
        numbers = [
            AllowedNumber(self.discount_pct, "percent", "discount_pct", OFFER_WORDS, True),
            # "valid for 14 days": the offer lasts the policy's days from the day it is written.
            AllowedNumber(policy.offer_valid_days, "count", "offer_valid_days", ("day",), True),
        ]
        if self.last_order_amount is not None:
            numbers.append(AllowedNumber(self.last_order_amount, "money", "last_order_amount"))
        dates = [AllowedDate(self.offer_expires, "offer_expires", OFFER_END_WORDS)]
        if self.last_order_date:
            dates.append(AllowedDate(self.last_order_date, "last_order_date", LAST_ORDER_WORDS))
        return Grounding(
            numbers=tuple(numbers),
            dates=tuple(d.value for d in dates),
            products={
                p.product_id: p.title
                for p in (*self.last_order_products, *self.recommended_products)
            },
            names=(self.customer_name,) if self.customer_name else (),
            # Merchant text: the category and the house's names may be written as they are.
            phrases=tuple(p for p in (self.favourite_category, *policy.house_names()) if p),
            perks=tuple(p for p in self.perks if p in policy.perks),
            offer_expires=self.offer_expires,
            catalogue=catalogue,
            categories=store_categories(catalogue),
            product_categories=filed_under(catalogue)
            | {
                p.product_id: p.category
                for p in (*self.last_order_products, *self.recommended_products)
                if p.category
            },
            # gather.py sets the end this many days after the day the copy is written.
            today=self.offer_expires - timedelta(days=policy.offer_valid_days),
            date_cues=tuple(dates),
            gone_quiet=self.gone_quiet,
            customer_review=bool(self.recent_review),
        )


@dataclass(frozen=True)
class SegmentFacts:
    """One segment, as plain numbers the caller computed. Fractions are 0..1."""

    name: str
    size: int
    revenue_share: float
    avg_predicted_value: float
    avg_churn_risk: float
    top_categories: tuple[str, ...] = ()
    # Complaint theme names (retrieval/themes.py: "tea · time · order", the words that set one
    # cluster of negative reviews apart). Keywords, not statements: a model shown them wrote
    # complaints nobody made, so they never reach the prompt; theme_sentence words them.
    themes: tuple[str, ...] = field(default=())

    def prompt_facts(self, policy: OfferPolicy) -> dict[str, FactValue]:
        return {
            "segment_name": self.name,
            "size": self.size,
            "revenue_share_pct": _pct(self.revenue_share),
            "avg_predicted_value": say_money(self.avg_predicted_value, policy),
            "avg_churn_risk_pct": _pct(self.avg_churn_risk),
            "top_categories": list(self.top_categories),
        }

    def fallback_values(self, policy: OfferPolicy) -> dict[str, str | None]:
        return {
            "segment_name": self.name,
            "size": f"{self.size:,}",
            "revenue_share_pct": format_number(_pct(self.revenue_share)),
            "avg_predicted_value": say_money(self.avg_predicted_value, policy),
            "avg_churn_risk_pct": format_number(_pct(self.avg_churn_risk)),
            "top_categories": ", ".join(self.top_categories) or None,
        }

    def theme_sentence(self) -> str | None:
        """The themes as one sentence that says what they are (each theme's distinctive words,
        themes split by ';'), for code to add after the summary; None without themes."""
        terms = [[t.strip() for t in name.split(THEME_WORD_SEPARATOR)] for name in self.themes]
        groups = [", ".join(t for t in theme if THEME_TERM.fullmatch(t)) for theme in terms]
        groups = [group for group in groups if group]
        if not groups:
            return None
        where = "each group of this segment's" if len(groups) > 1 else "this segment's"
        return f"Words that stand out in {where} negative reviews: {'; '.join(groups)}."

    def grounding(self, policy: OfferPolicy, catalogue: dict[str, str]) -> Grounding:
        # The percentages carry the words that name them, so "63.4% of revenue" is caught when
        # 63.4% is the churn risk: each is true, but not in that place.
        numbers = (
            AllowedNumber(self.size, "count", "size"),
            AllowedNumber(_pct(self.revenue_share), "percent", "revenue_share_pct", REVENUE_WORDS),
            AllowedNumber(self.avg_predicted_value, "money", "avg_predicted_value"),
            AllowedNumber(_pct(self.avg_churn_risk), "percent", "avg_churn_risk_pct", CHURN_WORDS),
        )  # no discount: a summary advises none (summary_discounts.py)
        return Grounding(
            numbers=numbers,
            phrases=(self.name, *self.top_categories),
            catalogue=catalogue,
            categories=store_categories(catalogue),
            horizon_days=policy.value_horizon_days,  # what avg_predicted_value is spend over
        )


def safe_first_name(name: str | None) -> str | None:
    """The first name when it reads as a name; None for anything else (digits, links, prose).

    A name is text a customer typed: one that is not plainly a name stays out of prompts and
    messages rather than being trusted.
    """
    if not name:
        return None
    first = name.strip().split()[0] if name.strip() else ""
    if not first or len(name) > MAX_NAME_CHARS or not _NAME.match(name.strip()):
        return None
    return first


def say_date(day: date) -> str:
    """The one way dates are written to the model and in fallbacks: March 5, 1998."""
    return f"{day:%B} {day.day}, {day.year}"


def say_money(amount: float | None, policy: OfferPolicy) -> str | None:
    return None if amount is None else f"{policy.currency_symbol}{amount:,.2f}"


def _pct(fraction: float) -> float:
    return round(100 * fraction, 1)


def _level(risk: float | None, cuts: tuple[float, float]) -> str | None:
    if risk is None:
        return None
    return "high" if risk >= cuts[1] else "medium" if risk >= cuts[0] else "low"


def _tier(value: float) -> str:
    # Rough per-customer yearly spend bands for tone only; the model never states the figure.
    return "high" if value >= 200 else "medium" if value >= 50 else "low"
