"""`retain segments` and `retain segments show NAME`: who the customers are, in groups."""

from typing import Annotated, Any, Literal

import typer
from rich.table import Table

from assistant.cli import draft
from assistant.cli.console import command_settings, fail, literal, out, print_json, steps
from assistant.drafting import gather_segment_facts
from assistant.tools.segments import find_segment
from commerce.errors import NotFound, RetainError
from commerce.workspace import Workspace
from predictors.history import from_store
from predictors.pipeline import latest_scores
from predictors.segment_facts import customer_segments, empty_segment, segment_table

app = typer.Typer(help="Customer segments: RFM groups and behaviour clusters, with their facts.")
Grouping = Literal["segment", "cluster"]


def _table(by: str) -> list[dict[str, Any]]:
    workspace = Workspace(command_settings().home)
    history = from_store(workspace.store())
    segments = customer_segments(history, history.last_day)
    return segment_table(segments, latest_scores(workspace), history, by=by)


@app.callback(invoke_without_command=True)
def list_command(
    context: typer.Context,
    by: Annotated[str, typer.Option(help="segment (RFM rules) or cluster (k-means)")] = "segment",
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """List segments with size, share of revenue, and (once scored) value and risk."""
    if context.invoked_subcommand is not None:
        return
    if by not in ("segment", "cluster"):
        fail(NotFound(f"--by {by}: expected segment or cluster"))
    try:
        with steps("Segmenting", enabled=not as_json):
            rows = _table(by)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(rows)
        return
    table = Table(title="Segments" if by == "segment" else "Behaviour clusters")
    cells = [
        [
            literal(row["name"]),
            f"{row['customers']:,}",
            f"{row['share_of_revenue']:.1%}",
            f"{row['avg_clv']:,.2f}" if "avg_clv" in row else "—",
            f"{row['avg_churn_risk']:.0%}" if "avg_churn_risk" in row else "—",
            f"{row['value_at_risk']:,.2f}" if "value_at_risk" in row else "—",
            literal(", ".join(row["top_categories"])),
        ]
        for row in rows
    ]
    # Headers on two lines, so the numbers fit an 80-column terminal beside the names.
    headers = (
        "name",
        "customers",
        "revenue\nshare",
        "avg\nCLV",
        "avg churn\nrisk",
        "value\nat risk",
    )
    for index, column in enumerate(headers):
        # A narrow terminal squeezes the words, never a number: "286,525.…" would be wrong.
        if index == 0:
            table.add_column(column)
            continue
        widest = max((len(line[index]) for line in cells), default=1)
        table.add_column(column, justify="right", no_wrap=True, min_width=widest)
    table.add_column("top\ncategory", ratio=1)
    for line in cells:
        table.add_row(*line)
    out.print(table)
    if "avg_clv" not in rows[0]:
        out.print("Run `retain train` and `retain score` to add predicted value and risk.")


@app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="A segment or cluster name, e.g. 'at risk'")],
    summary: Annotated[
        bool, typer.Option("--summary", help="Also write a summary with the LLM (verified)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """The facts of one segment or cluster, complaint themes when the review index is current,
    and with --summary a written summary (the same as `retain draft segment NAME`)."""
    try:
        facts = dict(find_segment(_table("segment") + _table("cluster"), name))
        if facts["customers"] == 0:
            # No members: no themes, nothing a summary could say but that.
            if as_json:
                print_json(facts)
            else:
                out.print(f"{empty_segment(facts['name'])}: {facts['description']}.")
            return
        if "avg_clv" in facts:
            workspace = Workspace(command_settings().home)
            facts["themes"] = list(gather_segment_facts(workspace, name).themes)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(facts)
    else:
        for key, value in facts.items():
            out.print(f"{key:>20}: {literal(value)}")
    if summary:
        draft.segment_command(name, as_json=as_json)
