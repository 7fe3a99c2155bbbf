"""list_segments answers "which segment has the highest churn risk?" and "how many are in
'lost'?" in its text: every segment's size, mean churn risk and value at risk, riskiest first."""

import re

from assistant.tools.segments import list_segments
from tests.tools.conftest import MakeContext


def test_every_segment_is_said_with_its_size_and_risk_riskiest_first(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx()
    for by in ("segment", "cluster"):
        out = list_segments(ctx, by=by)
        rows = out.result["rows"]
        said = out.answer.split("Mean churn risk, highest first: ")[1].rstrip(".").split("; ")
        entry = re.compile(r"'(.+)' (\d+\.\d)% \(([\d,]+) customers?, \$([\d,.]+) at risk\)")
        named = [entry.fullmatch(each).groups() for each in said]  # type: ignore[union-attr]
        assert [name for name, *_ in named] == [
            r["name"] for r in sorted(rows, key=lambda r: (-r["avg_churn_risk"], r["name"]))
        ]
        by_name = {r["name"]: r for r in rows}
        for name, risk, size, at_risk in named:
            row = by_name[name]
            assert float(risk) == round(row["avg_churn_risk"] * 100, 1)
            assert int(size.replace(",", "")) == row["customers"]
            assert float(at_risk.replace(",", "")) == round(row["value_at_risk"], 2)
