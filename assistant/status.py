"""What the workspace holds, and which built artifacts no longer match the current store.

Each stage that builds from the store (models, scores, indexes) writes an `artifact.json` beside
its output with at least {"kind", "store_version", "created_at"}; this module only reads them.
An artifact built from a version the current store grew from (by events) is not stale.
"""

import json
from pathlib import Path
from typing import Any

from commerce.workspace import Store, Workspace

STAGES = ("models", "scores", "index", "llm")


def workspace_status(workspace: Workspace) -> dict[str, Any]:
    """A JSON-ready summary: the store's manifest and every artifact with its staleness."""
    store = workspace.store() if workspace.has_store() else None
    artifacts = []
    for stage in STAGES:
        folder = workspace.home / stage
        for marker in sorted(folder.glob("**/artifact.json")) if folder.is_dir() else []:
            artifacts.append(_artifact(marker, store))
    return {
        "home": str(workspace.home),
        "store": store.manifest.to_dict() if store else None,
        "artifacts": artifacts,
    }


def _artifact(marker: Path, store: Store | None) -> dict[str, Any]:
    """One artifact; stale when built from a store version the current store did not grow
    from (a version it grew from by events is not stale: docs/events.md)."""
    try:
        data: dict[str, Any] = json.loads(marker.read_text())
    except (OSError, json.JSONDecodeError):
        data = {"kind": marker.parent.parent.name, "detail": "unreadable artifact.json"}
    built_from = data.get("store_version")
    return {
        "kind": data.get("kind", marker.parent.parent.name),
        "name": marker.parent.name,
        "store_version": built_from,
        "stale": store is not None and not store.derives_from(built_from),
        "detail": data.get("detail", f"built from store {built_from}"),
    }
