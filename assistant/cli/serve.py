"""`retain serve`: the assistant's HTTP API and web page."""

from typing import Annotated

import typer

from assistant.cli.console import command_settings, err, fail, literal, with_app_database
from assistant.settings import LOOPBACK_HOSTS, Settings
from commerce.errors import Forbidden


def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    grace: Annotated[
        int, typer.Option(min=0, max=600, help="Seconds in-flight answers get at shutdown")
    ] = 30,
) -> None:
    """Serve the chat API (docs at /docs) and the web page. Loads the store, scores and indexes
    once at start-up; the LLM loads on the first request that writes text."""
    import uvicorn

    from assistant.api import create_app
    from assistant.api.observability import configure_logging

    settings = command_settings()
    if settings.environment == "production":
        refuse_live_demo_keys(settings)
    configure_logging(settings.log_level)
    one_thread_per_request()
    err.print(f"Retain on http://{literal(host)}:{port} (API docs at /docs); Ctrl-C stops it")
    if host not in LOOPBACK_HOSTS:
        err.print(
            f"warning: {literal(host)} is reachable from other machines and Retain speaks plain "
            "HTTP: put a TLS proxy in front of it before keys and customer data cross a network",
            style="yellow",
            highlight=False,
        )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_config=None,
        access_log=False,  # requests are logged as JSON by the app itself
        timeout_graceful_shutdown=grace,
    )


def one_thread_per_request() -> None:
    """Requests run side by side on the server's threads: one faiss thread each beats every
    search fanning out over all cores and queueing behind the others (32 ms with all threads
    under load, 0.2 ms with one). Torch keeps its threads: its pool is process-wide and the
    LLM needs every core to write fast (RETAIN_LLM_THREADS)."""
    import faiss

    faiss.omp_set_num_threads(1)


def refuse_live_demo_keys(settings: Settings) -> None:
    """Production serves no store whose demo keys still work: their plaintext lies in the
    workspace, and anyone who reads the README knows how to print them."""
    from assistant.persistence.demo_keys import FILE, live_demo_keys

    live = with_app_database(settings, lambda db: live_demo_keys(db, settings.home))
    if live:
        ids = ", ".join(str(p.key_id) for p in live)
        fail(
            Forbidden(
                f"RETAIN_ENVIRONMENT=production refuses to serve while demo keys work (ids {ids}; "
                f"their plaintext is in {settings.home / FILE}): revoke each with "
                "`retain keys revoke ID`"
            )
        )
