"""The store manifest: what a store holds and which version it is.

The version is derived from the content, so the same data ingested twice is the same store, and
every artifact built from a store (models, scores, indexes) records this version, so staleness
is detected.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from commerce.schema import SCHEMA_VERSION


@dataclass(frozen=True)
class TableInfo:
    rows: int
    columns: list[str]
    source: str | None  # the file it came from; None when derived (customers from orders)
    duplicates_dropped: int = 0


@dataclass(frozen=True)
class Manifest:
    store_version: str
    content_hash: str
    created_at: str
    tables: dict[str, TableInfo]
    customers: int
    first_order: str
    last_order: str
    schema_version: int = SCHEMA_VERSION
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data: dict[str, Any] = json.loads(text)
        data["tables"] = {k: TableInfo(**v) for k, v in data["tables"].items()}
        return cls(**data)


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """A SHA-256 over every table's column names and row contents, in a fixed order."""
    digest = hashlib.sha256(f"schema:{SCHEMA_VERSION}".encode())
    for name in sorted(tables):
        frame = tables[name]
        digest.update(f"|{name}:{','.join(map(str, frame.columns))}|".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()
