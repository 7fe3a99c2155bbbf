"""The web page: a single-page chat served by the app itself (plain HTML, JS and CSS, no CDN).

`mount_web(app)` serves the page at "/" and its files at "/static". The page talks to the
same /v1 API as every other client; it holds no data of its own and keeps the API key in the
browser tab's sessionStorage only.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

# Everything the page loads comes from this server; nothing inline may run. Reviews and names
# are rendered as text, and this is the second line of defence if one ever is not.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",  # the page is tiny; a new release shows at once
}


def mount_web(app: FastAPI) -> None:
    """Serve the chat page at "/" and its scripts, styles and icon at "/static"."""
    index = STATIC / "index.html"

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(index, media_type="text/html", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
