"""Scoring again after the store grew by events: the customers the events were about, or
everyone when the store's clock has moved far enough since everyone was last scored.

Only the affected customers' rows are read and their features computed (a customer's features
depend on their own history alone), at the store's cutoff (its last order day), and their rows
replace theirs in the model's scores; everyone else keeps their row. Each row carries the
cutoff it was scored at, so the oldest cutoff in the table is when everyone was last scored.
Time passing raises a quiet customer's risk without any event of theirs: that is what the full
re-score catches.

The scores an application started from are kept beside the new ones (scores.before.parquet, a
hard link), so an application that is run again after a crash starts from them too.
"""

import json
import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from commerce.workspace import Store, Workspace
from predictors.history import from_store
from predictors.pipeline import Horizons, check_model_store, save_scores, scores_folder
from predictors.predictor import Predictor
from predictors.scoring import score_customers, weeks

BEFORE_FILE = "scores.before.parquet"  # what the last application started from


@dataclass(frozen=True)
class Rescored:
    """What a re-score did: the model's scores before (None: it had none of this store's
    lineage) and after, who was scored, whether everyone was, and at which cutoff."""

    before: pd.DataFrame | None
    after: pd.DataFrame
    customers: list[str]
    full: bool
    cutoff: pd.Timestamp
    path: Path


def store_cutoff(store: Store) -> pd.Timestamp:
    """The day scores are computed at: the store's last order day (as `retain score` uses)."""
    return pd.Timestamp(store.manifest.last_order).normalize()


def model_scores(workspace: Workspace, model_version: str) -> pd.DataFrame | None:
    """A model's scores of the current store or a version it grew from; None when none."""
    folder = scores_folder(workspace, model_version)
    return None if folder is None else pd.read_parquet(folder / "scores.parquet")


def starting_scores(
    workspace: Workspace, model_version: str, application: str | None
) -> pd.DataFrame | None:
    """The scores an application starts from: the model's current ones, or, when this very
    application (same token) already saved its scores and then did not finish, the ones it
    started from, kept beside them (so what changed is still known when it runs again)."""
    folder = scores_folder(workspace, model_version)
    if folder is None:
        return None
    marker = json.loads((folder / "artifact.json").read_text())
    kept = folder / BEFORE_FILE
    if application is not None and marker.get("application") == application and kept.is_file():
        return pd.read_parquet(kept)
    if application is not None:
        _keep(folder)
    return pd.read_parquet(folder / "scores.parquet")


def _keep(folder: Path) -> None:
    """Keep the current scores as BEFORE_FILE: a hard link (the new scores are written to a new
    file and renamed over scores.parquet, so the link keeps the old ones)."""
    temporary = folder / f".{BEFORE_FILE}.tmp"
    temporary.unlink(missing_ok=True)
    try:
        os.link(folder / "scores.parquet", temporary)
    except OSError:  # no hard links here
        shutil.copy2(folder / "scores.parquet", temporary)
    os.replace(temporary, folder / BEFORE_FILE)


def rescore(
    workspace: Workspace,
    predictor: Predictor,
    document: dict[str, Any],
    folder: Path,
    customers: Collection[str],
    rescore_all_days: float,
    application: str | None = None,
) -> Rescored:
    """Score `customers` of the current store again (or everyone: see the module docstring)
    with the model saved in `folder`, and save the model's scores for this store version.

    `application`: a token of the events being applied (their ids); the scores this start
    from are kept beside the new ones under it, for a retry after a crash (starting_scores)."""
    store = workspace.store()
    check_model_store(document, folder, store)
    horizons = Horizons(**document["horizons"])
    cutoff = store_cutoff(store)
    before = starting_scores(workspace, folder.name, application)
    full = before is None or "cutoff" not in before.columns or before.empty
    if not full and before is not None:
        everyone_at = pd.Timestamp(pd.to_datetime(before["cutoff"]).min())
        full = cutoff - everyone_at >= pd.Timedelta(days=rescore_all_days)
    history = from_store(store) if full else from_store(store, customers)
    if not full and history.days.empty:
        # Nobody named has bought anything yet (a review or a visit alone): nothing to score.
        assert before is not None
        path = save_scores(workspace, folder.name, before, store.version, application=application)
        return Rescored(before, before, [], False, cutoff, path)
    fresh = score_customers(
        predictor, history, cutoff, weeks(horizons.churn_days), weeks(horizons.clv_days)
    )
    after = fresh if full or before is None else replace_rows(before, fresh)
    path = save_scores(workspace, folder.name, after, store.version, application=application)
    return Rescored(before, after, fresh["customer_id"].tolist(), full, cutoff, path)


def replace_rows(scores: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """`scores` with the rows of `fresh`'s customers replaced by theirs (new ones appended)."""
    kept = scores[~scores["customer_id"].isin(fresh["customer_id"])]
    return pd.concat([kept, fresh[scores.columns.intersection(fresh.columns)]], ignore_index=True)
