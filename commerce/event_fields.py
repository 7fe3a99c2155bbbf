"""One field of an event at a time: each function returns the field in canonical form or
raises BadEvent with the reason given back for the event (the rules of commerce/validate.py,
applied to one JSON value)."""

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

# Re-exported: the id limit is one for files, events and tool arguments (id_rules.py).
from commerce.id_rules import MAX_ID_CHARS as MAX_ID_CHARS
from commerce.id_rules import id_problem
from commerce.validate import EARLIEST_DATE, FUTURE_TOLERANCE, MAX_AMOUNT, MAX_QUANTITY

MAX_TEXT_CHARS = 20_000
MAX_ITEMS = 500  # order lines in one order event
# ISO 8601 opens with the year; pandas would also take "now", "today" and 01/02/2024 (whose
# month and day it guesses), so those are refused before parsing.
# A full calendar date first (pandas' ISO parser also takes "2024", "2024/05/01", "2024-5-1").
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")


class BadEvent(Exception):
    """One event's problem; the message is the reason given back for it."""


def show(value: object) -> str:
    """A value as it is quoted in a reason, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def whole_characters(value: str, name: str) -> str:
    """`value` when it can be stored: JSON can carry half of a surrogate pair ("\\ud800"),
    which no UTF-8 file can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        half = show(value[error.start : error.end])
        raise BadEvent(f"{name} holds {half}, half of a character pair: not text") from None
    return value


def ident(raw: Mapping[str, Any], name: str, default: str | None = None) -> str:
    """An id: text (or a whole number) of 1 to MAX_ID_CHARS characters, trimmed, that may be
    an id (commerce/id_rules.py: printable, no path separators)."""
    value = raw.get(name)
    if value is None and default is not None:
        return default
    if value is None:
        raise BadEvent(f"{name} is missing")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadEvent(f"{name} {show(value)} is not text (ids are strings)")
    text = str(value).strip()
    if not text:
        raise BadEvent(f"{name} is empty")
    if len(text) > MAX_ID_CHARS:
        raise BadEvent(f"{name} is {len(text):,} characters long: at most {MAX_ID_CHARS}")
    whole_characters(text, name)
    problem = id_problem(text)
    if problem is not None:
        raise BadEvent(f"{name} {problem}")
    return text


def text(raw: Mapping[str, Any], name: str) -> str:
    """Required text, kept verbatim (blank too: a review of stars alone, as ingest keeps it),
    at most MAX_TEXT_CHARS characters."""
    value = raw.get(name)
    if not isinstance(value, str):
        raise BadEvent(f"{name} is missing" if value is None else f"{name} is not a string")
    if len(value) > MAX_TEXT_CHARS:
        raise BadEvent(f"{name} is {len(value):,} characters long: at most {MAX_TEXT_CHARS:,}")
    return whole_characters(value, name)


def timestamp(raw: Mapping[str, Any], name: str, now: pd.Timestamp) -> pd.Timestamp:
    """An ISO 8601 time as naive UTC (as ingest stores it), from EARLIEST_DATE to `now` and a
    day."""
    value = raw.get(name)
    if not isinstance(value, str):
        raise BadEvent(
            f"{name} is missing" if value is None else f"{name} must be an ISO 8601 string"
        )
    bad = BadEvent(
        f"{name} {show(value)} is not a date in ISO 8601 form "
        "(write it like 2024-03-31T14:05:00Z or 2024-03-31)"
    )
    written = value.strip()
    if not _ISO_START.match(written):
        raise bad
    try:
        stamp = pd.to_datetime(written, format="ISO8601")
    except (ValueError, TypeError, OverflowError):
        raise bad from None
    if pd.isna(stamp):
        raise bad
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)  # stored naive UTC, as ingest does
    if stamp < EARLIEST_DATE:
        raise BadEvent(
            f"{name} {show(value)} is before {EARLIEST_DATE:%Y-%m-%d}, the earliest date accepted"
        )
    horizon = now + FUTURE_TOLERANCE
    if stamp > horizon:
        raise BadEvent(f"{name} {show(value)} is in the future (after {horizon:%Y-%m-%d})")
    return stamp


def number(raw: Mapping[str, Any], name: str, kind: str, default: float | None = None) -> float:
    """A finite number; an `amount` is 0 to MAX_AMOUNT, a `quantity` whole and 1 to
    MAX_QUANTITY."""
    value = raw.get(name)
    if value is None and default is not None:
        return default
    if value is None:
        raise BadEvent(f"{name} is missing")
    number: float
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadEvent(f"{name} {show(value)} is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise BadEvent(f"{name} {show(value)} is not finite") from None
    except ValueError:
        raise BadEvent(f"{name} {show(value)} is not a number (write it like 1234.50)") from None
    if not math.isfinite(number):
        raise BadEvent(f"{name} {show(value)} is not finite")
    if kind == "amount" and number < 0:
        raise BadEvent(f"{name} {show(value)} is negative; amounts must be 0 or more")
    if kind == "amount" and number > MAX_AMOUNT:
        raise BadEvent(
            f"{name} {show(value)} is more than {MAX_AMOUNT:,.0f}, the largest amount accepted"
        )
    if kind == "quantity" and (number < 1 or number % 1):
        raise BadEvent(f"{name} {show(value)} is not a whole number of 1 or more")
    if kind == "quantity" and number > MAX_QUANTITY:
        raise BadEvent(
            f"{name} {show(value)} is more than {MAX_QUANTITY:,}, the largest quantity accepted"
        )
    return number


def rating(value: object) -> float | None:
    """A rating of whole stars, 1 to 5, or None. A fractional one is refused: the review
    filters ask for whole stars, and 2.5 would be neither "at most 2" nor "at least 3"."""
    if value is None:
        return None
    rating = number({"rating": value}, "rating", "rating")
    if not 1 <= rating <= 5:
        raise BadEvent(f"rating {show(value)} is not a rating 1-5")
    if rating % 1:
        raise BadEvent(f"rating {show(value)} is not a whole number of stars 1-5")
    return rating


def product(
    raw: Mapping[str, Any], name: str, products: frozenset[str] | None, required: bool
) -> str | None:
    """A product id; one the store does not have is refused (`products` None: any goes)."""
    if raw.get(name) is None and not required:
        return None
    product = ident(raw, name)
    if products is not None and product not in products:
        raise BadEvent(f"{name} {product!r} is not a product of the store")
    return product


def items(value: object, products: frozenset[str] | None) -> list[dict[str, Any]]:
    """An order's lines: product_id, quantity (default 1) and price of each."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadEvent("items must be a list of order lines")
    if len(value) > MAX_ITEMS:
        raise BadEvent(f"items has {len(value):,} order lines: at most {MAX_ITEMS}")
    lines = []
    for n, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise BadEvent(f"items[{n}] is not an object")
        try:
            lines.append(
                {
                    "product_id": product(item, "product_id", products, required=True),
                    "quantity": int(number(item, "quantity", "quantity", default=1.0)),
                    "price": number(item, "price", "amount"),
                }
            )
        except BadEvent as problem:
            raise BadEvent(f"items[{n}]: {problem}") from None
    return lines
