"""Checking the alert webhook's URL at load (and whether plain http would leave this machine),
and showing it without its secret part."""

import ipaddress
import re
from urllib.parse import urlsplit

# Names that always mean this machine (RFC 6761); a trailing dot is the same name, fully
# qualified. Other names may resolve anywhere, so only addresses are judged beyond these.
LOOPBACK_NAMES = frozenset({"localhost"})


def webhook_url_problem(url: str) -> str | None:
    """What makes `url` unusable as a webhook ("is not a URL: Invalid IPv6 URL"), or None.

    Caught at load: an address httpx cannot even parse would otherwise fail every try, for ever.
    """
    if not url.lower().startswith(("http://", "https://")):  # schemes ignore case (RFC 3986)
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
    if parts.port == 0:
        return "names port 0, which no server listens on"
    try:  # as sending will: labels of 1 to 63 characters, and "xn--" ones valid punycode
        parts.hostname.encode("idna").decode("idna")
    except UnicodeError as error:
        return f"is not a URL: its host cannot be encoded ({error})"
    if not _is_address(parts.hostname):
        labels = parts.hostname.split(".")
        edged = [label for label in labels if label.startswith("-") or label.endswith("-")]
        if edged:  # DNS names never begin or end a label with a hyphen (RFC 952, 1123)
            return f"names host {parts.hostname}, whose label '{edged[0]}' starts or ends with '-'"
    return None


def plain_http_off_machine(url: str) -> str | None:
    """The host a plain-http `url` would send to across a network; None for https, or for a
    loopback host ('localhost', 'localhost.', any 127.x.x.x, '::1'). For a URL that passes
    webhook_url_problem."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme.lower() != "http" or is_loopback(host):
        return None
    return host


def is_loopback(host: str) -> bool:
    """Whether `host` always means this machine: a loopback address (127.0.0.0/8, ::1, or
    IPv4 loopback mapped into IPv6) or the name localhost, fully qualified or not."""
    name = host.lower().removesuffix(".")
    if name in LOOPBACK_NAMES:
        return True
    if not _is_address(name):
        return False
    address = ipaddress.ip_address(name)
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def without_path(url: str) -> str:
    """The URL up to its host: a webhook's path or query often is its token (Slack's are), and
    errors end up in terminals and logs."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "…" if len(url) > 8 else url
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]  # no user:password either
    return f"{scheme}://{host}" + ("/…" if len(rest) > len(authority) else "")
