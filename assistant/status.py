"""What the workspace holds, and which built artifacts no longer match the current store.

Each stage that builds from the store (models, scores, indexes) writes an `artifact.json` beside
its output with at least {"kind", "store_version", "created_at"}; this module only reads them.
An artifact built from a version the current store grew from (by events) is not stale.
"""

import json
from pathlib import Path
from typing import Any

from commerce.manifest import Manifest
from commerce.workspace import Store, Workspace

STAGES = ("models", "scores", "index", "llm")
RECOMMENDER = ("index", "products")  # kind and name of the recommender's artifact


def workspace_status(workspace: Workspace) -> dict[str, Any]:
    """A JSON-ready summary: the store's manifest and every artifact with its staleness."""
    store = workspace.store() if workspace.has_store() else None
    artifacts = []
    for stage in STAGES:
        folder = workspace.home / stage
        for marker in sorted(folder.glob("**/artifact.json")) if folder.is_dir() else []:
            artifacts.append(_artifact(marker, store, workspace))
    return {
        "home": str(workspace.home),
        "store": store.manifest.to_dict() if store else None,
        "artifacts": artifacts,
    }


def _artifact(marker: Path, store: Store | None, workspace: Workspace) -> dict[str, Any]:
    """One artifact; stale when built from a store version the current store did not grow
    from (a version it grew from by events is not stale: docs/events.md)."""
    try:
        data: dict[str, Any] = json.loads(marker.read_text())
    except (OSError, json.JSONDecodeError):
        data = {"kind": marker.parent.parent.name, "detail": "unreadable artifact.json"}
    built_from = data.get("store_version")
    stale = store is not None and not store.derives_from(built_from)
    detail = data.get("detail", f"built from store {built_from}")
    kind, name = data.get("kind", marker.parent.parent.name), marker.parent.name
    if store is not None and not stale and (kind, data.get("name", name)) == RECOMMENDER:
        detail += _recommender_lag(data, store, workspace)
    return {
        "kind": kind,
        "name": name,
        "store_version": built_from,
        "stale": stale,
        "detail": detail,
    }


def _recommender_lag(record: dict[str, Any], store: Store, workspace: Workspace) -> str:
    """What the recommender has not learned from: it reads the current store's orders and
    reviews when it ranks (exclusions, histories), but its product vectors know only the
    order lines of its build."""
    built_from = record.get("store_version")
    if built_from == store.version or not store.has("order_items"):
        return ""
    built = record.get("store_order_lines")
    if built is None:  # built before the count was recorded: the build's store, if kept
        try:
            kept = workspace.stores_dir / str(built_from) / "manifest.json"
            built = Manifest.from_json(kept.read_text()).tables["order_items"].rows
        except (OSError, ValueError, KeyError, TypeError):
            built = None
    newer = None if built is None else store.manifest.tables["order_items"].rows - int(built)
    if newer == 0:
        return ""
    grown = "the orders" if newer is None else f"{newer:,} order lines"
    return (
        f"; current for ranking (exclusions and histories read the store as it is now), but its "
        f"learned product vectors predate {grown} added by events: `retain index build` "
        "retrains them"
    )
