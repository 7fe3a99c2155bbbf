"""Argument types the tools share: each carries its bounds and a description for the LLM.

A tool's signature uses these; catalogue.py turns the signature into a pydantic model, so the
bounds are checked (and named in the error) before a tool runs. Tools declare counts and
amounts inline (`Annotated[int, Field(ge=1, le=100)]`); `held_to_numbers` wraps every such
argument of every tool as the model is built, so none takes true/false or NaN for a number.
"""

import math
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError


def _as_text(value: Any) -> Any:
    # An LLM may write an id as a number (42); the tool resolves it to the store's '00042'.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _not_blank(value: str) -> str:
    # Blanks would reach the lookup stripped, as "no customer ''": say what is wrong instead.
    if not value.strip():
        raise PydanticCustomError("blank", "is blank")
    return value


# The length bounds sit on the str itself, before the validators wrap it: after a validator,
# pydantic checks lengths as of a generic sequence ("at least 1 item"), not of a string.
CustomerId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="A customer's id in the store, e.g. '00042'; or, for roles that see "
        "contacts, their full name if only one customer has it, or their e-mail address.",
    ),
    AfterValidator(_not_blank),
    BeforeValidator(_as_text),
]
ProductId = Annotated[
    str,
    Field(min_length=1, max_length=64, description="A product's id, e.g. 'B000EYLDYE'."),
    AfterValidator(_not_blank),
    BeforeValidator(_as_text),
]
SegmentName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        description="An RFM segment (e.g. 'at risk', 'champions') or a behaviour cluster "
        "name, as list_segments shows them.",
    ),
]
Sentiment = Literal["negative", "neutral", "positive"]
Channel = Literal["email", "sms"]
Grouping = Literal["segment", "cluster"]

# A period by the calendar (tools/periods.py places it before the data's last day: the
# store's last order day for sales, the last review's day for reviews).
Since = Annotated[
    str,
    Field(
        max_length=20,
        description="The period's first day, to the last day of the data: YYYY-MM-DD, MM-DD "
        "(the latest such day: 01-01 is since January), week_start, month_start, quarter_start, "
        "year_start (of the data's last day), or today / yesterday (its last day / the one "
        "before).",
    ),
]
Until = Annotated[
    str,
    Field(
        max_length=10,
        description="The period's last day, with since: YYYY-MM-DD, MM-DD, a month "
        "(YYYY-MM or MM) to its end ('between March 5 and April 10'), today or yesterday; "
        "alone, with its year, from the first day ('before March 1998' is 1998-02).",
    ),
]
Month = Annotated[
    str,
    Field(
        max_length=7,
        description="Or one calendar month: YYYY-MM, MM for the latest one begun by the "
        "data's last day (03 is March), or last (the month before that day's).",
    ),
]
Quarter = Annotated[
    str,
    Field(
        max_length=7,
        description="Or one calendar quarter: YYYY-Qn, Qn for the latest one begun (Q1 is "
        "January to March), or last.",
    ),
]
Year = Annotated[
    str,
    Field(
        max_length=10,
        description="Or one calendar year: YYYY, or last. Beside a month (MM) or a quarter (Qn), "
        "the year they are in.",
    ),
]


def held_to_numbers(hint: Any) -> Any:
    """`hint` (a tool argument's type) refusing what JSON lets pass for a number: true/false
    where an int or float is expected (pydantic reads true as 1), and NaN or infinity for a
    float (which the bounds would report as "less than or equal to ...", not as what it is).
    A hint of no int or float is returned as it is."""
    kind = number_kind(hint)
    if kind is None:
        return hint
    whole = kind is int

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            what = "a whole number" if whole else "a number"
            raise PydanticCustomError("bool_for_number", f"must be {what}, not true/false")
        if not whole and _non_finite(value):
            # Word for word pydantic's own refusal of NaN for an int, as at_risk_customers'
            # `limit` already gives it.
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        return value

    return Annotated[hint, BeforeValidator(check)]


def number_kind(hint: Any) -> type[int] | type[float] | None:
    """int or float when `hint` is one (or one of a union, or Annotated), else None."""
    if hint is int or hint is float:
        return hint
    origin = get_origin(hint)
    if origin is Annotated:
        return number_kind(get_args(hint)[0])
    if origin is Union or origin is types.UnionType:
        kinds = [number_kind(arg) for arg in get_args(hint)]
        return float if float in kinds else next((k for k in kinds if k is not None), None)
    return None


def _non_finite(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return False  # not a number at all: pydantic says so
    return isinstance(value, float) and not math.isfinite(value)
