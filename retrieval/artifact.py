"""`artifact.json`: what an index folder was built from, so a stale index is named, not used.

    {"kind": "index", "store_version": "...", "created_at": "...", "detail": "...", ...}

`retain status` reads these files and marks an artifact stale when its store_version is not the
current store's. Loading refuses a stale index with the command that fixes it; an index built
from a version the current store grew from by events is not stale.
"""

import json
import os
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from commerce.errors import InvalidInput, NotFound, Unavailable

ARTIFACT = "artifact.json"


def write_artifact(folder: Path, store_version: str, detail: str, **extra: Any) -> None:
    """Write artifact.json last, atomically: a folder without one holds no finished index."""
    record = {
        "kind": "index",
        "store_version": store_version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detail": detail,
    } | extra
    write_atomically(folder / ARTIFACT, json.dumps(record, indent=2).encode())


def read_artifact(folder: Path, what: str) -> dict[str, Any]:
    """The artifact record of `folder`; NotFound (with the command to run) when absent."""
    path = folder / ARTIFACT
    if not path.is_file():
        raise NotFound(f"no {what} in {folder}: run `retain index build`")
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise Unavailable(f"{path} is unreadable ({error}): run `retain index build`") from error
    return record


def check_current(
    record: dict[str, Any], store_version: str, what: str, lineage: Collection[str] = ()
) -> None:
    """Refuse an index built from another store version, naming both and the fix. An index
    built from a version in `lineage` (the versions the store grew from by events) is kept:
    it lacks only what the events added."""
    built_from = record.get("store_version")
    if built_from != store_version and built_from not in lineage:
        raise InvalidInput(
            f"the {what} was built from store {built_from} but the current store is "
            f"{store_version}: run `retain index build` to bring it up to date"
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name, then rename over `path` (readers never see half a file)."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
