"""The offer policy's settings: discounts, perks, the house's words, the discount ladder.

A base of `Settings` (settings.py), so each is still one RETAIN_* variable on one object; kept
apart because these are checked as a policy at load: the drafting checker and `retain plan`
take them as given.
"""

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings

from assistant.house_copy import MAX_SIGN_OFF_WORDS, house_text_problem, plain_house_text
from predictors.allocation import MAX_LEVELS

# Every perk an offer could promise: settings refuse others, and the drafting policy checks
# drafts against this list.
PERKS = ("free shipping", "gift", "free sample", "guarantee", "loyalty points", "priority service")


class OfferSettings(BaseSettings):
    """RETAIN_MAX_DISCOUNT_PCT to RETAIN_CONTACT_COST, documented in docs/configuration.md."""

    max_discount_pct: int = Field(
        default=20,
        description="Discount policy: no offer goes above this (a whole percent, 0 to 90).",
    )
    default_discount_pct: int = Field(
        default=10,
        ge=0,
        le=100,
        description="Discount of a drafted offer when none is asked for (at most the maximum).",
    )
    offer_perks: list[str] = Field(
        default=[],
        description="Perks offers may promise (e.g. free shipping); anything else is refused.",
    )
    offer_valid_days: int = Field(default=14, ge=1, le=365, description="Days an offer is valid.")
    currency_symbol: str = Field(default="$", max_length=4, description="How money is written.")
    store_name: str = Field(
        default="", description="The store's name, which offers may use (empty: unnamed)."
    )
    offer_sign_off: str = Field(
        default="The team", description="An offer email's last line, e.g. The Happy Brewing team."
    )
    offer_discounts: list[float] = Field(
        default=[0.0, 5.0, 10.0, 15.0, 20.0], description="The discount ladder in percent."
    )
    offer_uplift: list[float] = Field(
        default=[0.02, 0.04, 0.07, 0.09, 0.11],
        description="Assumed share of would-be non-buyers each ladder step converts.",
    )
    contact_cost: float = Field(
        default=0.5, ge=0, allow_inf_nan=False, description="Cost of contacting one customer."
    )

    @field_validator("max_discount_pct", mode="before")
    @classmethod
    def _discount_is_a_whole_percent(cls, value: object) -> object:
        # Checked here, at load, rather than when the first offer is drafted; and a fraction is
        # refused rather than cut to a whole percent behind the user's back.
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not (number.is_integer() and 0 <= number <= 90):
            raise ValueError(
                f"RETAIN_MAX_DISCOUNT_PCT={text} is not a whole percent from 0 to 90 "
                "(drafted offers never go above 90% off)"
            )
        return int(number)

    @field_validator("offer_perks")
    @classmethod
    def _perks_are_known(cls, value: list[str]) -> list[str]:
        # Refused here, at load, not when the first offer is drafted and the policy sees them.
        unknown = sorted(set(value) - set(PERKS))
        if unknown:
            raise ValueError(f"unknown perk(s) {', '.join(unknown)} (valid: {', '.join(PERKS)})")
        return value

    @field_validator("store_name", "offer_sign_off")
    @classmethod
    def _house_text_is_plain(cls, value: str, info: ValidationInfo) -> str:
        # Both go into the model's prompt and every offer, and the checker takes them as the
        # store's own words: refused here unless plain (assistant/house_copy.py says why).
        if info.field_name == "store_name" and not value.strip():
            return ""  # no name: offers speak as "we"
        variable = f"RETAIN_{str(info.field_name).upper()}"
        words = MAX_SIGN_OFF_WORDS if info.field_name == "offer_sign_off" else None
        problem = house_text_problem(variable, value, words)
        if problem:
            raise ValueError(problem)
        return plain_house_text(value)

    @field_validator("offer_discounts")
    @classmethod
    def _discounts_are_percentages(cls, value: list[float]) -> list[float]:
        if any(not 0 <= d <= 100 for d in value):  # NaN fails too
            raise ValueError("discounts are percentages from 0 to 100")
        return value

    @field_validator("offer_uplift")
    @classmethod
    def _uplifts_are_shares(cls, value: list[float]) -> list[float]:
        if any(not 0 <= u <= 1 for u in value):
            raise ValueError("uplifts are shares from 0 to 1 (0.04 converts 4%), not percentages")
        return value

    @model_validator(mode="after")
    def _default_discount_is_within_the_maximum(self) -> "OfferSettings":
        # Refused at load like the maximum itself: a default above it would make every offer
        # drafted without a discount fail, or be cut to the maximum behind the user's back.
        if self.default_discount_pct > self.max_discount_pct:
            raise ValueError(
                f"RETAIN_DEFAULT_DISCOUNT_PCT={self.default_discount_pct} is above "
                f"RETAIN_MAX_DISCOUNT_PCT={self.max_discount_pct}: set the default at or below "
                "the maximum"
            )
        return self

    @model_validator(mode="after")
    def _offer_ladder_is_usable(self) -> "OfferSettings":
        # Every plan pairs each discount with its uplift; a ladder that cannot be paired, or whose
        # every step is above the policy maximum, would make each plan fail or come out empty.
        discounts, uplifts = self.offer_discounts, self.offer_uplift
        if len(discounts) != len(uplifts):
            raise ValueError(
                f"RETAIN_OFFER_DISCOUNTS has {len(discounts)} levels but RETAIN_OFFER_UPLIFT has "
                f"{len(uplifts)}: one uplift per discount level is needed"
            )
        if not discounts:
            raise ValueError("RETAIN_OFFER_DISCOUNTS is empty: the ladder needs a level")
        if len(discounts) > MAX_LEVELS:
            raise ValueError(
                f"RETAIN_OFFER_DISCOUNTS has {len(discounts)} levels; at most {MAX_LEVELS}"
            )
        if min(discounts) > self.max_discount_pct:
            raise ValueError(
                f"every RETAIN_OFFER_DISCOUNTS level is above RETAIN_MAX_DISCOUNT_PCT="
                f"{self.max_discount_pct}, so every plan would be empty (add 0: a reminder)"
            )
        return self
