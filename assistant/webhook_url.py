"""Checking the alert webhook's URL at load, and showing it without its secret part."""

import re
from urllib.parse import urlsplit


def webhook_url_problem(url: str) -> str | None:
    """What makes `url` unusable as a webhook ("is not a URL: Invalid IPv6 URL"), or None.

    Caught at load: an address httpx cannot even parse would otherwise fail every try, for ever.
    """
    if not url.startswith(("http://", "https://")):
        return "is not an http(s) URL"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number
    except ValueError as error:  # "https://[::1/hook", "https://host:abc/x"
        return f"is not a URL: {error}"
    if any(c.isspace() or not c.isprintable() for c in url):
        return "is not a URL: it holds a space or a control character"
    if not parts.hostname:
        return "names no host"
    try:  # as sending will: labels of 1 to 63 characters, and "xn--" ones valid punycode
        parts.hostname.encode("idna").decode("idna")
    except UnicodeError as error:
        return f"is not a URL: its host cannot be encoded ({error})"
    return None


def without_path(url: str) -> str:
    """The URL up to its host: a webhook's path or query often is its token (Slack's are), and
    errors end up in terminals and logs."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "…" if len(url) > 8 else url
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]  # no user:password either
    return f"{scheme}://{host}" + ("/…" if len(rest) > len(authority) else "")
