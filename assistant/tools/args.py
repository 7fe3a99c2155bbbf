"""Argument types the tools share: each carries its bounds and a description for the LLM.

A tool's signature uses these; catalogue.py turns the signature into a pydantic model, so the
bounds are checked (and named in the error) before a tool runs.
"""

from typing import Annotated, Any, Literal

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
        "contacts, their full name if only one customer has it.",
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
        "(the latest such day: 01-01 is since January), month_start, quarter_start, "
        "year_start (of the data's last day), or today / yesterday (its last day / the one "
        "before).",
    ),
]
Until = Annotated[
    str,
    Field(
        max_length=10,
        description="With since only, the period's last day: YYYY-MM-DD, MM-DD, a month "
        "(YYYY-MM or MM) to its end ('between March 5 and April 10'), today or yesterday.",
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
