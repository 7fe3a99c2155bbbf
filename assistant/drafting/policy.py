"""The offer policy: limits that come from settings, never from text a model or customer wrote.

Settings it reads (RETAIN_*, declared in assistant/settings.py; the defaults are the same):
    max_discount_pct      20          no draft may offer more than this percentage off
    default_discount_pct  10          the discount when the caller names none (at most the
                                      maximum, refused at load; an offer of 0% is refused)
    offer_perks           []          perks an offer may promise, e.g. ["free shipping"]
    offer_valid_days      14          an offer ends this many days after it is drafted
    currency_symbol       "$"         how money facts are written
    store_name            ""          the store's name, which copy may use ("" : unnamed)
    offer_sign_off        "The team"  an email's last line
    clv_horizon_days      365         the days a segment's predicted value covers, which a
                                      summary may name ("next year"; horizon.py)
"""

import re
from dataclasses import dataclass

from assistant.drafting.promises import PROMISES
from assistant.house_copy import MAX_SIGN_OFF_WORDS, house_text_problem
from assistant.offer_settings import PERKS
from assistant.settings import Settings
from commerce.errors import InvalidInput

# An email's last line when RETAIN_OFFER_SIGN_OFF is not set (the settings' default too).
DEFAULT_SIGN_OFF = "The team"
# A company form after a house name ("Happy Brewing Co.", "Brew Ltd"), which copy leaves out
# when it names the house ("the Happy Brewing team").
COMPANY_FORM = re.compile(
    r"(?i)[\s,]+(?:(?:&|and)\s*co|co|company|corp|ltd|limited|inc|llc|plc|gmbh|ag|bv|sarl)\.?$"
)
# Words of a price or a deal: a shortened house name holding one is not taken as the name
# ("Half Price Books"). A bare "free" is not one: "Free Range Tea" is a name, not a promise.
CLAIM_WORDS = re.compile(
    r"(?i)\b(?:half|price[sd]?|sale|discounts?|deals?|savings|bogo|percent)\b|%"
)


@dataclass(frozen=True)
class OfferPolicy:
    """What any draft may offer. Built from settings; the facts and the model cannot widen it."""

    max_discount_pct: int = 20
    default_discount_pct: int = 10
    perks: tuple[str, ...] = ()
    offer_valid_days: int = 14
    currency_symbol: str = "$"
    sms_max_chars: int = 160
    # Who an email is from. The model is told to end with it, so it never signs "[Your Name]".
    sign_off: str = DEFAULT_SIGN_OFF
    store_name: str = ""  # "": the store is not named, and copy speaks as "we"
    # Not a limit on offers but a fact of the scores every summary shares: the span its
    # predicted value covers, so "their predicted spend next year" names no invented date.
    value_horizon_days: int = 365

    def __post_init__(self) -> None:
        if not 0 <= self.max_discount_pct <= 90:
            raise InvalidInput(f"max discount {self.max_discount_pct}% is not between 0 and 90")
        if self.default_discount_pct > self.max_discount_pct:
            raise InvalidInput(
                f"default discount {self.default_discount_pct}% is above the policy maximum of "
                f"{self.max_discount_pct}% (settings RETAIN_DEFAULT_DISCOUNT_PCT and "
                "RETAIN_MAX_DISCOUNT_PCT)"
            )
        unknown = sorted(set(self.perks) - set(PERKS))
        if unknown:
            raise InvalidInput(f"unknown perk(s) {', '.join(unknown)} (valid: {', '.join(PERKS)})")
        # Settings refuse these at load; a policy built in code is held to the same words.
        problem = house_text_problem("RETAIN_OFFER_SIGN_OFF", self.sign_off, MAX_SIGN_OFF_WORDS)
        if self.store_name and not problem:
            problem = house_text_problem("RETAIN_STORE_NAME", self.store_name)
        if problem:
            raise InvalidInput(problem)

    def house_names(self) -> tuple[str, ...]:
        """The sign-off, the store's name and the shorter name copy gives each: "Happy
        Brewing Co." is also "Happy Brewing", which a draft may write as merchant text ("the
        Happy Brewing team"), like the sign-off itself. A shorter form that reads as a claim
        is left out: were "Free Shipping" (of "Free Shipping Co.") the store's own text, "free
        shipping on every order" would pass unchecked."""
        forms = [
            form
            for name in (self.sign_off, self.store_name)
            for n, form in enumerate(_forms(name))
            if n == 0 or not _reads_as_a_claim(form)
        ]
        return tuple(dict.fromkeys(forms))

    def short_store_name(self) -> str:
        """The store's name to end a sentence with: its own closing full stop left to the
        sentence ("Happy Brewing Co" + "."), not its company form dropped ("The Tea Co." is
        not "The Tea"); "" when the store is unnamed."""
        return self.store_name.rstrip(".")

    def discount(self, requested: int | None) -> int:
        """The discount to offer: the request if within policy, else InvalidInput saying why.

        0% is refused: an offer is one discount (the prompts, the fallback copy and the checker
        all say "N% off"), and "0% off your next order" offers nothing. The plan's 0% level is
        a reminder, which is not an offer this drafts."""
        value = self.default_discount_pct if requested is None else requested
        if value < 0:
            raise InvalidInput(f"discount {value}% is negative")
        if value == 0 and self.max_discount_pct == 0:
            raise InvalidInput(
                "the policy allows no discount (RETAIN_MAX_DISCOUNT_PCT=0), and an offer is a "
                "discount: no offer can be drafted"
            )
        if value == 0:
            source = "0% (RETAIN_DEFAULT_DISCOUNT_PCT)" if requested is None else "0%"
            raise InvalidInput(
                f"discount {source}: an offer needs a discount from 1% to "
                f"{self.max_discount_pct}%; a reminder without one is not an offer"
            )
        if value > self.max_discount_pct:
            raise InvalidInput(
                f"discount {value}% is above the policy maximum of {self.max_discount_pct}% "
                "(an admin sets it: RETAIN_MAX_DISCOUNT_PCT)"
            )
        return value


def _forms(name: str) -> list[str]:
    """`name`, then each shorter form without a company form: "Acme Co., Inc.", "Acme Co.",
    "Acme"."""
    forms: list[str] = [name] if name else []
    while forms and (short := COMPANY_FORM.sub("", forms[-1]).strip()) and short != forms[-1]:
        forms.append(short)
    return forms


def _reads_as_a_claim(text: str) -> bool:
    """A perk's promise (promises.py; not its catch-all "free") or a price word: "Free
    Shipping", "Half Price Books"."""
    promised = any(p.search(text) for perk, p in PROMISES if perk != "other")
    return promised or CLAIM_WORDS.search(text) is not None


def policy_from_settings(settings: Settings) -> OfferPolicy:
    """The policy, from settings only: never from any text a model or a customer wrote."""
    return OfferPolicy(
        max_discount_pct=settings.max_discount_pct,
        default_discount_pct=settings.default_discount_pct,
        perks=tuple(settings.offer_perks),
        offer_valid_days=settings.offer_valid_days,
        currency_symbol=settings.currency_symbol,
        sign_off=settings.offer_sign_off,
        store_name=settings.store_name,
        value_horizon_days=settings.clv_horizon_days,
    )
