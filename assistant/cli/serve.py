"""`retain serve`: the assistant's HTTP API and web page."""

from typing import Annotated

import typer

from assistant.cli.console import command_settings, err, literal


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
    configure_logging(settings.log_level)
    one_thread_per_request()
    err.print(f"Retain on http://{literal(host)}:{port} (API docs at /docs); Ctrl-C stops it")
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
