"""A violation: one way a draft breaks its facts or the policy, with the words and the reason."""

from dataclasses import dataclass
from typing import Literal

ViolationKind = Literal[
    "invented_number",
    "invented_date",
    "invented_product",
    "wrong_category",
    "over_policy_discount",
    "unsupported_promise",
    "invented_link",
    "wrong_name",
    "too_long",
    "placeholder",
    "copied_example",
    "invented_occasion",
    "invented_membership",
    "invented_stock",
    "invented_absence",
    "invented_event",
    "invented_review_claim",
    "spend_as_past",
    "discount_advice",
    "empty",
    "repetition",
    "prompt_echo",
    "incomplete",
    "model_error",
]


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    text: str  # the words of the draft that broke the rule
    message: str  # why, in words the model (on retry) and a person can act on
