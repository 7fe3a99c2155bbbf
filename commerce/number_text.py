"""Numbers written as text in a source file: "1234.50", "$1,234.50", or, in a file that writes
decimals with a comma (`--decimal ,`, European exports), "1.234,50" and "12,50 €".

A file has one decimal mark. With the dot (the default), a comma may only group thousands
("1,234.50"), so "12,50" is refused: read as 1250 it would be a hundred times the amount.
With the comma, a dot may only group thousands, so "12.50" is refused for the same reason.
"""

import re

import pandas as pd

DECIMAL_MARKS = (".", ",")
CURRENCY = re.compile(r"^\s*(?:[$€£¥]|USD|EUR|GBP|JPY)?\s*|\s*(?:[$€£¥]|USD|EUR|GBP|JPY)?\s*$")
# Thousands in groups of three, then decimals after the file's mark, by that mark.
GROUPED = {
    ".": re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?"),
    ",": re.compile(r"-?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?"),
}
# A cell that reads as a decimal comma ("12,50", "1.234,5"), for the hint of a dot-mark file.
LOOKS_DECIMAL_COMMA = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d{1,2}|-?\d+,\d{1,2}")


def parse_number_text(text: "pd.Series[str]", decimal: str) -> "pd.Series[float]":
    """The cells (already stripped) as floats, NaN where a cell is no number in this layout."""
    if decimal == ".":
        values = pd.to_numeric(text, errors="coerce").astype("float64")
        retry = values.isna() & text.notna()
        if bool(retry.any()):  # currency symbols and thousands separators, only where needed
            cleaned = text[retry].str.replace(CURRENCY, "", regex=True)
            grouped = cleaned.str.fullmatch(GROUPED["."].pattern).fillna(False).astype(bool)
            cleaned = cleaned.where(~grouped, cleaned.str.replace(",", "", regex=False))
            values[retry] = pd.to_numeric(cleaned, errors="coerce").astype("float64")
        return values
    # A decimal comma: every cell goes through the layout check, since "12.50" would otherwise
    # be read as twelve and a half by the dot's parser.
    cleaned = text.str.replace(CURRENCY, "", regex=True)
    valid = cleaned.str.fullmatch(GROUPED[","].pattern).fillna(False).astype(bool)
    dotted = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return pd.to_numeric(dotted.where(valid), errors="coerce").astype("float64")


def not_a_number(value: str | None, decimal: str) -> str:
    """Why a cell is no number, and how to write it, in the file's layout."""
    if decimal == ",":
        return (
            "{value} is not a number (this file is read with a decimal comma, --decimal ',': "
            "write it like 1234,50 or 1.234,50; leave the cell empty when there is no value)"
        )
    hint = ""
    if value is not None and LOOKS_DECIMAL_COMMA.fullmatch(CURRENCY.sub("", value)):
        hint = "; for a file that writes decimals with a comma (12,50), pass --decimal ','"
    return (
        "{value} is not a number (write it like 1234.50: a dot for decimals"
        + hint
        + "; leave the cell empty when there is no value)"
    )
