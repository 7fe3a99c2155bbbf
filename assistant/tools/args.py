"""Argument types the tools share: each carries its bounds and a description for the LLM.

A tool's signature uses these; catalogue.py turns the signature into a pydantic model, so the
bounds are checked (and named in the error) before a tool runs.
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field


def _as_text(value: Any) -> Any:
    # An LLM may write an id as a number (42); the tool resolves it to the store's '00042'.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


CustomerId = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(min_length=1, max_length=64, description="A customer's id in the store, e.g. '00042'."),
]
ProductId = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(min_length=1, max_length=64, description="A product's id, e.g. 'B000EYLDYE'."),
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
