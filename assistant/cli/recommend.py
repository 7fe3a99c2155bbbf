"""`retain recommend CUSTOMER_ID`: the products a customer is likely to buy next, with reasons.

It runs the chat's recommend_products tool (so the purchase probability from the scores and
the segment for cold start are used the same way), as an admin, with no chat model.
"""

from typing import Annotated, NoReturn

import typer
from rich.table import Table
from rich.text import Text

from assistant.cli.console import command_settings, fail, literal, out, print_json
from assistant.tools.base import ToolContext
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import RetainError, Unavailable
from commerce.workspace import Workspace


def recommend_command(
    customer_id: Annotated[str, typer.Argument(help="The customer to recommend products to")],
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many products")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts")] = False,
) -> None:
    """Products this customer is most likely to buy next, best first, each with its reason."""
    settings = command_settings()
    ctx = ToolContext(
        settings=settings,
        role="admin",
        data=StoreData(Workspace(settings.home), settings),
        chat_model=_no_model,
        embedder=_no_model,
    )
    try:
        found = run_tool(ctx, "recommend_products", {"customer_id": customer_id, "k": k})
    except RetainError as error:
        fail(error)
    rows = found.result["rows"]
    if as_json:
        print_json(found.result)
        return
    table = Table(title=f"Recommended for {literal(found.result['customer_id'])}")
    for column in ("#", "product", "title", "category", "chance", "why"):
        table.add_column(column)
    for rank, row in enumerate(rows, start=1):
        table.add_row(
            str(rank), Text(str(row["product_id"])), Text(str(row.get("title") or "")),
            Text(str(row.get("category") or "")), f"{row['score']:.3%}",
            Text("; ".join(row["reasons"][:1])),
        )  # fmt: skip
    out.print(table)
    if not rows:
        out.print(Text(found.answer))


def _no_model() -> NoReturn:
    raise Unavailable("recommendations need no language model or embedder")
