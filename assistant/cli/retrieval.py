"""`retain index build`, `retain search`, `retain similar`, `retain sentiment`, `retain themes`.

Review text is shown as data: control characters are replaced and rich markup is not
interpreted, so a review cannot restyle or rewrite the terminal; `--json` prints it verbatim
(JSON-escaped). `--segment` takes an RFM segment or cluster name (see `retain segments`).
"""

import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table
from rich.text import Text

from assistant.cli.console import command_settings, err, fail, literal, out, print_json, say_waiting
from assistant.settings import Settings
from assistant.tools.data import StoreData
from assistant.tools.indexes import customer_index, features_now
from assistant.tools.lookups import Customers
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Store, Workspace
from retrieval.artifact import read_artifact
from retrieval.build import build_review_index, open_review_index, save_customer_index
from retrieval.customers import CustomerIndex
from retrieval.embedder import Embedder, MiniLMEmbedder
from retrieval.filters import ReviewFilter
from retrieval.recs.build import build_recommender, recommender_folder
from retrieval.sentiment import LABELS, Label, Sentiment, analyse, analyse_one

app = typer.Typer(help="Build the review and customer indexes.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts")]
SegmentOption = Annotated[
    str | None, typer.Option(help="Only customers of this segment or cluster (see retain segments)")
]
CustomersOption = Annotated[
    Path | None, typer.Option(dir_okay=False, help="File of customer ids, one a line")
]
CustomerOption = Annotated[
    list[str] | None, typer.Option("--customer", help="Customer id (repeatable)")
]
EXCERPT = 160


def make_embedder(progress: bool = False) -> Embedder:
    """The embedder every command uses (tests replace this function with a fake)."""
    return MiniLMEmbedder(device=command_settings().device, progress=progress)


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
        embedder = make_embedder(progress=not as_json and err.is_terminal)
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
    embedder = make_embedder(progress=not as_json and err.is_terminal)
    found = build_recommender(
        workspace, embedder, seed=settings.recs_seed, segments=segments, progress=say
    )
    shape = found.interactions
    return f"trained ({shape.n_users:,} customers x {shape.n_items:,} products)"


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
            customer_ids=_customer_ids(customer, customers, segment),
            product_ids=product or None,
            sentiment=_label(sentiment),
            min_rating=min_rating,
            max_rating=max_rating,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
        )
        index = open_review_index(Workspace(command_settings().home))
        hits = index.search(query, make_embedder(), k=k, where=where)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json([hit.to_dict() for hit in hits])
        return
    noun = "review" if len(hits) == 1 else "reviews"
    asked = f" for “{literal(_shown(query))}”" if query else ""
    table = Table(title=f"{len(hits)} {noun}{asked}")
    for column in ("review", "customer", "date", "rating", "sentiment", "match", "text"):
        table.add_column(column)
    for hit in hits:
        table.add_row(
            Text(hit.review_id), Text(hit.customer_id), f"{hit.ts:%Y-%m-%d}",
            "—" if hit.rating is None else f"{hit.rating:g}",
            f"{hit.sentiment_label} {hit.sentiment_score:+.2f}",
            "—" if hit.similarity is None else f"{hit.similarity:.2f}", _excerpt(hit.text),
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
        customer_id = _resolved(workspace.store(), [customer_id]).pop()
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


def sentiment_command(
    text: Annotated[str | None, typer.Option(help="One text to score")] = None,
    file: Annotated[
        Path | None, typer.Option(dir_okay=False, help="UTF-8 file: one text a line")
    ] = None,
    replace_invalid: Annotated[
        bool, typer.Option(help="Replace bytes that are not UTF-8 instead of refusing the file")
    ] = False,
    second_opinion: Annotated[
        bool, typer.Option(help="Also ask the LLM (single --text only; needs the LLM layer)")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON; with --file, one object a line, in input order")
    ] = False,
) -> None:
    """Sentiment of a text or of each line of a file: a score in [-1, 1] and a label."""
    try:
        if (text is None) == (file is None):
            raise InvalidInput("give exactly one of --text TEXT or --file FILE")
        if second_opinion and file is not None:
            raise InvalidInput("--second-opinion takes a single --text, not a --file")
        embedder = make_embedder()
        if text is not None:
            opinion = llm_opinion(command_settings()) if second_opinion else None
            results = [analyse_one(text, embedder, second_opinion=opinion)]
        else:
            assert file is not None
            results = analyse(read_lines(file, replace_invalid), embedder)
    except RetainError as error:
        fail(error)
    if as_json and file is not None:
        sys.stdout.writelines(json.dumps(r.to_dict()) + "\n" for r in results)
    elif as_json:
        print_json(results[0].to_dict())
    else:
        _show_sentiments(results)


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
        who = _customer_ids(customer, customers, segment)
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
            out.print(Text.assemble("  ", (hit.review_id, "dim"), " ", _excerpt(hit.text)))


def llm_opinion(settings: Settings) -> Callable[[str], str]:
    """The configured chat model's one-line verdict on a text (the text goes in as quoted data;
    Retain's own score is computed separately and never changed by it)."""
    from assistant.llm.base import complete
    from assistant.llm.factory import LLMConfig, load_from_config
    from prompts import render

    model = load_from_config(LLMConfig.from_settings(settings), settings.home)

    def opinion(text: str) -> str:
        prompt = render("sentiment_opinion", {"text": text})
        answer = complete(model, prompt.messages(), max_new_tokens=40, temperature=0.0)
        return answer.strip().splitlines()[0] if answer.strip() else ""

    return opinion


def read_lines(path: Path, replace_invalid: bool = False) -> list[str]:
    """The file's lines (no line ends, a UTF-8 BOM dropped); InvalidInput naming the first line
    that is not UTF-8, unless `replace_invalid` puts U+FFFD in place of its bad bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from error
    lines = data.removeprefix(b"\xef\xbb\xbf").splitlines()
    texts = []
    for number, line in enumerate(lines, start=1):
        try:
            texts.append(line.decode("utf-8"))
        except UnicodeDecodeError as error:
            if not replace_invalid:
                raise InvalidInput(
                    f"{path.name} line {number}: byte 0x{line[error.start]:02x} at column "
                    f"{error.start + 1} is not UTF-8 (save the file as UTF-8, or pass "
                    "--replace-invalid)"
                ) from error
            texts.append(line.decode("utf-8", errors="replace"))
    return texts


def _customer_features(workspace: Workspace) -> pd.DataFrame:
    from predictors.history import from_store

    return features_now(from_store(workspace.store()))


def _customer_ids(
    customer: list[str] | None, customers: Path | None, segment: str | None
) -> set[str] | None:
    if customer is None and customers is None and segment is None:
        return None
    store = Workspace(command_settings().home).store()
    typed = [*(customer or []), *(_file_ids(customers) if customers is not None else [])]
    ids = _resolved(store, typed)
    if segment is not None:
        from predictors.history import from_store
        from predictors.segment_facts import segment_members

        history = from_store(store)
        ids |= set(segment_members(history, history.last_day, segment))
    return ids


def _file_ids(path: Path) -> list[str]:
    return [line.strip() for line in read_lines(path) if line.strip()]


def _resolved(store: Store, typed: list[str]) -> set[str]:
    """The store's ids for what was typed ('96' for '00096', as the chat reads it); NotFound
    naming the first id the store does not know, instead of quietly matching nothing."""
    if not typed:
        return set()
    known = Customers(store)
    return {known.resolve(raw) for raw in typed}


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


def _shown(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences, bidi overrides) become
    U+FFFD, line breaks become spaces."""
    flat = " ".join(text.split())
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cf") else c for c in flat)


def _excerpt(text: str) -> Text:
    shown = _shown(text)
    return Text(shown if len(shown) <= EXCERPT else shown[: EXCERPT - 1] + "…")


def _show_sentiments(results: list[Sentiment]) -> None:
    if len(results) == 1:
        out.print(f"{results[0].label} ({results[0].score:+.2f})")
        if results[0].second_opinion is not None:
            # The model's words, as Text so brackets in them are not read as markup.
            verdict = _shown(results[0].second_opinion) or "(no answer)"
            out.print(Text(f"second opinion (LLM): {verdict}"))
        return
    table = Table()
    for column in ("line", "label", "score"):
        table.add_column(column)
    for number, result in enumerate(results, start=1):
        table.add_row(str(number), result.label, f"{result.score:+.2f}")
    out.print(table)
