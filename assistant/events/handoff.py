"""The hand-off of each applied batch to the listeners (the alert rules), made durable: a batch
they did not finish hearing of (the process died after its events were marked applied, or a
listener failed) is rebuilt and told again, so its alerts are raised late rather than never.

    keep(workspace, application, before, after) -> files   links to the batch's scores files
    record(application, batch, files) -> row   written with the mark (log.mark_applied)
    owed(db)                        batches whose listeners did not finish, oldest first
    rebuild(workspace, row)         the AppliedBatch again, from its row and kept files
    told(db, workspace, application)   done: marked, its files deleted, old rows pruned
    drop(db, workspace, row, reason)   one never to be told: logged by name, done
    failed(db, workspace, application)  a listener failed; dropped at MAX_TELLS failures
    sweep(workspace, owed)          kept files no owed batch names (a told one's, a dead try's)

Why the scores are kept files and not "the current scores, when nothing newer was applied
since": a listener may fail for a while (the database locked for minutes) while later batches
are applied, and a batch that could be rebuilt only until the next application would then be
lost. A hard link costs a directory entry while those scores are current (scores files are
replaced by rename, never written in place, so a link keeps the version it was made from), and
one scores file's space for as long as the batch stays owed; where links are not possible the
file is copied. The row holds what is small: event ids and the customers scored (at most
RETAIN_EVENTS_APPLY_MAX; none on a full re-score, which scored everyone in the scores after)
and the new reviews with their sentiment.
"""

import logging
import os
import shutil
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from assistant.events.batch import REVIEW_COLUMNS, AppliedBatch
from assistant.jsonable import jsonable
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import AppliedBatchRow, utc_now
from commerce.workspace import Workspace

logger = logging.getLogger("retain.events")
KEEP_TOLD = 100  # told batches kept in the table, newest first (what happened lately)
# Failed tells before a batch is dropped: a database down for a while is outlasted (one try per
# application or start), and a listener that fails on this batch for good (a bug its data
# finds) does not keep a scores file per owed batch on disk for ever.
MAX_TELLS = 5
FOLDER = ("events", "batches")  # under RETAIN_HOME: one folder per owed batch, its application


def batches_folder(workspace: Workspace) -> Path:
    """Where owed batches keep their scores files (RETAIN_HOME/events/batches)."""
    return workspace.home.joinpath(*FOLDER)


def keep(
    workspace: Workspace, application: str, before: Path | None, after: Path | None
) -> dict[str, str]:
    """Link the scores files a batch read its tables from (None: no scores) into its folder;
    returns {"scores_before": name, "scores_after": name} for those there were. Only an
    OSError can come out (a full disk): the events stay pending, as for any machine error."""
    folder = batches_folder(workspace) / application
    shutil.rmtree(folder, ignore_errors=True)  # a first try of this application that died
    folder.mkdir(parents=True)
    files: dict[str, str] = {}
    linked: dict[Path, str] = {}
    for role, source in (("scores_after", after), ("scores_before", before)):
        if source is None:
            continue
        if source not in linked:  # unchanged scores: one file serves as both
            linked[source] = f"{role}.parquet"
            _link(source, folder / linked[source])
        files[role] = linked[source]
    return files


def record(application: str, batch: AppliedBatch, files: dict[str, str]) -> AppliedBatchRow:
    """The row that makes `batch` owed to the listeners until they finish with it."""
    return AppliedBatchRow(
        application=application,
        store_version=batch.store_version,
        previous_version=batch.previous_version,
        event_ids=jsonable(batch.event_ids),
        customers=[] if batch.full_rescore else jsonable(batch.customers),
        full_rescore=batch.full_rescore,
        failed=jsonable(batch.failed),
        reviews=jsonable(batch.reviews[REVIEW_COLUMNS].to_dict("records")),
        files=files,
        applied_at=batch.applied_at,
    )


def owed(db: AppDatabase) -> list[AppliedBatchRow]:
    """The batches whose listeners did not finish with them, oldest first."""
    query = select(AppliedBatchRow).where(AppliedBatchRow.told_at.is_(None))
    with db.read_session() as session:
        return list(session.scalars(query.order_by(AppliedBatchRow.id)))


def owed_count(db: AppDatabase) -> int:
    """How many batches the listeners are owed."""
    query = select(func.count()).where(AppliedBatchRow.told_at.is_(None))
    with db.read_session() as session:
        return int(session.scalar(query) or 0)


def rebuild(workspace: Workspace, row: AppliedBatchRow) -> AppliedBatch:
    """The batch as its listeners were first to get it. OSError (FileNotFoundError: its kept
    files are gone) or a parquet error when it cannot be rebuilt."""
    folder = batches_folder(workspace) / row.application
    after = _scores(folder, row.files.get("scores_after"))
    reviews = pd.DataFrame(row.reviews, columns=REVIEW_COLUMNS)
    reviews["ts"] = pd.to_datetime(reviews["ts"])
    return AppliedBatch(
        store_version=row.store_version,
        previous_version=row.previous_version,
        event_ids=list(row.event_ids),
        customers=after["customer_id"].tolist() if row.full_rescore else list(row.customers),
        scores_before=_scores(folder, row.files.get("scores_before")),
        scores_after=after,
        reviews=reviews,
        full_rescore=row.full_rescore,
        applied_at=row.applied_at,
        failed=dict(row.failed),
        handoff=row.application,
    )


def told(db: AppDatabase, workspace: Workspace, application: str) -> None:
    """Every listener finished with the batch: mark it told, prune, delete its kept files."""
    _finish(db, application, None)
    _remove(batches_folder(workspace) / application)


def unbuildable(error: Exception) -> str:
    """Why a batch is dropped when its rebuild failed with `error`."""
    return f"cannot be rebuilt: {type(error).__name__}: {error}"


def drop(db: AppDatabase, workspace: Workspace, row: AppliedBatchRow, reason: str) -> None:
    """A batch the listeners will never hear of (`reason`: it cannot be rebuilt, or they failed
    on it MAX_TELLS times): marked done with why, and logged as an error naming it (unless
    another process told it meanwhile, and deleted its files as it finished)."""
    if _finish(db, row.application, reason):
        logger.error(
            "the listeners never heard of batch %s (store %s from %s, %d events, applied %s): "
            "%s; its alerts are not raised",
            row.application, row.store_version, row.previous_version, len(row.event_ids),
            row.applied_at.isoformat(), reason,
            extra={"application": row.application, "store_version": row.store_version},
        )  # fmt: skip
    _remove(batches_folder(workspace) / row.application)


def failed(db: AppDatabase, workspace: Workspace, application: str) -> None:
    """A listener failed on the batch: count it, and drop the batch at MAX_TELLS failures."""
    with db.session() as session:
        row = session.scalar(
            update(AppliedBatchRow)
            .where(AppliedBatchRow.application == application, AppliedBatchRow.told_at.is_(None))
            .values(tells_failed=AppliedBatchRow.tells_failed + 1)
            .returning(AppliedBatchRow)
            .execution_options(synchronize_session=False)
        )
        if row is None or row.tells_failed < MAX_TELLS:
            return
        session.expunge(row)
    drop(db, workspace, row, f"the listeners failed on it {MAX_TELLS} times")


def sweep(workspace: Workspace, owed_applications: set[str]) -> None:
    """Delete kept files no owed batch names: a told batch's whose process died before it
    deleted them, or those of an application that died before marking (its retry keeps them
    again). Call under the workspace lock, so no application is between keep and mark."""
    folder = batches_folder(workspace)
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name not in owed_applications:
            _remove(path)


def _finish(db: AppDatabase, application: str, error: str | None) -> bool:
    """Mark a batch done (told, or dropped with `error`) and prune old told ones; False when
    it was done already."""
    with db.session() as session:
        done = session.scalar(
            update(AppliedBatchRow)
            .where(AppliedBatchRow.application == application, AppliedBatchRow.told_at.is_(None))
            .values(told_at=utc_now(), error=error)
            .returning(AppliedBatchRow.id)
            .execution_options(synchronize_session=False)
        )
        _prune(session)
    return done is not None


def _prune(session: Session) -> None:
    """Keep the newest KEEP_TOLD done batches (owed ones are never pruned)."""
    done = AppliedBatchRow.told_at.is_not(None)
    oldest_kept = session.scalar(
        select(AppliedBatchRow.id).where(done).order_by(AppliedBatchRow.id.desc())
        .offset(KEEP_TOLD - 1).limit(1)
    )  # fmt: skip
    if oldest_kept is not None:
        session.execute(delete(AppliedBatchRow).where(done, AppliedBatchRow.id < oldest_kept))


def _scores(folder: Path, name: str | None) -> pd.DataFrame:
    if name is None:  # the workspace had no scores: the batch's tables were empty
        return pd.DataFrame(columns=["customer_id"])
    return pd.read_parquet(folder / name)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # no hard links on this file system (or across two): a copy
        shutil.copy2(source, target)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
