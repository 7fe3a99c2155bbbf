"""Replaying a file of events through the same path as POST /v1/events: read a batch, submit it
(checked and logged), apply it (store grown, customers re-scored, listeners told), next batch.

For back-fills and for the demo: `retain demo build --hold-back-days 28` leaves the last four
weeks out of the store and writes them as events; replaying them grows the store day by day.

JSON Lines (one event object per line) or CSV (one event per row, a column per field; empty
cells are missing fields; CSV has no order lines).
"""

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from assistant.events.batch import AppliedBatch
from assistant.events.service import EventService
from commerce.errors import InvalidInput

Progress = Callable[[int], None]  # called with the number of lines read so far
SHOWN_REJECTIONS = 20


@dataclass
class ReplaySummary:
    """What a replay did: lines read, events accepted, duplicates, refusals (by line), and the
    applications it made."""

    lines: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    rejected_count: int = 0
    batches: list[AppliedBatch] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        last = self.batches[-1] if self.batches else None
        return {
            "lines": self.lines,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected_count,
            "rejections": self.rejected,
            "applications": len(self.batches),
            "applied": sum(len(b.event_ids) for b in self.batches),
            "failed": sum(len(b.failed) for b in self.batches),
            "customers_scored": sum(len(b.customers) for b in self.batches),
            "full_rescores": sum(b.full_rescore for b in self.batches),
            "reviews": sum(len(b.reviews) for b in self.batches),
            "store_version": last.store_version if last else None,
        }


def replay(
    service: EventService, path: Path, batch: int = 500, progress: Progress | None = None
) -> ReplaySummary:
    """Send the events in `path` through `service` in batches of `batch`, applying each."""
    if batch < 1 or batch > service.settings.events_max_batch:
        raise InvalidInput(
            f"--batch {batch}: expected 1 to {service.settings.events_max_batch:,} "
            "(RETAIN_EVENTS_MAX_BATCH)"
        )
    check_text(path)
    summary = ReplaySummary()
    source = f"replay:{path.name}"
    chunk: list[tuple[int, object]] = []
    for line, event in read_events(path):
        summary.lines = line
        chunk.append((line, event))
        if len(chunk) == batch:
            _send(service, chunk, source, summary)
            chunk = []
            if progress:
                progress(line)
    if chunk:
        _send(service, chunk, source, summary)
    summary.batches += service.drain()  # anything another sender left pending meanwhile
    if progress:
        progress(summary.lines)
    return summary


class NotJson(str):
    """A line that is not JSON, in place of its event: why, refused with its line number."""


def read_events(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, event) for each event in a JSON Lines or CSV file; a line that is not
    JSON comes as a NotJson saying so. The file is UTF-8, with or without a BOM (Excel's "CSV
    UTF-8" writes one); one that is not is an InvalidInput naming the first bad line."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = _decoded(path, handle)
        if path.suffix.lower() == ".csv":
            yield from _csv_rows(lines)
            return
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError as error:
                yield number, NotJson(f"line {number} is not JSON ({error.msg})")


def _csv_rows(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row as {header: cell} with the line it starts on: a quoted cell may span lines and
    blank lines are skipped, so counting rows would name the wrong line. Empty cells and cells
    past the header are left out, as an absent field."""
    reader = csv.reader(lines)
    header = next(reader, None)
    start = reader.line_num + 1
    for cells in reader:
        if cells:
            yield start, {k: v for k, v in zip(header or [], cells, strict=False) if k and v}
        start = reader.line_num + 1


def check_text(path: Path) -> None:
    """Refuse a file that is not UTF-8 before any of it is sent (read_events finds out only at
    the bad line, after the batches before it were applied)."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _ in _decoded(path, handle):
            pass


def _decoded(path: Path, handle: TextIO) -> Iterator[str]:
    try:
        yield from handle
    except UnicodeDecodeError:
        raise _not_utf8(path) from None


def _not_utf8(path: Path) -> InvalidInput:
    """The error for a file that is not UTF-8, naming its first bad line (text files decode in
    chunks, so the decoding error itself does not say which line)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                return InvalidInput(
                    f"{path} line {number}: byte {raw[error.start]:#04x} at column "
                    f"{error.start + 1} is not UTF-8; save the file as UTF-8"
                )
    return InvalidInput(f"{path} is not UTF-8 text; save the file as UTF-8")


def _send(
    service: EventService, chunk: list[tuple[int, object]], source: str, summary: ReplaySummary
) -> None:
    refused: list[dict[str, Any]] = [
        {"index": n, "event_id": None, "reason": str(event), "line": line}
        for n, (line, event) in enumerate(chunk)
        if isinstance(event, NotJson)
    ]
    parsed = [(line, event) for line, event in chunk if not isinstance(event, NotJson)]
    receipt = service.submit([event for _, event in parsed], source)
    summary.accepted += receipt.accepted
    summary.duplicates += receipt.duplicates
    refused += [r.to_dict() | {"line": parsed[r.index][0]} for r in receipt.rejected]
    summary.rejected_count += len(refused)
    room = SHOWN_REJECTIONS - len(summary.rejected)
    summary.rejected += sorted(refused, key=lambda r: int(r["line"]))[: max(room, 0)]
    if receipt.accepted:
        summary.batches += service.drain()
