"""The message as extraction reads it: lower case, straight quotes, ASCII digits and plain
spaces, one character for one (so a position in it is a position in what was typed), with
what was read so far blanked out."""

import re
import unicodedata
from collections.abc import Callable, Iterable

from assistant.routing import quantities

# Curly and accent quotes typed on phones, made straight (written as escapes: ruff flags the
# look-alike characters themselves).
CURLY = {"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'}


def visible(message: str) -> str:
    """The message as a person sees it: terminal colour codes and other control characters
    made spaces, and invisible format characters (zero-width spaces, soft hyphens, direction
    marks) dropped, so that "4\u200b2", pasted from a web page, reads as 42, not as 4."""
    text = ANSI.sub(" ", message)
    if text.isascii() and (text.isprintable() or not CONTROL.search(text)):
        return text
    return "".join(_seen(c) for c in text)


def normalise(message: str) -> str:
    """Lower case with curly quotes made straight, every digit an ASCII one ("\uff14\uff12" is
    42) and every space a plain one, one character for one, so positions hold."""
    if message.isascii():  # the common case, without a call per character
        return message.translate(_ASCII_TABLE).lower()
    return "".join(_plain(c.lower()[:1] or c) for c in message.translate(_CURLY_TABLE))


def ascii_digits(message: str) -> str:
    """The message with every digit an ASCII one and nothing else changed ("\u0664\u0662" is
    42), one character for one."""
    return "".join(_plain(c) if c.isdecimal() else c for c in message)


ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")  # a terminal's colour and cursor codes
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # control characters that are not spaces
_CURLY_TABLE = str.maketrans(CURLY)
_ASCII_TABLE = str.maketrans({**CURLY, **{c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}})


def _seen(c: str) -> str:
    kind = unicodedata.category(c)
    if kind == "Cf":
        return ""
    return " " if kind == "Cc" and not c.isspace() else c


def _plain(c: str) -> str:
    """One character: a digit of any script as its ASCII digit (regex \\d matches them all, but
    an id or amount typed in them must read as the number), any space as a plain one (a line
    break, so that "text$" patterns read to the end of the message)."""
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    return " " if c.isspace() else c


class Reader:
    """The message with what has been read so far blanked out."""

    def __init__(self, message: str) -> None:
        self.original = message
        self.typed = ascii_digits(message)  # where ids are copied from: case kept, digits ASCII
        self.text = normalise(message)
        self.entities: list[tuple[int, int, str]] = []

    def take(self, start: int, end: int, kind: str = "") -> str:
        """Blank out text[start:end]; `kind` (customer, product, segment) records an entity."""
        piece = self.original[start:end]
        if kind:
            self.entities.append((start, end, kind))
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]
        return piece

    def first(self, mentions: Iterable[quantities.Mention]) -> float | None:
        """The first of the longest non-overlapping mentions, all of them taken."""
        chosen: list[quantities.Mention] = []
        covered = bytearray(len(self.text))  # marks chosen characters: linear in mentions
        for mention in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
            start, end, _ = mention
            if not any(covered[start:end]):
                chosen.append(mention)
                covered[start:end] = b"\x01" * (end - start)
        for start, end, _ in chosen:
            self.take(start, end)
        return min(chosen)[2] if chosen else None

    def read(self, finder: Callable[[str], Iterable[quantities.Mention]]) -> float | None:
        return self.first(list(finder(self.text)))
