"""Dates written as text in a source file, read as the store's timestamps: a layout given in a
mapping, compact (20240131) and dotted (31.01.2024, day first) dates, ISO 8601, or else the
layout pandas guesses from a column's first date, which the error then names, with the format
that reads the column when its dates only fit with day and month swapped (01/02 then 13/02).

validate.py calls these for each date column and reports the first bad cell by its line.
"""

import re
import warnings

import pandas as pd
from pandas.tseries.api import guess_datetime_format

from commerce.source_file import quoted

_COMPACT_DATE = re.compile(r"^\d{8}$")
# 31.01.2024 (and 31.01.24 14:05): written day first wherever dots separate a date's parts.
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date_text(text: pd.Series, fmt: str | None) -> tuple[pd.Series, str | None]:
    """The dates, and the layout pandas guessed from the column's first date when the column
    was read in it (None when it was given, fixed or ISO 8601)."""
    # pandas warns when it falls back to element-wise parsing; the caller reports failures itself.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if fmt:
            return pd.to_datetime(text, format=fmt, errors="coerce", utc=True), None
        present = text.dropna()
        if len(present) and bool(present.str.fullmatch(_COMPACT_DATE.pattern).all()):
            return pd.to_datetime(text, format="%Y%m%d", errors="coerce", utc=True), None
        if len(present) and bool(present.str.fullmatch(_DOTTED_DATE.pattern).all()):
            # pandas guesses month first from the first value ("01.02.2024" as January 2) and
            # then refuses "13.02.2024"; dotted dates are day first (German, Russian, ...).
            dates = pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce", utc=True)
            return dates, None
        iso = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
        if iso.notna().sum() == len(present):
            return iso, None
        inferred = pd.to_datetime(text, errors="coerce", utc=True)
        if inferred.notna().sum() > iso.notna().sum():
            return inferred, guess_datetime_format(str(present.iloc[0]))
        return iso, None


def guessed_layout_problem(text: pd.Series, layout: str) -> str:
    """Why a date fails the layout pandas guessed from the column's first date, naming that
    layout; when the dates read with day and month swapped, the format that reads them."""
    # Braces doubled: validate._fail formats the message.
    first = quoted(text.dropna().iloc[0]).replace("{", "{{").replace("}", "}}")
    order = ""
    if "%m" in layout and "%d" in layout:
        order = " (month first)" if layout.index("%m") < layout.index("%d") else " (day first)"
    why = (
        "{value} is not a date in the layout this column was read in, "
        f"{layout}{order}, guessed from its first date {first}"
    )
    if not order:
        return why + "; give its layout as a format in a mapping file"
    swapped = layout.replace("%m", "\0").replace("%d", "%m").replace("\0", "%d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fits = pd.to_datetime(text, format=swapped, errors="coerce").notna().sum()
    if fits == text.notna().sum():
        return (
            why + f'; its dates read the other way round: give this column format = "{swapped}" '
            "in a mapping file"
        )
    return why + "; give its layout as a format in a mapping file"
