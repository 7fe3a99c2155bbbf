"""A single-file HTML evaluation report: metrics table plus four matplotlib plots.

The file must open offline, so everything is inline: CSS in a ``<style>`` block,
plots as base64 PNG ``data:`` URIs, the browser's own fonts.  matplotlib is imported
only when plotting and draws on an Agg canvas directly, so this module neither
imports it eagerly nor changes the pyplot backend of a caller (a notebook, say).
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from predictors.metrics import CalibrationPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FrequencyCurve", "ReportCurves", "TrackingCurve", "write_report"]

Values = Sequence[float] | npt.NDArray[np.float64]
XValues = Sequence[date] | Sequence[float] | npt.NDArray[Any]

# Metrics where higher or lower is better.  A metric name matches when it equals a
# key or ends with "_" + key, so prefixed names ("spend_rmse") work too; rows of
# other metrics get no bold.
HIGHER_IS_BETTER = frozenset({"auc", "corr", "gini", "spearman"})
LOWER_IS_BETTER = frozenset({"mae", "rmse", "brier", "ece", "mape", "tracking_error"})


def _check_lengths(what: str, expected: int, series: Mapping[str, Values]) -> None:
    for name, values in series.items():
        if len(values) != expected:
            raise ValueError(f"{what}: {name!r} has {len(values)} values, expected {expected}")


@dataclass(frozen=True)
class FrequencyCurve:
    """Mean holdout purchases by calibration-period frequency, actual and per model.

    Attributes:
        labels: x-axis groups, e.g. ``"0", "1", ..., "7+"``.
        actual: actual mean holdout purchases per group.
        predicted: per model name, predicted mean holdout purchases per group.
    """

    labels: Sequence[str] = ()
    actual: Values = ()
    predicted: Mapping[str, Values] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_lengths("frequency curve", len(self.labels), {"actual": self.actual})
        _check_lengths("frequency curve", len(self.labels), self.predicted)


@dataclass(frozen=True)
class TrackingCurve:
    """Cumulative repeat purchases over the holdout, actual and per model.

    Attributes:
        x: dates or week numbers.
        actual: actual cumulative total at each ``x``.
        predicted: per model name, predicted cumulative total at each ``x``.
        x_label: axis label for ``x``.
    """

    x: XValues = ()
    actual: Values = ()
    predicted: Mapping[str, Values] = field(default_factory=dict)
    x_label: str = "holdout week"

    def __post_init__(self) -> None:
        _check_lengths("tracking curve", len(self.x), {"actual": self.actual})
        _check_lengths("tracking curve", len(self.x), self.predicted)


@dataclass(frozen=True)
class ReportCurves:
    """The data behind the report's four plots; models missing from a plot are skipped.

    Attributes:
        calibration: per model, points from :func:`predictors.metrics.calibration_curve`.
        gain: per model, ``(share_of_customers, share_of_spend)`` from
            :func:`predictors.metrics.gain_curve`.
        frequency: mean holdout purchases by calibration-period frequency.
        tracking: cumulative holdout purchases over time.
    """

    calibration: Mapping[str, Sequence[CalibrationPoint]] = field(default_factory=dict)
    gain: Mapping[str, tuple[Values, Values]] = field(default_factory=dict)
    frequency: FrequencyCurve = field(default_factory=FrequencyCurve)
    tracking: TrackingCurve = field(default_factory=TrackingCurve)

    def __post_init__(self) -> None:
        for name, (x, y) in self.gain.items():
            if len(x) != len(y):
                raise ValueError(f"gain curve {name!r}: {len(x)} x values but {len(y)} y values")


_CSS = """
body { font-family: system-ui, sans-serif; color: #222; max-width: 1280px; margin: 1.5rem auto;
       padding: 0 1rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.split { color: #555; } .split span { margin-right: 1.5rem; white-space: nowrap; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .8rem; border-bottom: 1px solid #eee; } td { text-align: right; }
th[scope=row] { text-align: left; font-weight: normal; font-family: monospace; }
.note, figcaption { color: #666; font-size: .85rem; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
figure { margin: 0; } figure img { width: 100%; height: auto; }
"""


def _direction(metric: str) -> bool | None:
    """True if higher is better, False if lower is, None if unknown."""
    for keys, higher in ((HIGHER_IS_BETTER, True), (LOWER_IS_BETTER, False)):
        if any(metric == k or metric.endswith("_" + k) for k in keys):
            return higher
    return None


def _format(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _metrics_table(models: Mapping[str, Mapping[str, float | None]]) -> str:
    names = list(models)
    metrics = list(dict.fromkeys(m for scores in models.values() for m in scores))
    head = "".join(f'<th scope="col">{html.escape(n)}</th>' for n in names)
    rows = []
    for metric in metrics:
        values = [models[n].get(metric) for n in names]
        numeric = [v for v in values if v is not None and math.isfinite(v)]
        higher = _direction(metric)
        # Bolding the only value in a row would claim a win with nobody to beat.
        best = None
        if higher is not None and len(numeric) >= 2:
            best = max(numeric) if higher else min(numeric)
        cells = []
        for v in values:
            if v is None or math.isnan(v):
                cells.append("<td>—</td>")
            elif v == best:
                cells.append(f"<td><strong>{html.escape(_format(v))}</strong></td>")
            else:
                cells.append(f"<td>{html.escape(_format(v))}</td>")
        rows.append(f'<tr><th scope="row">{html.escape(metric)}</th>{"".join(cells)}</tr>')
    return (
        f'<table>\n<thead><tr><th scope="col">metric</th>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>"
    )


def _png(draw: Callable[[Axes], bool]) -> str:
    """Render one plot to a base64 PNG; ``draw`` returns False when it had no data."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.2), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)  # attaches itself to the figure: rendering is Agg, whatever pyplot uses
    ax = fig.add_subplot()
    if draw(ax):
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    else:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
    buf = io.BytesIO()
    # No "Software" metadata: the PNG then carries no URL or version string.
    fig.savefig(buf, format="png", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


# (caption, alt text) of the four plots, in the order they are drawn.
_CAPTIONS = (
    ("Calibration", "Observed rate against mean predicted probability, per probability bin"),
    ("Cumulative gain", "Share of actual spend captured by customers ranked by predicted spend"),
    ("Holdout purchases by frequency", "Mean holdout purchases by calibration-period frequency"),
    ("Cumulative tracking", "Actual and predicted cumulative repeat purchases in the holdout"),
)


def _plots(curves: ReportCurves, colour: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(caption, alt text, base64 PNG) for each of the four plots."""

    def calibration(ax: Axes) -> bool:
        ax.plot([0, 1], [0, 1], ls=":", color="grey", label="perfectly calibrated")
        for name, points in curves.calibration.items():
            xy = np.asarray(points, dtype=np.float64).reshape(-1, 3)
            ax.plot(xy[:, 0], xy[:, 1], marker="o", color=colour[name], label=name)
        ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="mean predicted probability", ylabel="observed")
        return bool(curves.calibration)

    def gain(ax: Axes) -> bool:
        ax.plot([0, 1], [0, 1], ls=":", color="grey", label="random ranking")
        for name, (x, y) in curves.gain.items():
            ax.plot(x, y, color=colour[name], label=name)
        ax.set(xlabel="share of customers, by predicted spend", ylabel="share of actual spend")
        return bool(curves.gain)

    def frequency(ax: Axes) -> bool:
        fc = curves.frequency
        if not fc.labels:
            return False
        pos = np.arange(len(fc.labels))
        ax.bar(pos, fc.actual, color="#cccccc", label="actual")
        for name, values in fc.predicted.items():
            ax.plot(pos, values, marker="o", color=colour[name], label=name)
        ax.set_xticks(pos, list(fc.labels))
        ax.set(xlabel="repeat purchases in calibration period", ylabel="mean purchases in holdout")
        return True

    def tracking(ax: Axes) -> bool:
        tc = curves.tracking
        if len(tc.x) == 0:
            return False
        # An object array of dates is plotted through matplotlib's date converter.
        x = np.asarray(tc.x)
        ax.plot(x, tc.actual, color="black", lw=2, label="actual")
        for name, values in tc.predicted.items():
            ax.plot(x, values, ls="--", color=colour[name], label=name)
        ax.set(xlabel=tc.x_label, ylabel="cumulative repeat purchases")
        ax.tick_params(axis="x", labelrotation=30)  # dates would otherwise overlap
        return True

    draws = (calibration, gain, frequency, tracking)
    return [(c, a, _png(d)) for (c, a), d in zip(_CAPTIONS, draws, strict=True)]


def write_report(
    path: Path,
    title: str,
    split: dict[str, str],
    models: dict[str, dict[str, float | None]],
    curves: ReportCurves,
) -> Path:
    """Write a self-contained HTML evaluation report and return its path.

    Args:
        path: the HTML file to write; parent folders are created.
        title: page title and heading.
        split: period name to its dates, e.g. ``{"calibration": "2023-01-01 to
            2023-12-31", "holdout": ...}``, shown under the heading.
        models: per model name, metric name to value (None when not available).
            Models become columns and metrics rows; the best value of each row of
            a known metric (``HIGHER_IS_BETTER``, ``LOWER_IS_BETTER``) is bold.
        curves: data for the calibration, gain, frequency and tracking plots.
    """
    if not models:
        raise ValueError("models is empty: nothing to report")
    c = curves
    plotted = (c.calibration, c.gain, c.frequency.predicted, c.tracking.predicted)
    names = list(dict.fromkeys([*models, *(n for m in plotted for n in m)]))
    # "C0".."C9" are matplotlib's default cycle; fixing one per model keeps its
    # colour the same in all four plots.
    colour = {name: f"C{i % 10}" for i, name in enumerate(names)}
    split_html = "".join(
        f"<span><b>{html.escape(k)}</b>: {html.escape(v)}</span>" for k, v in split.items()
    )
    figures = "\n".join(
        f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        for caption, alt, png in _plots(curves, colour)
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p class="split">{split_html}</p>
<h2>Metrics</h2>
{_metrics_table(models)}
<p class="note">Bold: best value in the row. —: not available.</p>
<h2>Plots</h2>
<div class="plots">
{figures}
</div>
</body>
</html>
"""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
