"""The workspace folder (RETAIN_HOME) and the store inside it.

    RETAIN_HOME/
      stores/<version>/   one folder per ingested store: <table>.parquet + manifest.json
      store -> stores/<version>    the current store: a symlink, swapped atomically
      models/ scores/ index/ llm/ app.db    built from a store by later stages

A new store is written completely under a temporary name, then the `store` link is replaced in
one rename, so a failed or interrupted ingest leaves the previous store as it was.

Events grow the store (`grow`): the new version's folder hard-links every table that did not
change and writes only the changed ones, so a version costs the changed tables, not the store.

Whatever changes the store or what is built from it (the events worker, ingest, score, index
build) holds the workspace's write lock (`Workspace.lock`), so none builds on a store another
process is replacing.
"""

import fcntl
import itertools
import os
import shutil
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from commerce import growth
from commerce.errors import InvalidInput, NotFound, Unavailable
from commerce.manifest import Manifest, grown_hash
from commerce.schema import TABLES

KEEP_STORES = 3  # older store versions kept for models and indexes that still refer to them
# A replaced version is kept at least this long: a request that opened it before the swap may
# still be reading its tables (events make versions seconds apart).
MIN_STORE_AGE_S = 300.0
# In a version an application of events grew and then put back: not one of the versions kept.
ABANDONED = ".abandoned"


class Store:
    """One ingested store: its manifest and its tables, read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.manifest = Manifest.from_json((path / "manifest.json").read_text())

    @property
    def version(self) -> str:
        return self.manifest.store_version

    def derives_from(self, version: str | None) -> bool:
        """True when an artifact built from `version` saw a part of this store's data: the
        same version, or one this store grew from by events."""
        return self.manifest.derives_from(version)

    def has(self, table: str) -> bool:
        return table in self.manifest.tables

    def table(
        self,
        name: str,
        columns: list[str] | None = None,
        where_in: tuple[str, Collection[str]] | None = None,
    ) -> pd.DataFrame:
        """Read one table; raise NotFound when this store has none of it.

        `where_in` (column, values): only the rows whose column holds one of the values (read
        with Parquet filters, so the other rows are never turned into pandas objects)."""
        if name not in TABLES:
            raise InvalidInput(f"unknown table '{name}' (valid: {', '.join(TABLES)})")
        if not self.has(name):
            raise NotFound(f"the store (version {self.version}) has no {name} table")
        path = self.path / f"{name}.parquet"
        if where_in is None:
            return pd.read_parquet(path, columns=columns)
        column, values = where_in
        wanted = pa.array(sorted({str(v) for v in values}), type=pa.string())
        table = pq.read_table(path, columns=columns, filters=pc.field(column).isin(wanted))
        frame: pd.DataFrame = table.to_pandas()
        return frame


LOCK_FILE = ".write.lock"


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

    @contextmanager
    def lock(self, waiting: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the workspace's write lock (an advisory lock on a file, released if the
        process dies). Blocks while another holder works; `waiting` is called first then, so
        a command can say why it stands still."""
        self.home.mkdir(parents=True, exist_ok=True)
        with (self.home / LOCK_FILE).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

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
            (final / ABANDONED).unlink(missing_ok=True)
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

    def grow(self, delta: dict[str, pd.DataFrame], parent: str | None = None) -> Store:
        """Add rows (by table) to the current store as a new version that names its lineage,
        and make it current. Rows whose id the store already has are dropped, so growing twice
        by the same rows changes nothing; with nothing new, the current store is returned.

        `parent`: the version the caller read; Unavailable if the store changed meanwhile.
        """
        current = self.store()
        if parent is not None and current.version != parent:
            raise Unavailable(
                f"the store changed from {parent} to {current.version} while rows were being "
                "added; try again"
            )
        fresh = growth.new_rows(current.path, current.manifest, delta)
        if not fresh:
            return current
        digest = grown_hash(current.manifest.content_hash, fresh)
        final = self.stores_dir / digest[:12]
        if not (final / "manifest.json").is_file():
            self._write_grown(current, fresh, digest, final)
        (final / ABANDONED).unlink(missing_ok=True)  # the same rows, applied again
        self._point_store_at(final)
        self._prune(keep=final)
        return Store(final)

    def _write_grown(
        self, parent: Store, fresh: dict[str, pd.DataFrame], digest: str, final: Path
    ) -> None:
        staging = self.stores_dir / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            written = {}
            for name, rows in fresh.items():
                old = parent.path / f"{name}.parquet" if parent.has(name) else None
                written[name] = growth.appended(old, rows, name)
                pq.write_table(written[name], staging / f"{name}.parquet")
            for name in parent.manifest.tables:
                if name not in written:
                    _link(parent.path / f"{name}.parquet", staging / f"{name}.parquet")
            manifest = growth.grown_manifest(parent.manifest, written, fresh, digest)
            _write_synced(staging / "manifest.json", manifest.to_json())  # last, as ingest
            shutil.rmtree(final, ignore_errors=True)  # a half-written folder of a crashed run
            os.replace(staging, final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def abandon(self, version: str) -> None:
        """Mark a version that is no longer current and never was rightly so (events that
        failed to apply): pruning removes it first, without counting it among those kept."""
        folder = self.stores_dir / version
        if folder.is_dir() and folder != self.store_link.resolve():
            _write_synced(folder / ABANDONED, "")

    def _point_store_at(self, target: Path) -> None:
        link = self.home / f".store-{uuid.uuid4().hex}"
        link.symlink_to(target.relative_to(self.home))
        os.replace(link, self.store_link)  # rename over the old link: atomic on POSIX

    def _prune(self, keep: Path) -> None:
        """Remove store versions beyond the newest KEEP_STORES once they were replaced at least
        MIN_STORE_AGE_S ago (a reader may still have them open), and abandoned staging."""
        folders = [p for p in self.stores_dir.iterdir() if p.is_dir()]
        ages = {p: _age_s(p) for p in folders}
        named = [p for p in folders if not p.name.startswith(".")]
        abandoned = [p for p in named if _age_s(p / ABANDONED) >= MIN_STORE_AGE_S]
        versions = sorted((p for p in named if not (p / ABANDONED).exists()), key=ages.__getitem__)
        # A version stopped being current when the next newer one was written.
        replaced = {old: ages[newer] for newer, old in itertools.pairwise(versions)}
        doomed = [p for p in versions[KEEP_STORES:] if replaced[p] >= MIN_STORE_AGE_S]
        doomed += abandoned
        doomed += [p for p in folders if p.name.startswith(".staging-") and ages[p] >= 3600]
        for old in doomed:
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)


def _age_s(path: Path) -> float:
    """Seconds since `path` was last written; -1 when there is no such file."""
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return -1.0


def _link(source: Path, target: Path) -> None:
    """Share an unchanged table with the parent version (a hard link: no copy, no space)."""
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _write_synced(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
