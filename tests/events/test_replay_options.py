"""`retain events replay --encoding E --delimiter D`: a file of events in another encoding or with
another delimiter, the options checked as ingest checks them; `.tsv` read as tab-separated CSV;
and the progress bar's line count, read in chunks."""

import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.cli.events import _count_lines
from assistant.events.event_file import events_source
from assistant.settings import Settings
from commerce.errors import InvalidInput
from commerce.workspace import Workspace
from tests.events.conftest import last_day, order, review

runner = CliRunner()
HEADER = ["event_id", "kind", "ts", "customer_id", "product_id", "rating", "text"]


def _review_rows(home: Path, ids: tuple[str, str]) -> list[list[str]]:
    day = f"{last_day(home):%Y-%m-%d}"
    return [
        HEADER,
        [ids[0], "review", day, "00040", "B000COFFEE", "2", "café crème, tiède"],
        [ids[1], "review", day, "00041", "B000COFFEE", "5", "très bon"],
    ]


def _replay(path: Path, *options: str) -> dict[str, object]:
    result = runner.invoke(app, ["events", "replay", str(path), "--json", *options])
    assert result.exit_code == 0, result.output
    summary: dict[str, object] = json.loads(result.stdout)
    return summary


def test_a_latin1_csv_with_an_odd_delimiter_is_replayed_with_both_options(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    rows = _review_rows(home, ("d1", "d2"))
    path.write_bytes("\n".join("~".join(row) for row in rows).encode("latin-1") + b"\n")

    refused = runner.invoke(app, ["events", "replay", str(path)])
    assert refused.exit_code == 2
    said = " ".join(refused.stderr.split())  # the console may wrap a long message
    assert "events.csv line 2" in said and "--encoding latin-1" in said

    summary = _replay(path, "--encoding", "latin-1", "--delimiter", "~")
    assert (summary["rejected"], summary["applied"], summary["reviews"]) == (0, 2, 2), summary
    reviews = Workspace(home).store().table("reviews").set_index("review_id")["text"]
    assert reviews["d1"] == "café crème, tiède"


def test_a_json_lines_file_not_in_utf8_is_told_of_encoding_and_read_with_it(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.jsonl"
    text = json.dumps(review("j1", "00040", last_day(home), "café"), ensure_ascii=False)
    path.write_bytes(text.encode("cp1252") + b"\n")

    refused = runner.invoke(app, ["events", "replay", str(path)])
    assert refused.exit_code == 2
    said = " ".join(refused.stderr.split())  # the console may wrap a long message
    assert "is not UTF-8; save the file as UTF-8, or pass its encoding (e.g. --encoding" in said
    assert _replay(path, "--encoding", "cp1252")["reviews"] == 1
    reviews = Workspace(home).store().table("reviews").set_index("review_id")["text"]
    assert reviews["j1"] == "café"


def test_a_tsv_is_read_as_tab_separated_csv_in_excels_unicode_text_too(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    # Excel's "Unicode Text" is UTF-16 with a byte order mark, cells separated by tabs.
    plain = tmp_path / "events.tsv"
    unicode_text = tmp_path / "unicode.tsv"
    plain.write_text("\n".join("\t".join(r) for r in _review_rows(home, ("t1", "t2"))) + "\n")
    unicode_text.write_bytes(
        ("\r\n".join("\t".join(r) for r in _review_rows(home, ("t3", "t4"))) + "\r\n").encode(
            "utf-16"
        )
    )
    assert _replay(plain)["applied"] == 2
    assert _replay(unicode_text, "--encoding", "utf-16")["applied"] == 2
    assert {"t1", "t2", "t3", "t4"} <= set(Workspace(home).store().table("reviews")["review_id"])


def test_a_tsv_is_split_on_tabs_even_where_its_header_holds_more_commas(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    path.write_text("event_id\tnote,with,commas\ne1\tx\n", encoding="utf-8")
    assert events_source(path).delimiter == "\t"
    assert events_source(path, delimiter=",").delimiter == ","


@pytest.mark.parametrize(
    ("name", "options", "says"),
    [
        ("e.csv", {"delimiter": "ab"}, "--delimiter 'ab': a delimiter is one character"),
        ("e.csv", {"encoding": "klingon"}, "e.csv: unknown encoding 'klingon'"),
        ("e.csv", {"encoding": "rot13"}, "e.csv: 'rot13' is not a text encoding"),
        ("e.csv", {"delimiter": "whitespace"}, "--delimiter whitespace: an events file cannot"),
        ("e.jsonl", {"delimiter": ";"}, "--delimiter ';': e.jsonl is read as JSON Lines"),
        ("e.jsonl", {"encoding": "utf-16"}, "e.jsonl: JSON Lines cannot be read in utf-16"),
    ],
)
def test_options_that_cannot_read_the_file_are_refused_by_name(
    tmp_path: Path, name: str, options: dict[str, str], says: str
) -> None:
    path = tmp_path / name
    path.write_bytes('{"event_id": "x"}\n'.encode("utf-16"))  # starts with a byte order mark
    with pytest.raises(InvalidInput) as caught:
        events_source(path, **options)
    assert str(caught.value).startswith(says)


def test_the_replay_cli_refuses_a_bad_delimiter_before_anything_is_sent(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text(json.dumps(order("o1", "00030", last_day(home))) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["events", "replay", str(path), "--delimiter", ";"])
    assert result.exit_code == 2 and "is read as JSON Lines" in result.stderr
    shown = runner.invoke(app, ["events", "status", "--json"])
    assert json.loads(shown.stdout)["pending"] + json.loads(shown.stdout)["applied"] == 0


@pytest.mark.parametrize(
    ("data", "encoding", "lines"),
    [
        (b"", "utf-8", 0),
        (b"a\nb", "utf-8", 2),
        (b"a\r\nb\r\n\r\n", "utf-8", 3),
        ("\u010a\n\u0a0a\n".encode("utf-16"), "utf-16", 2),  # 0x0a bytes inside characters
        (b"a\n", "klingon", 0),  # replay names the encoding
    ],
)
def test_the_progress_total_counts_lines(
    tmp_path: Path, data: bytes, encoding: str, lines: int
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(data)
    assert _count_lines(path, encoding) == lines


def test_the_progress_total_does_not_hold_a_runaway_line_whole(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"z" * 16 * 2**20 + b"\n{}")
    tracemalloc.start()
    try:
        assert _count_lines(path, "utf-8") == 3
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20  # chunks of 1 MiB, not the 16 MiB line
