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
    frame: pd.DataFrame, spec: TableSpec, source: Source, row: str
) -> tuple[pd.DataFrame, int]:
    """Drop exact duplicate rows; refuse two different rows that share a key. `row` names the
    column holding each row's 0-based place in the source, which is not compared."""
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
            differs = [c for c in content if not _same(first[c], second[c])]
            article = "an" if spec.key[0] in "aeiou" else "a"
            raise InvalidInput(
                f"{source.label}: {spec.key} {quoted(first[spec.key])} appears on "
                f"{source.where(int(first[row]))} and {source.where(int(second[row]))} with "
                f"different contents ({', '.join(differs)} differ: "
                f"{quoted(first[differs[0]])} vs {quoted(second[differs[0]])}). "
                f"Give them different {spec.key}s or remove one "
                f"({int(clash.sum()):,} rows share {article} {spec.key} in all)."
            )
    return frame, int(exact.sum())


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
