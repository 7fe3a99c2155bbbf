"""Reading a file of events for replay: CSV as ingest reads it (Excel's sep= line, a sniffed
delimiter, a quote never closed named by its line), and lines that cannot be events refused by
number while the others are sent."""

import json
from pathlib import Path

import pytest

from assistant.events.event_file import check_events_file, events_source, read_events
from assistant.events.replay import replay
from assistant.events.service import EventService
from assistant.persistence.db import AppDatabase
from assistant.settings import Settings
from commerce.errors import InvalidInput
from commerce.workspace import Workspace
from tests.events.conftest import last_day, order
from tests.retrieval.fakes import HashingEmbedder

ROW = {"event_id": "s1", "kind": "order", "ts": "2024-01-02", "customer_id": "7", "amount": "5"}


def _events(path: Path, limit: int = 2**20) -> list[tuple[int, object]]:
    source = events_source(path)
    check_events_file(source, limit)
    return list(read_events(source, limit))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("sep=;\nevent_id;kind;ts;customer_id;amount\ns1;order;2024-01-02;7;5\n", 3),
        ("event_id;kind;ts;customer_id;amount\ns1;order;2024-01-02;7;5\n", 2),
        ("event_id\tkind\tts\tcustomer_id\tamount\ns1\torder\t2024-01-02\t7\t5\n", 2),
    ],
)
def test_csv_delimiters_are_found_as_ingest_finds_them(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    assert _events(path) == [(line, ROW)]


def test_a_cell_over_the_csv_modules_default_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    note = "n" * 200_000  # the csv module refuses cells over 128 KiB unless told otherwise
    path.write_text(f"event_id,note\nb1,x\nb2,{note}\n", encoding="utf-8")
    assert [row for _, row in _events(path)] == [
        {"event_id": "b1", "note": "x"},
        {"event_id": "b2", "note": note},
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('event_id,kind,text\nu1,review,"oops\nu2,review,ok\n',
         "events.csv line 2: a quote opened on this line is never closed"),
        ("event_id,kind,kind\nu1,order,review\n",
         "events.csv: the header names column 'kind' twice (columns 2 and 3)"),
        ("event_id kind ts\nu1 order 2024-01-02\n",
         "events.csv: the header separates its columns with spaces"),
    ],
)  # fmt: skip
def test_a_csv_that_cannot_be_read_right_is_refused_before_anything_is_sent(
    service: EventService, home: Path, tmp_path: Path, text: str, says: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    version = Workspace(home).store().version
    with pytest.raises(InvalidInput) as caught:
        replay(service, path)
    assert str(caught.value).startswith(says)
    assert service.status()["pending"] + service.status()["applied"] == 0
    assert Workspace(home).store().version == version


def test_a_line_longer_than_a_request_is_refused_by_number_and_the_others_are_sent(
    settings: Settings, db: AppDatabase, home: Path, tmp_path: Path
) -> None:
    day = last_day(home)
    small = settings.model_copy(update={"events_max_request_bytes": 1024})
    service = EventService(small, db, HashingEmbedder)
    huge = json.dumps(order("big", "00031", day, note="z" * 3 * 2**20))  # read past in chunks
    lines = [json.dumps(order("a1", "00030", day)), huge, "", json.dumps(order("a2", "00032", day))]
    path = tmp_path / "events.jsonl"
    path.write_bytes("\r\n".join(lines).encode())  # Windows line breaks, no final one

    summary = replay(service, path, batch=2).to_dict()
    assert (summary["lines"], summary["accepted"], summary["applied"]) == (4, 2, 2)
    assert summary["rejections"] == [
        {"index": 1, "event_id": None, "line": 2,
         "reason": f"line 2 holds {len(huge):,} bytes, more than the 1,024 of the largest "
                   "POST /v1/events body (RETAIN_EVENTS_MAX_REQUEST_BYTES): it is not one event"}
    ]  # fmt: skip
    assert {"a1", "a2"} <= set(Workspace(home).store().table("orders")["order_id"])


def test_a_byte_that_is_not_utf8_after_a_byte_order_mark_is_the_one_named(tmp_path: Path) -> None:
    # The column is counted after the mark, which is how an editor shows the line.
    path = tmp_path / "events.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": "caf\xe9"}\n')
    with pytest.raises(InvalidInput, match="line 1: byte 0xe9 at column 11 is not UTF-8"):
        check_events_file(events_source(path), 2**20)
