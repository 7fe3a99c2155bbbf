"""`retain events replay FILE`, `retain events status` and `retain events retry-failed`: events
through the same path as POST /v1/events, in this process (log, then apply: store grown,
customers re-scored)."""

import codecs
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.alerts.service import AlertService
from assistant.alerts.store import AlertStore
from assistant.cli.console import command_settings, err, out, print_json, with_app_database
from assistant.events.log import requeue_failed
from assistant.events.replay import replay
from assistant.events.service import EventService
from assistant.persistence import AppDatabase
from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from retrieval.embedder import Embedder, MiniLMEmbedder

app = typer.Typer(help="Send events (orders, reviews, browsing) into the store.")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts")]
_COUNT_CHUNK = 2**20  # lines are counted a chunk at a time, so no line is held whole


def make_embedder() -> Embedder:
    """The embedder new reviews are indexed with (tests replace this function with a fake)."""
    return MiniLMEmbedder(device=command_settings().device)


def event_service(settings: Settings, db: AppDatabase) -> EventService:
    """The events service of the workspace on the app database `db`, as the server builds it
    (embedder on first use), with the alert rules listening: a replay raises the alerts the
    server would, after those of batches a process before it applied but did not finish
    telling them of (each drain tells those first). Webhook deliveries wait in the outbox for
    the server to send them."""
    loaded: list[Embedder] = []

    def embedder() -> Embedder:
        if not loaded:
            loaded.append(make_embedder())
        return loaded[0]

    data = StoreData(Workspace(settings.home), settings)
    alerts = AlertService(db, settings, lambda: data.segment_frame()["segment"])
    service = EventService(settings, db, embedder)
    service.listeners.append(alerts.on_applied)
    return service


@app.command("replay")
def replay_command(
    file: Annotated[
        Path, typer.Argument(dir_okay=False, help="JSON Lines (or .csv, .tsv) of events")
    ],
    batch: Annotated[int, typer.Option(help="Events per batch (each batch is applied)")] = 500,
    encoding: Annotated[str, typer.Option(help="Text encoding of the file")] = "utf-8",
    delimiter: Annotated[
        str | None,
        typer.Option(help="CSV field delimiter; default: tab for .tsv, else sniffed (, ; | tab)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Replay a file of events: each batch is checked, logged, then applied to the store
    (new version, affected customers scored again, reviews indexed). Safe to run twice:
    events already sent are counted as duplicates."""
    settings = command_settings()

    def run(db: AppDatabase) -> dict[str, Any]:
        service = event_service(settings, db)
        alerts = AlertStore(db)
        before = alerts.count("all")
        with _bar(_count_lines(file, encoding), enabled=not as_json) as advance:
            summary = replay(service, file, batch, advance, encoding=encoding, delimiter=delimiter)
        return summary.to_dict() | {"alerts_raised": alerts.count("all") - before}

    result = with_app_database(settings, run)
    if as_json:
        print_json(result)
        return
    _show(result)


@app.command("status")
def status_command(as_json: JsonOption = False) -> None:
    """Pending, applied and failed events, and when events were last applied."""
    settings = command_settings()
    status = with_app_database(settings, lambda db: event_service(settings, db).status())
    if as_json:
        print_json(status)
        return
    out.print(
        f"{status['pending']:,} pending, {status['applied']:,} applied, "
        f"{status['failed']:,} failed; last applied "
        f"{status['last_applied_at'] or 'never'} (store {status['last_store_version'] or '-'})",
        highlight=False,
    )


@app.command("retry-failed")
def retry_failed_command(as_json: JsonOption = False) -> None:
    """Make events that failed because applying them raised pending again (after the cause is
    fixed); the server's worker, or the next replay, applies them."""
    count = with_app_database(command_settings(), requeue_failed)
    if as_json:
        print_json({"requeued": count})
        return
    out.print(f"{count:,} failed events are pending again.")


def _show(result: dict[str, Any]) -> None:
    out.print(
        f"{result['lines']:,} lines: {result['accepted']:,} events accepted, "
        f"{result['duplicates']:,} duplicates, {result['rejected']:,} rejected",
        highlight=False,
    )
    out.print(
        f"{result['applications']:,} applications: {result['applied']:,} events applied"
        + (f", {result['failed']:,} failed" if result["failed"] else "")
        + f", {result['customers_scored']:,} customer scores updated "
        f"({result['full_rescores']:,} full re-scores), {result['reviews']:,} reviews indexed",
        highlight=False,
    )
    out.print(f"{result['alerts_raised']:,} alerts raised (see `retain serve`, GET /v1/alerts)")
    if result["store_version"]:
        out.print(f"Store version now {result['store_version']}", highlight=False)
    for rejection in result["rejections"]:
        err.print(
            f"line {rejection['line']:,} ({rejection['event_id'] or 'no event_id'}): "
            f"{rejection['reason']}",
            highlight=False,
            markup=False,
        )
    if result["rejected"] > len(result["rejections"]):
        err.print(f"... and {result['rejected'] - len(result['rejections']):,} more rejected")


def _count_lines(path: Path, encoding: str) -> int:
    """The lines in `path`, the progress bar's total, read a chunk at a time: a runaway line is
    never held whole (event_file.py reads past one in chunks too). Decoded, as UTF-16 does not
    write a line break as the byte 0x0a; bytes not in `encoding` are left to replay to name."""
    lines, last = 0, "\n"
    try:
        decoder = codecs.getincrementaldecoder(encoding)("replace")
        with path.open("rb") as handle:
            while chunk := handle.read(_COUNT_CHUNK):
                text = decoder.decode(chunk)
                lines += text.count("\n")
                last = text[-1:] or last
    # TypeError, ValueError: a codec that is not a text encoding (rot13, base64).
    except (LookupError, OSError, TypeError, ValueError):
        return 0  # replay names the missing file or the encoding
    return lines + (last != "\n")  # a last line without a line break


@contextmanager
def _bar(total: int, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar of lines replayed, on stderr; silent when disabled or not a terminal."""
    if not enabled or not err.is_terminal:
        yield lambda done: None
        return
    columns = (
        TextColumn("Replaying events"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("replay", total=total)
        yield lambda done: progress.update(task, completed=done)
