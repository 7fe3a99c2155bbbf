"""The workspace folder (RETAIN_HOME) and the store inside it.

    RETAIN_HOME/
      stores/<version>/   one folder per ingested store: <table>.parquet + manifest.json
      store -> stores/<version>    the current store: a symlink, swapped atomically
      models/ scores/ index/ llm/ app.db    built from a store by later stages

A new store is written completely under a temporary name, then the `store` link is replaced in
one rename, so a failed or interrupted ingest leaves the previous store as it was.
"""

import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from commerce.errors import InvalidInput, NotFound
from commerce.manifest import Manifest
from commerce.schema import TABLES

KEEP_STORES = 3  # older store versions kept for models and indexes that still refer to them


class Store:
    """One ingested store: its manifest and its tables, read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.manifest = Manifest.from_json((path / "manifest.json").read_text())

    @property
    def version(self) -> str:
        return self.manifest.store_version

    def has(self, table: str) -> bool:
        return table in self.manifest.tables

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Read one table; raise NotFound when this store has none of it."""
        if name not in TABLES:
            raise InvalidInput(f"unknown table '{name}' (valid: {', '.join(TABLES)})")
        if not self.has(name):
            raise NotFound(f"the store (version {self.version}) has no {name} table")
        return pd.read_parquet(self.path / f"{name}.parquet", columns=columns)


class Workspace:
    """Paths under RETAIN_HOME and the one way to replace the store."""

    def __init__(self, home: Path) -> None:
        self.home = home

    @property
    def store_link(self) -> Path:
        return self.home / "store"

    @property
    def stores_dir(self) -> Path:
        return self.home / "stores"

    def subdir(self, name: str) -> Path:
        """A stage's folder (models, scores, index, llm), created on first use."""
        path = self.home / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def has_store(self) -> bool:
        return (self.store_link / "manifest.json").is_file()

    def store(self) -> Store:
        """The current store; NotFound with what to run when there is none."""
        if not self.has_store():
            raise NotFound(
                f"no store in {self.home}: run `retain ingest --orders FILE` "
                "or `retain demo build` first"
            )
        return Store(self.store_link.resolve())

    def write_store(self, tables: dict[str, pd.DataFrame], manifest: Manifest) -> Store:
        """Write tables and manifest as a new store version and make it current, atomically."""
        self.stores_dir.mkdir(parents=True, exist_ok=True)
        final = self.stores_dir / manifest.store_version
        if final.exists():
            # Same content as a store already here: keep its tables, record the new provenance.
            _write_synced(final / ".manifest.json.new", manifest.to_json())
            os.replace(final / ".manifest.json.new", final / "manifest.json")
        else:
            staging = self.stores_dir / f".staging-{uuid.uuid4().hex}"
            staging.mkdir()
            try:
                for name, frame in tables.items():
                    frame.to_parquet(staging / f"{name}.parquet", index=False)
                # The manifest goes last: a folder without one is never a store.
                _write_synced(staging / "manifest.json", manifest.to_json())
                os.replace(staging, final)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        self._point_store_at(final)
        self._prune(keep=final)
        return Store(final)

    def _point_store_at(self, target: Path) -> None:
        link = self.home / f".store-{uuid.uuid4().hex}"
        link.symlink_to(target.relative_to(self.home))
        os.replace(link, self.store_link)  # rename over the old link: atomic on POSIX

    def _prune(self, keep: Path) -> None:
        versions = sorted(
            (p for p in self.stores_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in versions[KEEP_STORES:]:
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)


def _write_synced(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
