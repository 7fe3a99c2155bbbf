"""`retain index build`, `retain search`, `retain similar`, `retain sentiment`, `retain themes`.

This file holds the `index` group: building the review and customer indexes and training the
recommender. search.py holds search, similar and themes; sentiment.py sentiment;
retrieval_options.py the options they share, the customers those name and the embedder;
review_text.py how review text is read from files and shown (as data: a review cannot restyle
or rewrite the terminal). `--segment` takes an RFM segment or cluster name (see
`retain segments`).
"""

from collections.abc import Callable
from typing import Annotated

import pandas as pd
import typer

from assistant.cli import retrieval_options
from assistant.cli.console import command_settings, err, fail, literal, out, print_json, say_waiting
from assistant.cli.retrieval_options import JsonOption
from assistant.cli.search import search_command as search_command
from assistant.cli.search import similar_command as similar_command
from assistant.cli.search import themes_command as themes_command
from assistant.cli.sentiment import sentiment_command as sentiment_command
from assistant.tools.data import StoreData
from assistant.tools.indexes import features_now
from commerce.errors import RetainError
from commerce.workspace import Workspace
from retrieval.artifact import read_artifact
from retrieval.build import build_review_index, save_customer_index
from retrieval.customers import CustomerIndex
from retrieval.recs.build import build_recommender, recommender_folder

app = typer.Typer(help="Build the review and customer indexes.", no_args_is_help=True)


@app.command("build")
def build_command(
    full: Annotated[bool, typer.Option("--full", help="Embed every review again")] = False,
    as_json: JsonOption = False,
) -> None:
    """Index the store's reviews (only new ones when an index exists) and its customers, and
    train the product recommender (unless the saved one is of this store version)."""
    workspace = Workspace(command_settings().home)

    def say(message: str) -> None:
        if not as_json:
            err.print(literal(message))

    try:
        with workspace.lock(say_waiting):
            summary = _build_indexes(workspace, full, as_json, say)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(summary)
        return
    reviews = summary["reviews"]
    if isinstance(reviews, dict):
        out.print(f"Reviews: {reviews['mode']} ({reviews['embedded']:,} embedded, "
                  f"{reviews['total']:,} indexed; {literal(reviews['reason'])})")  # fmt: skip
    out.print(f"Customers: {summary['customers']:,} indexed")
    out.print(f"Recommender: {summary['recommender']}")


def _build_indexes(
    workspace: Workspace, full: bool, as_json: bool, say: Callable[[str], None]
) -> dict[str, object]:
    """Build the review index, the customer index and the recommender; what each did."""
    store = workspace.store()
    summary: dict[str, object] = {"store_version": store.version}
    if store.has("reviews"):
        embedder = retrieval_options.make_embedder(progress=not as_json and err.is_terminal)
        result = build_review_index(workspace, embedder, full=full, progress=say)
        summary["reviews"] = result.to_dict()
    else:
        summary["reviews"] = None
        say("the store has no reviews table: only the customer index is built")
    say("indexing customers' behaviour")
    customers = CustomerIndex.build(_customer_features(workspace))
    save_customer_index(workspace, customers, store.version)
    summary["customers"] = len(customers.features)
    summary["recommender"] = _build_recommender(workspace, full, as_json, say)
    return summary


def _build_recommender(
    workspace: Workspace, full: bool, as_json: bool, say: Callable[[str], None]
) -> str:
    """Train the recommender unless the saved one is of this very store version (or there
    are no order items to learn from); say which."""
    store = workspace.store()
    if not store.has("order_items"):
        return "skipped (the store has no order_items table)"
    if not full:
        try:
            record = read_artifact(recommender_folder(workspace), "recommender")
            if record.get("store_version") == store.version:
                return "current (built from this store version)"
        except RetainError:
            pass  # none yet, or unreadable: train one
    settings = command_settings()
    segments: dict[str, str] | None = None
    try:  # cold-start customers get what is popular in their segment
        found_segments = StoreData(workspace, settings).segment_frame()["segment"]
        segments = {str(k): str(v) for k, v in found_segments.items()}
    except RetainError:
        pass  # no scores or segments yet: cold start falls back to store-wide popularity
    embedder = retrieval_options.make_embedder(progress=not as_json and err.is_terminal)
    found = build_recommender(
        workspace, embedder, seed=settings.recs_seed, segments=segments, progress=say
    )
    shape = found.interactions
    return f"trained ({shape.n_users:,} customers x {shape.n_items:,} products)"


def _customer_features(workspace: Workspace) -> pd.DataFrame:
    from predictors.history import from_store

    return features_now(from_store(workspace.store()))
