"""The store manifest: what a store holds and which version it is.

The version is derived from the content, so the same data ingested twice is the same store, and
every artifact built from a store (models, scores, indexes) records this version, so staleness
is detected.

A store grown by events (Workspace.grow) names its `parent` and its `lineage`: the versions it
grew from, oldest first. Its version hashes the parent's content hash with the rows added only,
so growing costs the size of the new rows, not of the store. An artifact built from a version in
the lineage is still usable: the store holds everything it saw, and more.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from commerce.schema import SCHEMA_VERSION

# Ancestors a grown store remembers: the first (the ingested root) and the latest ones. A model
# or index built from a version that fell out is treated as built from another store.
LINEAGE_LIMIT = 1000


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
    parent: str | None = None  # the version this one grew from by events; None when ingested
    lineage: list[str] = field(default_factory=list)  # ancestors, oldest first

    def derives_from(self, version: str | None) -> bool:
        """True when `version` is this store or one it grew from (so it holds all of it)."""
        return version is not None and (version == self.store_version or version in self.lineage)

    def child_lineage(self) -> list[str]:
        """The lineage of a store grown from this one: ours plus this version, bounded."""
        lineage = [*self.lineage, self.store_version]
        if len(lineage) > LINEAGE_LIMIT:
            lineage = [lineage[0], *lineage[-(LINEAGE_LIMIT - 1) :]]
        return lineage

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data: dict[str, Any] = json.loads(text)
        data["tables"] = {k: TableInfo(**v) for k, v in data["tables"].items()}
        return cls(**data)


def grown_hash(parent_hash: str, delta: dict[str, pd.DataFrame]) -> str:
    """The content hash of a store grown from one with `parent_hash` by the rows in `delta`."""
    return hashlib.sha256(f"{parent_hash}+{content_hash(delta)}".encode()).hexdigest()


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """A SHA-256 over every table's column names and row contents, in a fixed order."""
    digest = hashlib.sha256(f"schema:{SCHEMA_VERSION}".encode())
    for name in sorted(tables):
        frame = tables[name]
        digest.update(f"|{name}:{','.join(map(str, frame.columns))}|".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()
