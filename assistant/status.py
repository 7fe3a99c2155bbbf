"""What the workspace holds, and which built artifacts no longer match the current store.

Each stage that builds from the store (models, scores, indexes) writes an `artifact.json` beside
its output with at least {"kind", "store_version", "created_at"}; this module only reads them.
"""

import json
from pathlib import Path
from typing import Any

from commerce.workspace import Workspace

STAGES = ("models", "scores", "index", "llm")


def workspace_status(workspace: Workspace) -> dict[str, Any]:
    """A JSON-ready summary: the store's manifest and every artifact with its staleness."""
    store = workspace.store() if workspace.has_store() else None
    current = store.version if store else None
    artifacts = []
    for stage in STAGES:
        folder = workspace.home / stage
        for marker in sorted(folder.glob("**/artifact.json")) if folder.is_dir() else []:
            artifacts.append(_artifact(marker, current))
    return {
        "home": str(workspace.home),
        "store": store.manifest.to_dict() if store else None,
        "artifacts": artifacts,
    }


def _artifact(marker: Path, current: str | None) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(marker.read_text())
    except (OSError, json.JSONDecodeError):
        data = {"kind": marker.parent.parent.name, "detail": "unreadable artifact.json"}
    built_from = data.get("store_version")
    return {
        "kind": data.get("kind", marker.parent.parent.name),
        "name": marker.parent.name,
        "store_version": built_from,
        "stale": current is not None and built_from != current,
        "detail": data.get("detail", f"built from store {built_from}"),
    }
