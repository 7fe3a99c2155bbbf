"""What an application of events puts back when it fails, and how its attempt is named.

An error while applying (not a crash) ends the application: the store goes back to the version
it started from and the model's scores with it, so the store and the log agree about what was
applied (see apply.py). Errors of the machine rather than of the events leave them pending.
"""

import logging
import uuid
from dataclasses import dataclass

import pandas as pd
import torch
from sqlalchemy.exc import SQLAlchemyError

from commerce.errors import Unavailable
from commerce.workspace import Store, Workspace
from predictors.pipeline import save_scores

logger = logging.getLogger("retain.events")
# Errors of the machine, not of the events: the events stay pending and are tried again.
MACHINE_ERRORS = (OSError, MemoryError, SQLAlchemyError, Unavailable, torch.cuda.OutOfMemoryError)


@dataclass
class Changes:
    """What an application changed beyond the store, to put back if it fails."""

    base: str | None = None  # the store version it started from, once known
    scores: tuple[str, pd.DataFrame] | None = None  # (model, the scores it started from)

    def undo(self, workspace: Workspace) -> None:
        """Put the store back to `base` when the application grew it (one step: the grown
        version's parent), and the model's scores with it."""
        base, store = self.base, workspace.store()
        if base is None:  # it failed before it read the store
            return
        if store.version != base and store.manifest.parent == base:
            # The folder of `base` is still there (a replaced version is kept a while):
            # writing its own manifest again points the store back at it.
            workspace.write_store({}, Store(workspace.stores_dir / base).manifest)
            workspace.abandon(store.version)  # pruned first, not one of the versions kept
            logger.info("store put back from %s to %s", store.version, base)
        if self.scores is not None:
            model, scores = self.scores
            save_scores(workspace, model, scores, base)


def attempt_token(base: str) -> str:
    """An application's token: random, and naming the store version it starts from (the
    events' column holds 32 characters; versions have 12)."""
    return f"{uuid.uuid4().hex[:19]}@{base[:12]}"


def base_of(attempt: str) -> str | None:
    """The store version an application started from (None for a token without one)."""
    return attempt.partition("@")[2] or None
