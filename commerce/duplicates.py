"""Duplicate rows of a table: a row identical to an earlier one is dropped (the manifest counts
them), two different rows that share the table's key are refused, naming both lines.

Rows without a key are kept as they are, identical ones too: identical order lines, or
identical orders of an export without order ids, can both be real purchases.
"""

from typing import Any

import pandas as pd

from commerce.errors import InvalidInput
from commerce.schema import TableSpec
from commerce.source_file import Source, quoted


def deduplicate(
    frame: pd.DataFrame,
    spec: TableSpec,
    source: Source,
    row: str,
    written: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, int]:
    """Drop exact duplicate rows; refuse two different rows that share a key. `row` names the
    column holding each row's 0-based place in the source, which is not compared. `written`,
    the source frame before parsing (rows by that place), is what a refusal quotes: the user
    searches the file for '1001.0', not for the '1001' it was read as."""
    keyed = spec.key is not None and spec.key in frame.columns
    if not keyed and spec.name != "events":
        # Identical order lines, or identical orders in an export without order ids, can both
        # be real purchases: nothing tells them apart, so both are kept.
        return frame, 0
    content = [c for c in frame.columns if c != row]
    exact = _exact_duplicates(frame, content)
    frame = frame[~exact]
    if spec.key is not None and keyed:
        clash = frame[spec.key].duplicated(keep=False)
        if bool(clash.any()):
            rows = frame[clash].sort_values([spec.key, row])
            first, second = rows.iloc[0], rows.iloc[1]
            message = _clash(spec.key, first, second, content, source, row, written)
            article = "an" if spec.key[0] in "aeiou" else "a"
            raise InvalidInput(
                f"{message}. Give them different {spec.key}s or remove one "
                f"({int(clash.sum()):,} rows share {article} {spec.key} in all)."
            )
    return frame, int(exact.sum())


def _clash(
    key: str,
    first: pd.Series,
    second: pd.Series,
    content: list[str],
    source: Source,
    row: str,
    written: pd.DataFrame | None,
) -> str:
    """Which two rows share a key and how they differ, quoting the cells as written."""
    lines = int(first[row]), int(second[row])

    def as_written(column: str, parsed: pd.Series, line: int) -> object:
        if written is None or column not in written.columns:
            return parsed[column]  # a column ingest derived: there is no written cell
        return written[column].iloc[line]

    differs = [c for c in content if not _same(first[c], second[c])]
    key_cells = as_written(key, first, lines[0]), as_written(key, second, lines[1])
    if str(key_cells[0]).strip() == str(key_cells[1]).strip():
        who = (
            f"{key} {quoted(key_cells[0])} appears on "
            f"{source.where(lines[0])} and {source.where(lines[1])}"
        )
    else:  # spelled apart in the file, one id once read ("1001" and "1001.0", docs/data.md)
        who = (
            f"{key} {quoted(key_cells[0])} on {source.where(lines[0])} and "
            f"{quoted(key_cells[1])} on {source.where(lines[1])} are both read as "
            f"{quoted(first[key])}, and appear"
        )
    cells = as_written(differs[0], first, lines[0]), as_written(differs[0], second, lines[1])
    return (
        f"{source.label}: {who} with different contents "
        f"({', '.join(differs)} differ: {quoted(cells[0])} vs {quoted(cells[1])})"
    )


def _exact_duplicates(frame: pd.DataFrame, content: list[str]) -> "pd.Series[bool]":
    """Rows equal to an earlier row. Rows are hashed first (fast); only rows whose hash repeats
    are compared cell by cell, so a hash collision can never drop a distinct row."""
    hashes = pd.util.hash_pandas_object(frame[content], index=False)
    exact = pd.Series(False, index=frame.index)
    candidates = hashes.duplicated(keep=False)
    if bool(candidates.any()):
        exact[candidates] = frame.loc[candidates].duplicated(subset=content, keep="first")
    return exact


def _same(a: Any, b: Any) -> bool:
    a_missing, b_missing = bool(pd.isna(a)), bool(pd.isna(b))
    return a_missing and b_missing if a_missing or b_missing else bool(a == b)
