"""The long-lived things the app holds: built once at start-up, shared by every request."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from assistant.alerts.service import AlertService
from assistant.api.limits import RateLimiter
from assistant.api.observability import Metrics
from assistant.api.turns import OpenTurns
from assistant.chat.llm_gate import LLMGate
from assistant.chat.routing import StoreRouter
from assistant.chat.service import ChatDeps
from assistant.events.service import EventService
from assistant.llm.base import ChatModel
from assistant.persistence.conversations import ConversationStore
from assistant.persistence.db import AppDatabase
from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from predictors.forecast_interval_saved import USUAL_HORIZON_DAYS
from retrieval.batching import BatchingEmbedder
from retrieval.embedder import Embedder

log = logging.getLogger("retain.app")


@dataclass
class Services:
    settings: Settings
    db: AppDatabase
    data: StoreData
    llm: LLMGate
    chat: ChatDeps
    limiter: RateLimiter
    metrics: Metrics
    router: StoreRouter
    turns: OpenTurns  # conversations answering a message, held in the app database
    events: EventService | None = None
    alerts: AlertService | None = None

    def warm(self) -> None:
        """Load the store, scores and indexes, and embed the router's examples, now rather
        than on the first request."""
        self.data.warm()
        self.router.current()
        # Forecasts take seconds each: the usual horizons are computed in the background.
        threading.Thread(
            target=self.data.warm, args=(USUAL_HORIZON_DAYS,), name="warm-forecasts", daemon=True
        ).start()

    def start(self) -> None:
        """Start the background work: the webhook sender, then the events worker, which first
        tells the alerts the batches a previous run applied but did not finish telling them
        of, then applies whatever it left pending (a crash between logging and applying, or
        between applying and storing the alerts, loses nothing)."""
        if self.alerts is not None:
            self.alerts.start()
        if self.events is not None and self.settings.events_worker:
            self.events.start()

    def close(self) -> None:
        self.turns.close()
        if self.events is not None:
            self.events.stop()
        if self.alerts is not None:
            self.alerts.stop()
        self.data.close()
        self.db.close()


def default_chat_model(settings: Settings) -> Callable[[], ChatModel]:
    """The configured LLM, loaded on first use (drafting or an unclear question)."""

    def load() -> ChatModel:
        from assistant.llm.factory import LLMConfig, load_from_config

        log.info("loading the chat model", extra={"pack": settings.llm_pack})
        return load_from_config(LLMConfig.from_settings(settings), settings.home)

    return load


def default_embedder(settings: Settings) -> Embedder:
    from retrieval.embedder import MiniLMEmbedder

    return MiniLMEmbedder(device=settings.device)


def build_services(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    load_chat_model: Callable[[], ChatModel] | None = None,
) -> Services:
    """Open the app database and the store, and build the router (embeds its examples)."""
    from assistant.chat.routing import make_fallback, make_router

    db = AppDatabase(settings.app_database_url())
    db.create_all()
    data = StoreData(Workspace(settings.home), settings)
    raw_embedder = embedder or default_embedder(settings)
    # Concurrent chats share embedding passes, and repeated phrasings skip the model.
    shared_embedder = BatchingEmbedder(raw_embedder)
    llm = LLMGate(load_chat_model or default_chat_model(settings), settings.llm_queue_size)
    router = make_router(data, shared_embedder)
    alerts = AlertService(db, settings, lambda: data.segment_frame()["segment"])
    # New reviews join the review index: its vectors are the bare embedder's.
    events = EventService(settings, db, lambda: raw_embedder, data.workspace, readers=data)
    events.listeners.append(alerts.on_applied)
    chat = ChatDeps(
        settings=settings,
        db=db,
        conversations=ConversationStore(db),
        data=data,
        route=router,
        fallback=make_fallback(llm, router, settings.route_llm_timeout_s),
        llm=llm,
        embedder=lambda: shared_embedder,
        alerts=alerts.store,
    )
    return Services(
        settings=settings,
        db=db,
        data=data,
        llm=llm,
        chat=chat,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        metrics=Metrics(),
        router=router,
        turns=OpenTurns(db),
        events=events,
        alerts=alerts,
    )
