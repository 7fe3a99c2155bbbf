"""`retain search`, `retain similar`, `retain themes`: reviews found by meaning and filters,
customers who behave alike, and what negative reviews are about. Review text is printed as data
(review_text.py); `--segment` takes an RFM segment or cluster name (see `retain segments`).
"""

from typing import Annotated

import pandas as pd
import typer
from rich.table import Table
from rich.text import Text

from assistant.cli import retrieval_options
from assistant.cli.console import command_settings, fail, literal, out, print_json
from assistant.cli.retrieval_options import (
    CustomerOption,
    CustomersOption,
    JsonOption,
    SegmentOption,
    customer_ids,
    resolved,
)
from assistant.cli.review_text import excerpt, printable
from assistant.tools.indexes import customer_index
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace
from retrieval.build import open_review_index
from retrieval.filters import ReviewFilter
from retrieval.sentiment import LABELS, Label


def search_command(
    query: Annotated[
        str | None, typer.Argument(help="What to look for; omit for the latest")
    ] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=1000, help="How many reviews")] = 10,
    customer: CustomerOption = None,
    customers: CustomersOption = None,
    segment: SegmentOption = None,
    product: Annotated[list[str] | None, typer.Option(help="Product id (repeatable)")] = None,
    sentiment: Annotated[str | None, typer.Option(help="negative, neutral or positive")] = None,
    min_rating: Annotated[
        float | None, typer.Option(min=1, max=5, help="Lowest rating, 1-5")
    ] = None,
    max_rating: Annotated[
        float | None, typer.Option(min=1, max=5, help="Highest rating, 1-5")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD (inclusive)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Search reviews by meaning, filtered by customer, product, sentiment, rating and date."""
    try:
        where = ReviewFilter(
            customer_ids=customer_ids(customer, customers, segment),
            product_ids=product or None,
            sentiment=_label(sentiment),
            min_rating=min_rating,
            max_rating=max_rating,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
        )
        index = open_review_index(Workspace(command_settings().home))
        hits = index.search(query, retrieval_options.make_embedder(), k=k, where=where)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json([hit.to_dict() for hit in hits])
        return
    noun = "review" if len(hits) == 1 else "reviews"
    asked = f" for “{literal(printable(query))}”" if query else ""
    table = Table(title=f"{len(hits)} {noun}{asked}")
    for column in ("review", "customer", "date", "rating", "sentiment", "match", "text"):
        table.add_column(column)
    for hit in hits:
        table.add_row(
            Text(hit.review_id), Text(hit.customer_id), f"{hit.ts:%Y-%m-%d}",
            "—" if hit.rating is None else f"{hit.rating:g}",
            f"{hit.sentiment_label} {hit.sentiment_score:+.2f}",
            "—" if hit.similarity is None else f"{hit.similarity:.2f}", excerpt(hit.text),
        )  # fmt: skip
    out.print(table)


def similar_command(
    customer_id: Annotated[str, typer.Argument(help="The customer to find lookalikes of")],
    k: Annotated[int, typer.Option("-k", min=1, max=1000, help="How many customers")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Customers who behave most like this one, and what each shares with them."""
    workspace = Workspace(command_settings().home)
    try:
        customer_id = resolved(workspace.store(), [customer_id]).pop()
        found = customer_index(workspace).similar(customer_id, k=k)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json([neighbour.to_dict() for neighbour in found])
        return
    table = Table(title=f"Customers like {literal(customer_id)}")
    for column in ("customer", "distance", "shared"):
        table.add_column(column)
    for neighbour in found:
        shared = "; ".join(trait.phrase() for trait in neighbour.shared)
        table.add_row(Text(neighbour.customer_id), f"{neighbour.distance:.2f}", Text(shared))
    out.print(table)


def themes_command(
    customer: CustomerOption = None,
    customers: CustomersOption = None,
    segment: SegmentOption = None,
    themes: Annotated[int | None, typer.Option(min=1, max=50, help="Number of themes")] = None,
    examples: Annotated[int, typer.Option(min=0, max=20, help="Examples per theme")] = 3,
    as_json: JsonOption = False,
) -> None:
    """What negative reviews are about: themes with counts and example reviews."""
    from retrieval.themes import complaint_themes

    try:
        who = customer_ids(customer, customers, segment)
        index = open_review_index(Workspace(command_settings().home))
        found = complaint_themes(index, customer_ids=who, themes=themes, examples=examples)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json([theme.to_dict() for theme in found])
        return
    if not found:
        out.print("No negative reviews match.")
    for theme in found:
        out.print(Text(f"{theme.name}: {theme.count:,} reviews ({theme.share:.0%})", "bold"))
        for hit in theme.examples:
            out.print(Text.assemble("  ", (hit.review_id, "dim"), " ", excerpt(hit.text)))


def _label(sentiment: str | None) -> Label | None:
    if sentiment is None:
        return None
    for label in LABELS:
        if sentiment == label:
            return label
    raise InvalidInput(f"--sentiment {sentiment}: expected {', '.join(LABELS)}")


def _day(value: str | None, option: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        return pd.Timestamp(value)
    except ValueError as error:
        raise InvalidInput(f"{option} {value}: not a date (use YYYY-MM-DD)") from error
