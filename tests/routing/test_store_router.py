"""StoreRouter: a router per store vocabulary, rebuilt by one thread while the others keep
routing with the one they have."""

import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.chat import routing as chat_routing
from assistant.chat.routing import StoreRouter
from assistant.routing.vocabulary import Vocabulary
from commerce.ids import padded_width


@dataclass
class FakeData:
    """What StoreRouter reads of StoreData: the store's version, segments, customer ids,
    product categories and the currency its settings name."""

    version: str = "v1"
    ids: tuple[str, ...] = ("00001", "00002")
    names: tuple[str, ...] = ("Champions", "Lost")
    categories: tuple[str, ...] = ()
    settings: Any = field(default_factory=lambda: SimpleNamespace(currency_symbol="\u00a3"))

    def memo(self, key: str, parts: Any, compute: Any) -> Any:
        assert key == "top_products:categories"  # the products table's column, not every line
        return list(self.categories)

    def store(self) -> Any:
        return type("S", (), {"version": self.version})()

    def segments(self) -> Any:
        return type("G", (), {"names": self.names})()

    def customers(self) -> Any:
        return type("C", (), {"id_width": padded_width(self.ids)})()


@dataclass
class SlowRouter:
    """Stands in for Router: building one waits until the test lets it finish."""

    embedder: Any
    vocabulary: Vocabulary
    tools: Any = None
    known_name: Any = None


def test_one_thread_rebuilds_and_the_others_keep_routing(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    building = threading.Event()
    built: list[Vocabulary] = []

    def make(
        embedder: Any, vocabulary: Vocabulary, tools: Any = None, known_name: Any = None
    ) -> SlowRouter:
        built.append(vocabulary)
        if len(built) > 1:  # the rebuild after the first
            building.set()
            assert release.wait(10)
        return SlowRouter(embedder, vocabulary, tools, known_name)

    monkeypatch.setattr(chat_routing, "Router", make)
    data = FakeData()
    router = StoreRouter(data, embedder=None)  # type: ignore[arg-type]
    first = router.current()
    assert first.vocabulary.id_width == 5 and router.current() is first

    data.version = "v2"  # same vocabulary: no rebuild
    assert router.current() is first and len(built) == 1

    data.version, data.ids = "v3", ("00001", "new-customer")  # ids no longer all digits
    got: list[Any] = []
    rebuilding = threading.Thread(target=lambda: got.append(router.current()))
    rebuilding.start()
    assert building.wait(10)
    meanwhile: list[Any] = []
    other = threading.Thread(target=lambda: meanwhile.append(router.current()))
    other.start()
    other.join(5)
    answered = list(meanwhile)  # what it got while the rebuild was still running
    release.set()
    other.join(10)
    assert answered == [first]  # not held up by the rebuild
    rebuilding.join(10)
    assert got[0] is not first and got[0].vocabulary.id_width is None
    assert router.current() is got[0] and len(built) == 2


def test_the_store_categories_reach_the_router(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_routing, "Router", SlowRouter)
    data = FakeData()
    router = StoreRouter(data, embedder=None)  # type: ignore[arg-type]
    assert router.vocabulary().categories == ()  # a store without order lines
    data.version, data.categories = "v2", ("Coffee", "Tea")
    assert router.vocabulary().categories == ("Coffee", "Tea")  # "top coffee products" reads
    assert router.vocabulary().currency_symbol == "\u00a3"  # "plan 500 dollars" is noted
