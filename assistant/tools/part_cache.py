"""The cache behind StoreData (data.py): what each part depends on, hold and refresh, and the
computed answers kept beside the parts (memo).

Each part (history, segments, scores, indexes, the model, per-customer lookups) is loaded on
first use and kept until what it was built from changes: the `store` link pointing at another
version, new scores, a new model, a rebuilt index. A change is noticed by a few stat calls per
request, and only the parts that depend on it load again. The parts are kept in a Memo
(assistant/tools/memo.py) without a size limit: each loads under its own lock, so a slow one
(a forecast) never holds up a fast one (a profile), and concurrent first requests load a part
once. Failures (no scores, no index) are remembered too, until the artifact appears.

While the events worker grows the store it holds the data (`hold`), and requests keep getting
the parts already loaded, of the version before; `refresh` then loads the new version's parts
in the worker's thread and hands them over. A chat never waits seconds for a reload because
events arrived: the events worker pays for it, between two versions that both exist.
"""

import logging
import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from assistant.settings import Settings
from assistant.tools.memo import Memo
from commerce.errors import RetainError
from commerce.workspace import Store, Workspace
from retrieval.artifact import ARTIFACT

T = TypeVar("T")
# StoreData's logger, as before the cache moved here from assistant/tools/data.py.
log = logging.getLogger("assistant.tools.data")
Dependency = Literal[
    "store", "store_root", "scores", "model", "review_index", "customer_index", "recommender"
]
MEMO_SIZE = 256  # computed answers (plans, forecasts, themes) kept per workspace


class PartCache:
    """Thread-safe, lazily loaded parts of one workspace, each kept until what it depends on
    changes (StoreData names the parts)."""

    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings
        # The parts are never dropped; `_loaders` says how to load each again (for refresh).
        self._parts = Memo(None, self._serving_held)
        self._loaders: dict[str, tuple[tuple[Dependency, ...], Callable[[], Any]]] = {}
        self._memo = Memo(MEMO_SIZE, self._serving_held)
        self._held = False
        self._refreshing = threading.local()  # set in the thread that runs refresh()

    # ---- what each part depends on ------------------------------------------------------

    def _signature(self, dependencies: tuple[Dependency, ...]) -> tuple[Hashable, ...]:
        home = self.workspace.home
        keys: list[Hashable] = []
        for dependency in dependencies:
            if dependency == "store":
                keys.append(self._store_target())
            elif dependency == "store_root":  # the ingested store that events grow
                manifest = self.store().manifest
                keys.append(manifest.lineage[0] if manifest.lineage else manifest.store_version)
            elif dependency in ("scores", "model"):
                keys.append(_folder_key(home / ("scores" if dependency == "scores" else "models")))
            elif dependency in ("review_index", "customer_index"):
                keys.append(_file_key(index_folder(self.workspace, dependency) / ARTIFACT))
            elif dependency == "recommender":
                keys.append(_file_key(home / "index" / "products" / ARTIFACT))
        return tuple(keys)

    def _store_target(self) -> str:
        try:
            return os.readlink(self.workspace.store_link)
        except OSError:  # no store (NotFound says what to run), or a folder, not a link
            return str(self.workspace.store().path)

    def _get(self, name: str, on: tuple[Dependency, ...], load: Callable[[], T]) -> T:
        self._loaders[name] = (on, load)
        return cast(T, self._parts.get(name, self._signature(on), None, load))

    def hold(self) -> None:
        """Keep answering from the parts loaded now, whatever changes in the workspace, until
        `refresh` (the events worker calls this before it grows the store)."""
        self._held = True

    def refresh(self) -> None:
        """Load every part loaded so far again if the workspace moved on, in this thread,
        then answer from the new parts; ends `hold`."""
        self._refreshing.active = True
        try:
            for name, (on, load) in list(self._loaders.items()):
                if self._parts.peek(name) is None:
                    continue  # its loader crashed (not a RetainError): the next request retries
                try:
                    self._get(name, on, load)
                except RetainError:
                    pass  # kept as the part's answer, raised to whoever asks for it
                except Exception:
                    # A crash (a bug, a corrupt file) must not stop the other parts refreshing
                    # or the events worker telling its listeners; the part's old answer stays
                    # until a request loads it again and meets the crash itself.
                    log.exception("reloading %s for the new store version failed", name)
        finally:
            self._refreshing.active = False
            self._held = False

    def _serving_held(self) -> bool:
        return self._held and not getattr(self._refreshing, "active", False)

    def memo(
        self,
        key: str,
        on: tuple[Dependency, ...],
        compute: Callable[[], T],
        *,
        stale_while: tuple[Dependency, ...] = (),
    ) -> T:
        """A computed answer (a plan, a forecast) kept until what it depends on changes
        (assistant/tools/memo.py). `stale_while`: when `on` moved on but these did not, the
        answer kept is returned at once and the new one computed in the background. Events
        grow the store every few seconds; a forecast of the version a few events before is
        worth more than a ten-second wait on every question."""
        basis = self._signature(stale_while) if stale_while else None
        return cast(T, self._memo.get(key, self._signature(on), basis, compute))

    def close(self) -> None:
        """Stop background computations that have not started (at shutdown)."""
        self._memo.close()

    # ---- the parts ----------------------------------------------------------------------

    def store(self) -> Store:
        """The current store (NotFound with what to run when there is none)."""
        # The link is read inside the loader, so refresh() loading it again reads it anew.
        return self._get(
            "store", ("store",), lambda: Store(self.workspace.home / self._store_target())
        )


def index_folder(workspace: Workspace, index: Literal["review_index", "customer_index"]) -> Path:
    """Where an index lives (retrieval.build's folders, named here without creating them)."""
    return workspace.home / "index" / ("reviews" if index == "review_index" else "customers")


def _file_key(path: Path) -> Hashable:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _folder_key(folder: Path) -> Hashable:
    """The artifact.json of each subfolder, by name and modification: new or rewritten scores
    or models change it."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return ()
    return tuple((e.name, _file_key(Path(e.path) / ARTIFACT)) for e in entries)
