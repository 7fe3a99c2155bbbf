"""`create_app(settings)`: the FastAPI app, its middleware, routes and lifetime."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from assistant.api.errors import install_error_handlers
from assistant.api.limits import BodyLimit
from assistant.api.observability import RequestLog
from assistant.api.routes import alerts, chat, conversations, data, events, health, me, tools
from assistant.api.services import Services, build_services
from assistant.settings import Settings
from assistant.web import mount_web


def create_app(
    settings: Settings, services: Callable[[Settings], Services] = build_services
) -> FastAPI:
    """The app. `services` builds the long-lived parts at start-up (tests pass fakes in)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = services(settings)
        built.warm()  # heavy loads happen here, once, never per request
        built.start()  # background workers (events)
        app.state.services = built
        try:
            yield
        finally:
            built.close()

    app = FastAPI(
        title="Retain",
        summary="A retention assistant over your store's own data.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    for module in (health, me, chat, conversations, data, tools, alerts, events):
        app.include_router(module.router)
    mount_web(app)  # the chat page at / (static files, no CDN)
    events_limit = (settings.events_max_request_bytes, "RETAIN_EVENTS_MAX_REQUEST_BYTES")
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_request_bytes, paths={"/v1/events": events_limit}
    )
    app.add_middleware(RequestLog)  # outermost: times and logs refusals too
    return app
