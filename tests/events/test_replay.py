"""`retain events replay FILE` through the same path as the API, and the demo's held-back days
as a file of events."""

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from assistant.cli import app
from assistant.events.event_file import events_source, read_events
from assistant.settings import Settings
from commerce.holdback import hold_back
from commerce.workspace import Workspace
from predictors.pipeline import latest_scores
from tests.events.conftest import last_day, order, review

runner = CliRunner()


def write_lines(path: Path, events: list[object]) -> Path:
    lines = [e if isinstance(e, str) else json.dumps(e) for e in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_replay_applies_each_batch_and_names_bad_lines(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    day = last_day(home)
    events: list[object] = [
        order("e1", "00030", day - pd.Timedelta(days=1)),
        order("e2", "00031", day),
        "{not json",
        order("e3", "00032", day, amount=-4),
        review("e4", "00030", day, "lovely tea"),
        order("e5", "00033", day + pd.Timedelta(days=1)),
    ]
    path = write_lines(tmp_path / "events.jsonl", events)
    result = runner.invoke(app, ["events", "replay", str(path), "--batch", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary | {"lines": 6, "accepted": 4, "duplicates": 0, "rejected": 2,
                      "applications": 2, "applied": 4, "reviews": 1} == summary  # fmt: skip
    assert [(r["line"], r["event_id"]) for r in summary["rejections"]] == [(3, None), (4, "e3")]
    assert "line 3 is not JSON" in summary["rejections"][0]["reason"]
    store = Workspace(home).store()
    assert summary["store_version"] == store.version
    assert {"e1", "e2", "e5"} <= set(store.table("orders")["order_id"])
    scores = latest_scores(Workspace(home))
    assert scores is not None and pd.Timestamp(scores["cutoff"].max()) == day + pd.Timedelta(days=1)

    again = runner.invoke(app, ["events", "replay", str(path), "--json"])
    assert again.exit_code == 0, again.output
    repeat = json.loads(again.stdout)
    assert (repeat["accepted"], repeat["duplicates"], repeat["applications"]) == (0, 4, 0)
    assert Workspace(home).store().version == store.version

    shown = runner.invoke(app, ["events", "status", "--json"])
    assert json.loads(shown.stdout) | {"pending": 0, "applied": 4} == json.loads(shown.stdout)
    retried = runner.invoke(app, ["events", "retry-failed", "--json"])
    assert retried.exit_code == 0 and json.loads(retried.stdout) == {"requeued": 0}


def test_replay_in_words_and_its_errors(cli_env: Settings, home: Path, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "e.jsonl", [order("e1", "00030", last_day(home))])
    result = runner.invoke(app, ["events", "replay", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 lines: 1 events accepted, 0 duplicates, 0 rejected" in result.stdout
    missing = runner.invoke(app, ["events", "replay", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    too_big = runner.invoke(app, ["events", "replay", str(path), "--batch", "0"])
    assert too_big.exit_code == 2 and "--batch 0: expected 1 to 1,000" in too_big.stderr


def test_replay_reads_csv(cli_env: Settings, home: Path, tmp_path: Path) -> None:
    day = f"{last_day(home):%Y-%m-%d}"
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,kind,ts,customer_id,amount,type,product_id\n"
        f"c1,order,{day},00040,12.5,,\n"
        f"c2,browse,{day},00041,,cart,B00SNACK01\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["events", "replay", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["applied"] == 2
    assert Workspace(home).store().table("events")["event_id"].tolist() == ["c2"]


def test_held_back_days_become_events_in_time_order(tmp_path: Path) -> None:
    orders = pd.DataFrame(
        {"order_id": ["o1", "o2", "o3"], "customer_id": ["a", "b", "a"],
         "ts": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-01-30"]),
         "amount": [10.0, 20.0, 30.0]}
    )  # fmt: skip
    items = pd.DataFrame({"order_id": ["o1", "o2", "o3"], "product_id": ["p", "p", "q"],
                          "quantity": [1, 2, 1], "price": [10.0, 10.0, 30.0]})  # fmt: skip
    reviews = pd.DataFrame(
        {"review_id": ["r1", "r2"], "customer_id": ["a", "b"], "product_id": ["p", "p"],
         "ts": pd.to_datetime(["2024-01-05", "2024-01-25"]), "rating": [5.0, float("nan")],
         "text": ["good", "meh"]}
    )  # fmt: skip
    files = {}
    for name, frame in {"orders": orders, "order_items": items, "reviews": reviews}.items():
        files[name] = tmp_path / f"{name}.parquet"
        frame.to_parquet(files[name], index=False)
    held = hold_back(files, 11, tmp_path / "events.jsonl")  # 2024-01-20 onwards

    assert held == (2, 1)
    assert pd.read_parquet(files["orders"])["order_id"].tolist() == ["o1"]
    assert pd.read_parquet(files["order_items"])["order_id"].tolist() == ["o1"]
    assert pd.read_parquet(files["reviews"])["review_id"].tolist() == ["r1"]
    lines = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [e["event_id"] for e in lines] == ["demo-o2", "demo-r2", "demo-o3"]
    assert lines[0]["items"] == [{"product_id": "p", "quantity": 2, "price": 10.0}]
    assert lines[1]["rating"] is None and lines[1]["ts"] == "2024-01-25T00:00:00Z"


def test_replay_reads_files_with_a_byte_order_mark(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    # Excel's "CSV UTF-8" starts the file with a BOM; read as plain UTF-8 it would sit in the
    # first column's name and every row would lack its event_id.
    day = f"{last_day(home):%Y-%m-%d}"
    csv_file = tmp_path / "excel.csv"
    csv_file.write_bytes(
        b"\xef\xbb\xbfevent_id,kind,ts,customer_id,amount\n"
        + f"b1,order,{day},00040,12.5\nb2,order,{day},00041,3\n".encode()
    )
    jsonl_file = tmp_path / "bom.jsonl"
    jsonl_file.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(order("b3", "00042", last_day(home))).encode()
    )
    for path, applied in ((csv_file, 2), (jsonl_file, 1)):
        result = runner.invoke(app, ["events", "replay", str(path), "--json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert (summary["rejected"], summary["applied"]) == (0, applied), summary


def test_a_file_that_is_not_utf8_is_refused_naming_its_line_before_anything_is_sent(
    cli_env: Settings, home: Path, tmp_path: Path
) -> None:
    day = last_day(home)
    good = [json.dumps(order(f"l{n}", "00040", day)).encode() for n in range(3)]
    latin1 = json.dumps(order("l3", "caf\u00e9", day), ensure_ascii=False).encode("latin-1")
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b"\n".join([*good, latin1]) + b"\n")
    version = Workspace(home).store().version

    result = runner.invoke(app, ["events", "replay", str(path), "--batch", "1"])
    assert result.exit_code == 2, result.output
    assert f"{path} line 4: byte 0xe9" in result.stderr and "not UTF-8" in result.stderr
    assert Workspace(home).store().version == version  # the good lines before it wait too
    shown = runner.invoke(app, ["events", "status", "--json"])
    assert json.loads(shown.stdout)["pending"] + json.loads(shown.stdout)["applied"] == 0


def test_a_refused_csv_row_is_named_by_the_line_it_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,kind,customer_id,ts,text\n"
        'r1,review,00005,2020-01-01T00:00:00Z,"line one\nline two"\n'
        "\n"
        "r2,review,00006,not-a-date,ok,extra\n",
        encoding="utf-8",
    )
    rows = list(read_events(events_source(path), 2**20))
    assert [number for number, _ in rows] == [2, 5]
    assert rows[0][1] == {
        "event_id": "r1", "kind": "review", "customer_id": "00005",
        "ts": "2020-01-01T00:00:00Z", "text": "line one\nline two",
    }  # fmt: skip
    assert rows[1][1] == {"event_id": "r2", "kind": "review", "customer_id": "00006",
                          "ts": "not-a-date", "text": "ok"}  # fmt: skip
