"""The HTML evaluation report: self-contained, escaped, four plots."""

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from predictors.metrics import calibration_curve, gain_curve
from predictors.report import FrequencyCurve, ReportCurves, TrackingCurve, write_report

EVIL = "<script>alert(1)</script>"
MODELS: dict[str, dict[str, float | None]] = {
    "BG/NBD": {"mae": 1.25, "auc": 0.71, "gini": None, "spend_rmse": 1234.5},
    "Pareto/NBD": {"mae": 1.5, "auc": 0.74, "gini": 0.42, "spend_rmse": 1500.0},
    EVIL: {"mae": 2.0, "auc": None, "gini": 0.3, "spend_rmse": 999.0, "custom": 3.0},
}


def _curves() -> ReportCurves:
    rng = np.random.default_rng(1)
    y = rng.random(200) < 0.4
    spend = rng.lognormal(3, 1, 200) * y
    names = list(MODELS)
    weeks = [date(2024, 1, 1) + timedelta(weeks=w) for w in range(10)]
    actual_cum = np.cumsum(rng.poisson(20, 10)).astype(float)
    return ReportCurves(
        calibration={
            n: calibration_curve(y, np.clip(y * 0.5 + rng.random(200) * 0.5, 0, 1)) for n in names
        },
        gain={n: gain_curve(spend, spend + rng.normal(0, 20, 200)) for n in names},
        frequency=FrequencyCurve(
            labels=[*map(str, range(7)), "7+"],
            actual=list(np.linspace(0.1, 3, 8)),
            predicted={n: list(np.linspace(0.2, 2.8, 8) + i * 0.1) for i, n in enumerate(names)},
        ),
        tracking=TrackingCurve(
            x=weeks,
            actual=actual_cum,
            predicted={n: actual_cum * (1 + 0.05 * i) for i, n in enumerate(names)},
            x_label="week starting",
        ),
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "nested" / "report.html"
    out = write_report(
        path,
        title="Holdout <evaluation>",
        split={"calibration": "2024-01-01 to 2024-06-30", "holdout": "2024-07-01 to 2024-09-30"},
        models=MODELS,
        curves=_curves(),
    )
    assert out == path
    return path.read_text(encoding="utf-8")


def test_report_has_four_embedded_plots_with_alt_text(page: str) -> None:
    imgs = re.findall(r"<img [^>]*>", page)
    assert len(imgs) == 4
    for img in imgs:
        assert 'src="data:image/png;base64,' in img
        assert re.search(r'alt="[^"]+"', img)


def test_report_is_self_contained(page: str) -> None:
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert "<link" not in page


def test_report_escapes_names_and_title(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Holdout &lt;evaluation&gt;" in page


def test_table_lists_every_model_and_metric(page: str) -> None:
    table = page[page.index("<table>") : page.index("</table>")]
    for name in ("BG/NBD", "Pareto/NBD", "&lt;script&gt;alert(1)&lt;/script&gt;"):
        assert f'<th scope="col">{name}</th>' in table
    for metric in ("mae", "auc", "gini", "spend_rmse", "custom"):
        assert f'<th scope="row">{metric}</th>' in table
    assert "2024-07-01 to 2024-09-30" in page


def _row(page: str, metric: str) -> str:
    match = re.search(rf'<tr><th scope="row">{metric}</th>(.*?)</tr>', page)
    assert match is not None
    return match.group(1)


def test_best_value_per_row_is_bold(page: str) -> None:
    assert _row(page, "mae") == "<td><strong>1.25</strong></td><td>1.5</td><td>2</td>"
    assert _row(page, "auc") == "<td>0.71</td><td><strong>0.74</strong></td><td>—</td>"
    assert _row(page, "gini") == "<td>—</td><td><strong>0.42</strong></td><td>0.3</td>"
    # A prefixed name takes the direction of its suffix; big values get separators.
    assert _row(page, "spend_rmse") == ("<td>1,234</td><td>1,500</td><td><strong>999</strong></td>")
    # Unknown metric: no direction, no bold; missing values show a dash.
    assert _row(page, "custom") == "<td>—</td><td>—</td><td>3</td>"


def test_empty_curves_still_give_four_plots(tmp_path: Path) -> None:
    text = write_report(
        tmp_path / "r.html", "t", {}, {"only": {"mae": 1.0}}, ReportCurves()
    ).read_text(encoding="utf-8")
    assert text.count("<img ") == 4
    assert "<strong>" not in text  # a lone value is nobody's best


def test_week_numbers_work_as_tracking_x(tmp_path: Path) -> None:
    curves = ReportCurves(
        tracking=TrackingCurve(x=[1, 2, 3], actual=[5.0, 9.0, 14.0], predicted={"m": [5, 10, 15]})
    )
    path = write_report(tmp_path / "r.html", "t", {}, {"m": {"mae": 1.0}}, curves)
    assert path.read_text(encoding="utf-8").count("<img ") == 4


def test_no_models_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="models is empty"):
        write_report(tmp_path / "r.html", "t", {}, {}, ReportCurves())


def test_curve_lengths_are_checked() -> None:
    with pytest.raises(ValueError, match="expected 2"):
        FrequencyCurve(labels=["0", "1"], actual=[1.0, 2.0], predicted={"m": [1.0]})
    with pytest.raises(ValueError, match="expected 3"):
        TrackingCurve(x=[1, 2, 3], actual=[1.0, 2.0])
    with pytest.raises(ValueError, match="gain curve"):
        ReportCurves(gain={"m": (np.zeros(3), np.zeros(2))})


def test_import_leaves_matplotlib_alone() -> None:
    code = "import sys, predictors.report; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
