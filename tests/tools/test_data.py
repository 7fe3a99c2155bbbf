"""StoreData: loads each part once under concurrency, notices a new store, new scores and a
rebuilt index, and remembers what is missing until it appears."""

import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from assistant.settings import Settings
from assistant.tools import data as data_module
from assistant.tools.customer_lookup import Customers
from assistant.tools.customers import at_risk_customers
from assistant.tools.data import StoreData
from commerce.errors import NotFound
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace
from tests.tools.conftest import context


def _data(home: Path) -> StoreData:
    return StoreData(Workspace(home), Settings(home=home))


def test_concurrent_first_requests_load_once(
    tools_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Store] = []

    def counting(store: Store) -> Customers:
        built.append(store)
        return Customers(store)

    monkeypatch.setattr(data_module, "Customers", counting)
    data = _data(tools_home)
    start = threading.Barrier(8)
    seen: list[Customers] = []

    def ask() -> None:
        start.wait()
        seen.append(data.customers())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len(seen) == 8 and all(c is seen[0] for c in seen)


def test_a_new_store_version_is_picked_up(home_copy: Path, tmp_path: Path) -> None:
    data = _data(home_copy)
    before = data.customers()
    assert data.scores() is not None and "00042" in before.ids
    orders = pd.DataFrame(
        {"order_id": ["n1", "n2"], "customer_id": ["z1", "z2"],
         "ts": ["2025-01-01", "2025-01-02"], "amount": [5.0, 6.0]}
    )  # fmt: skip
    orders.to_csv(tmp_path / "orders.csv", index=False)
    ingest(Workspace(home_copy), IngestRequest({"orders": Source(tmp_path / "orders.csv")}))
    assert data.customers().ids == {"z1", "z2"}
    assert data.scores() is None  # the scores are of the old store
    with pytest.raises(NotFound, match="run `retain train` and `retain score`"):
        at_risk_customers(context(data, "operator"))
    with pytest.raises(NotFound, match="no customer '00042'; ids look like 'z1'"):
        data.customers().resolve("00042")


def test_held_data_answers_from_the_version_before_until_refreshed(
    home_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the events worker changes the store, requests get the parts already loaded
    (no reload on their time); refresh() loads the new version in its own thread."""
    data = _data(home_copy)
    before = data.customers()
    data.scores()
    data.hold()
    orders = pd.DataFrame(
        {"order_id": ["n1"], "customer_id": ["z1"], "ts": ["2025-01-01"], "amount": [5.0]}
    )
    orders.to_csv(tmp_path / "orders.csv", index=False)
    ingest(Workspace(home_copy), IngestRequest({"orders": Source(tmp_path / "orders.csv")}))
    loads: list[Store] = []

    def counting(store: Store) -> Customers:
        loads.append(store)
        return Customers(store)

    monkeypatch.setattr(data_module, "Customers", counting)
    asked: list[Customers] = []
    thread = threading.Thread(target=lambda: asked.append(data.customers()))
    thread.start()
    thread.join()
    assert asked == [before] and data.scores() is not None and loads == []
    data.refresh()
    assert len(loads) == 1 and data.customers().ids == {"z1"}
    assert data.scores() is None  # the scores were of the old store
    # No longer held: the next change is picked up by the request that notices it.
    ingest(Workspace(home_copy), IngestRequest({"orders": Source(tmp_path / "orders.csv")}))
    assert data.customers() is not asked[0]


def test_scores_and_index_that_appear_later_are_used(home_copy: Path, tmp_path: Path) -> None:
    shutil.move(home_copy / "scores", tmp_path / "scores")
    shutil.move(home_copy / "index" / "reviews", tmp_path / "reviews")
    data = _data(home_copy)
    assert data.scores() is None
    with pytest.raises(NotFound, match="retain index build"):
        data.review_index()
    assert data.reviews().of("00003")[0]["sentiment_label"] is None  # from the store's table
    shutil.move(tmp_path / "scores", home_copy / "scores")
    shutil.move(tmp_path / "reviews", home_copy / "index" / "reviews")
    assert data.scores() is not None and len(data.review_index().metadata) > 0
    assert data.reviews().of("00003")[0]["sentiment_label"] is not None


def test_warm_loads_everything_and_says_what_is_missing(home_copy: Path) -> None:
    shutil.rmtree(home_copy / "index" / "reviews")
    status = _data(home_copy).warm()
    assert status["store"] == status["scores"] == status["customer_index"] == "ok"
    assert "retain index build" in status["review_index"]
    ready = _data(home_copy)
    assert ready.readiness()["store"] is False
    ready.warm()
    assert ready.readiness() | {"review_index": True} == dict.fromkeys(ready.readiness(), True)


def test_no_store_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="retain ingest"):
        _data(tmp_path / "empty").customers()


def test_a_part_whose_loader_crashed_does_not_break_refresh(
    home_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash (not a RetainError) reaches the request that asked; the events worker's
    refresh skips that part instead of raising it again, and the next request retries."""
    data = _data(home_copy)

    def broken(store: Store) -> Customers:
        raise ValueError("corrupt table")

    monkeypatch.setattr(data_module, "Customers", broken)
    with pytest.raises(ValueError, match="corrupt table"):
        data.customers()
    data.store()
    data.hold()
    data.refresh()
    monkeypatch.setattr(data_module, "Customers", Customers)
    assert data.customers().ids


def test_a_crash_reloading_one_part_leaves_its_old_answer_and_refreshes_the_rest(
    home_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _data(home_copy)
    before = data.customers()
    old_store = data.store()
    data.hold()
    orders = pd.DataFrame(
        {"order_id": ["n1"], "customer_id": ["z1"], "ts": ["2025-01-01"], "amount": [5.0]}
    )
    orders.to_csv(tmp_path / "orders.csv", index=False)
    ingest(Workspace(home_copy), IngestRequest({"orders": Source(tmp_path / "orders.csv")}))

    def broken(store: Store) -> Customers:
        raise ValueError("corrupt table")

    monkeypatch.setattr(data_module, "Customers", broken)
    data.refresh()  # logs the crash instead of raising it
    assert data.store().version != old_store.version  # the other parts moved on
    with pytest.raises(ValueError, match="corrupt table"):
        data.customers()  # no longer held: the request meets the crash itself
    monkeypatch.setattr(data_module, "Customers", Customers)
    assert data.customers() is not before and data.customers().ids == {"z1"}
