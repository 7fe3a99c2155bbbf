"""Replaying a file of events through the same path as POST /v1/events: read a batch, submit it
(checked and logged), apply it (store grown, customers re-scored, listeners told), next batch.

For back-fills and for the demo: `retain demo build --hold-back-days 28` leaves the last four
weeks out of the store and writes them as events; replaying them grows the store day by day.

The file is JSON Lines or CSV (`.csv`, `.tsv`), in the encoding and with the delimiter given, read
by event_file.py: what would stop it being read to its end is refused before any event is sent; a
line that cannot be an event is refused by its number and the others are sent.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.events.batch import AppliedBatch
from assistant.events.event_file import Refused, check_events_file, events_source, read_events
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
    service: EventService,
    path: Path,
    batch: int = 500,
    progress: Progress | None = None,
    *,
    encoding: str = "utf-8",
    delimiter: str | None = None,
) -> ReplaySummary:
    """Send the events in `path` through `service` in batches of `batch`, applying each; the
    file is read in `encoding`, and a CSV's cells split by `delimiter` (None: found)."""
    if batch < 1 or batch > service.settings.events_max_batch:
        raise InvalidInput(
            f"--batch {batch}: expected 1 to {service.settings.events_max_batch:,} "
            "(RETAIN_EVENTS_MAX_BATCH)"
        )
    # A line no request could carry is refused as the API refuses such a body.
    max_bytes = service.settings.events_max_request_bytes
    events_file = events_source(path, encoding, delimiter)
    check_events_file(events_file, max_bytes)
    summary = ReplaySummary()
    source = f"replay:{path.name}"
    chunk: list[tuple[int, object]] = []
    for line, event in read_events(events_file, max_bytes):
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


def _send(
    service: EventService, chunk: list[tuple[int, object]], source: str, summary: ReplaySummary
) -> None:
    refused: list[dict[str, Any]] = [
        {"index": n, "event_id": None, "reason": str(event), "line": line}
        for n, (line, event) in enumerate(chunk)
        if isinstance(event, Refused)
    ]
    parsed = [(line, event) for line, event in chunk if not isinstance(event, Refused)]
    receipt = service.submit([event for _, event in parsed], source)
    summary.accepted += receipt.accepted
    summary.duplicates += receipt.duplicates
    refused += [r.to_dict() | {"line": parsed[r.index][0]} for r in receipt.rejected]
    summary.rejected_count += len(refused)
    room = SHOWN_REJECTIONS - len(summary.rejected)
    summary.rejected += sorted(refused, key=lambda r: int(r["line"]))[: max(room, 0)]
    if receipt.accepted:
        summary.batches += service.drain()
