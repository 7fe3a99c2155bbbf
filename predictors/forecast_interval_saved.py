"""The whole store's forecast interval for the usual horizons, calibrated by `retain score` and
saved beside the scores, so the first "how many orders next month?" after a new store version
does not wait seconds for the replay of past windows (forecast_interval.py).

The file (scores/<model>/forecast_calibration.json) is used only when it describes exactly
the history being forecast: the store version (a digest of the store's data), the history's
last day and number of purchase days (the cutoff, and a check that the history in hand is of
that version), the horizon, and the replay's recipe (`RECIPE`). Anything else is stale (events
grew the store, a re-ingest, a recipe changed): the caller replays the past as before. A file
that cannot be read is said in the log and replayed past too; it never stops a forecast.
`retain score --if-missing` tells a stale file from two columns of orders (`store_tag`), not
from the whole history, which it reads only to replay.
"""

import json
import logging
import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from commerce.workspace import Store, Workspace
from predictors.forecast_interval import (
    DEFAULT_SPREAD,
    MIN_WINDOWS,
    REPLAY_VERSION,
    WINDOWS,
    Calibration,
    past_calibration,
)
from predictors.history import History, from_store, purchase_days_of
from predictors.pipeline import scores_folder

log = logging.getLogger(__name__)
FILE = "forecast_calibration.json"
USUAL_HORIZON_DAYS = (30, 90)  # "next month", "next quarter": what the server warms too
# What the replay's numbers depend on besides the history: a file of another recipe is stale.
RECIPE = {
    "replay_version": REPLAY_VERSION,
    "windows": WINDOWS,
    "min_windows": MIN_WINDOWS,
    "default_spread": DEFAULT_SPREAD,
}


def history_tag(store_version: str, history: History) -> dict[str, Any]:
    """What a saved calibration must match to be used for this history."""
    return _tag(store_version, history.last_day, len(history.days))


def store_tag(store: Store) -> dict[str, Any]:
    """`history_tag` of the store's whole history, from two columns of orders: whether the
    saved file is stale is told without reading the history."""
    return _tag(store.version, *purchase_days_of(store))


def _tag(store_version: str, last_day: pd.Timestamp, purchase_days: int) -> dict[str, Any]:
    return {
        "store_version": store_version,
        "last_day": f"{last_day:%Y-%m-%d}",
        "purchase_days": purchase_days,
        "recipe": RECIPE,
    }


def save_usual_calibrations(
    folder: Path,
    store_version: str,
    history: History,
    days: Iterable[int] = USUAL_HORIZON_DAYS,
) -> Path:
    """Replay the past for each horizon (whole store, cutoff the history's last day) and write
    the calibrations to `folder`/FILE in one rename."""
    horizons = {str(d): _as_json(past_calibration(history, history.last_day, d / 7)) for d in days}
    document = history_tag(store_version, history) | {"horizons": horizons}
    path = folder / FILE
    temporary = folder / f".{FILE}.tmp"
    temporary.write_text(json.dumps(document, indent=2))
    os.replace(temporary, path)
    return path


def calibrate_for_scores(
    workspace: Workspace,
    progress: Callable[[str], None],
    only_if_stale: bool = False,
    history: History | None = None,
) -> Path | None:
    """Save the usual horizons' calibrations of the current store beside its scores (what
    `retain score` runs after scoring); `progress` is told the step. `only_if_stale`: None,
    and nothing replayed, when those saved already match the store (told without reading its
    history). None as well when the store has no scores. `history`: the current store's, when
    the caller has read it already (read once per command: it takes about a second)."""
    folder = scores_folder(workspace)
    if folder is None:
        return None
    store = workspace.store()
    if only_if_stale:
        tag = store_tag(store)
        if all(_saved(folder / FILE, tag, d) is not None for d in USUAL_HORIZON_DAYS):
            return None
    said = " and ".join(str(d) for d in USUAL_HORIZON_DAYS)
    progress(f"replaying past windows for the forecast interval ({said} days)")
    return save_usual_calibrations(
        folder, store.version, from_store(store) if history is None else history
    )


def saved_calibration(
    workspace: Workspace, store_version: str, history: History, days: int
) -> Calibration | None:
    """The whole store's calibration for `days` as `retain score` saved it, or None when there
    is none for exactly this history and recipe (the caller then replays the past)."""
    folder = scores_folder(workspace)
    if folder is None:
        return None
    return _saved(folder / FILE, history_tag(store_version, history), days)


def _saved(path: Path, wanted: dict[str, Any], days: int) -> Calibration | None:
    """The calibration for `days` in the file at `path` when its tag is `wanted`, else None."""
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_text())
        tag = {name: document[name] for name in ("store_version", "last_day", "purchase_days")}
        tag["recipe"] = document["recipe"]
        if tag != wanted:
            log.info(
                "%s was calibrated for store %s to %s; the store is %s to %s: replaying the past",
                path,
                tag["store_version"],
                tag["last_day"],
                wanted["store_version"],
                wanted["last_day"],
            )
            return None
        saved = document["horizons"].get(str(days))
        return None if saved is None else _from_json(saved)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning(
            "%s cannot be read (%s: %s): ignoring it and replaying the past; `retain score` "
            "writes it again",
            path,
            type(error).__name__,
            error,
        )
        return None


def _as_json(calibration: Calibration) -> dict[str, Any]:
    spread = calibration.spread
    return {
        "spread": None if math.isnan(spread) else spread,  # JSON has no NaN: null is "none"
        "windows": calibration.windows,
        "empty_windows": calibration.empty_windows,
        "reason": calibration.reason,
        "unmeasured": calibration.unmeasured,
    }


def _from_json(saved: dict[str, Any]) -> Calibration:
    """The saved calibration, its fields checked (a wrong type is a corrupt file)."""
    spread, windows = saved["spread"], saved["windows"]
    reason, unmeasured = saved["reason"], saved["unmeasured"]
    if spread is not None and not isinstance(spread, int | float):
        raise TypeError(f"spread {spread!r} is not a number")
    if not isinstance(windows, int) or not isinstance(saved["empty_windows"], int):
        raise TypeError(f"windows {windows!r} is not a whole number")
    if not isinstance(unmeasured, str) or not (reason is None or isinstance(reason, str)):
        raise TypeError("reason and unmeasured must be text")
    if (spread is None) != (reason is not None):
        raise ValueError("a spread is null exactly when there is a reason for no interval")
    return Calibration(
        float("nan") if spread is None else float(spread),
        windows,
        saved["empty_windows"],
        reason,
        unmeasured,
    )
