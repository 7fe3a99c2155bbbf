"""The router as the chat service uses it: built for the current store, rebuilt when it changes.

The router's vocabulary (segment names, the shape of customer ids) comes from the store; a new
store version whose vocabulary differs builds a new router on the next message, once, under a
lock. Events grow the store every few seconds without changing its vocabulary; those keep the
router (building one embeds every example phrasing again).
"""

import threading
from collections.abc import Callable

from assistant.chat.llm_gate import LLMGate
from assistant.persistence.keys import Principal
from assistant.routing import Memory, Route, Router, Vocabulary
from assistant.routing.llm_fallback import route_with_model
from assistant.tools.catalogue import CATALOGUE
from assistant.tools.data import StoreData
from assistant.tools.products import store_categories
from commerce.errors import InvalidInput, NotFound
from retrieval.embedder import Embedder

RouteFn = Callable[[str, Memory, Principal], Route]


class StoreRouter:
    """Routes with a Router whose vocabulary matches the current store version."""

    def __init__(self, data: StoreData, embedder: Embedder) -> None:
        self.data, self.embedder = data, embedder
        self._router: Router | None = None
        self._version: str | None = None
        self._lock = threading.Lock()

    def vocabulary(self) -> Vocabulary:
        return self.current().vocabulary

    def current(self) -> Router:
        version = self.data.store().version
        router = self._router
        if router is not None and version == self._version:
            return router
        # One thread checks the new version (and rebuilds when its customers or segments
        # changed, as events adding customers do); the others route with the router they have
        # rather than wait for it.
        if not self._lock.acquire(blocking=router is None):
            assert router is not None
            return router
        try:
            if self._router is None or version != self._version:
                vocabulary = Vocabulary.from_store(
                    self.data.segments().names,
                    self.data.customers().id_width,
                    store_categories(self.data),
                    self.data.settings.currency_symbol,
                )
                if self._router is None or vocabulary != self._router.vocabulary:
                    self._router = Router(
                        self.embedder, vocabulary, tools=CATALOGUE, known_name=self.known_name
                    )
                self._version = version
            return self._router
        finally:
            self._lock.release()

    def known_name(self, name: str) -> bool:
        """Whether some customer of the current store is called `name` (any case): the router
        reads a name typed in lower case only then. A name several share counts: the tool
        then lists their ids."""
        try:
            self.data.customers().resolve(name, by_name=True)
        except NotFound:
            return False
        except InvalidInput:
            return True
        return True

    def __call__(self, message: str, memory: Memory, caller: Principal) -> Route:
        return self.current().route(message, memory, caller.role)


def make_router(data: StoreData, embedder: Embedder) -> StoreRouter:
    return StoreRouter(data, embedder)


def make_fallback(llm: LLMGate, router: StoreRouter, within_s: float | None = None) -> RouteFn:
    """The LLM picks the tool when the fast router cannot tell: within `within_s` (its queue
    and a first load included), past which the message is answered as unclear, with
    suggestions, rather than after minutes behind drafts."""

    def fallback(message: str, memory: Memory, caller: Principal) -> Route:
        vocabulary = router.vocabulary()
        return route_with_model(
            llm.model(), message, caller.role, memory, vocabulary, CATALOGUE, within_s
        )

    return fallback
