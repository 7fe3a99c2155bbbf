"""Pages of a ranked list, for "and the next 10?": the list tools take an `offset` beside their
count, so the follow-up shows ranks 11-20 rather than 1-20 again.

Rows carry their `rank` in the whole ranking (1 is the first), so a card shows where a page
starts, and answers name the ranks they show ("customers 6-15 of 1,234"). A page that starts
past the end says so instead of answering with nothing.
"""

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import Field

# Further than anyone pages in a chat; ranking this deep costs no more than a bigger list.
MAX_OFFSET = 1_000

OFFSET_HELP = (
    "How many of the ranking to skip, for the next page: after a first page of 10, offset 10 "
    "shows ranks 11-20."
)
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description=OFFSET_HELP)]


def ranked(rows: Sequence[Mapping[str, Any]], offset: int) -> list[dict[str, Any]]:
    """The rows of one page, each with its rank in the whole ranking first."""
    return [{"rank": offset + i + 1, **row} for i, row in enumerate(rows)]


def span(offset: int, shown: int, total: int, noun: str, plural: str | None = None) -> str:
    """'customers 6-15 of 1,234': the ranks of a page (one rank: 'customer 6 of 1,234');
    `plural` for a noun not made with -s ("categories")."""
    first, last = offset + 1, offset + shown
    if shown == 1:
        return f"{noun} {first:,} of {total:,}"
    return f"{plural or noun + 's'} {first:,}-{last:,} of {total:,}"


def past_end(offset: int, total: int, noun: str, where: str = "") -> str:
    """What a page that starts after the last row says: 'There are only 12 customers in
    'loyal', so none from rank 21 on.'"""
    plural = noun if total == 1 else f"{noun}s"
    return f"There are only {total:,} {plural}{where}, so none from rank {offset + 1:,} on."
