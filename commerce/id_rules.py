"""What an id may hold: at most 64 characters, printable ones only, and no path separators.

An id is a name people read and type: "00042", "B000EYLDYE", "o00042-3", "A-7",
"ann@shop.example". A character that cannot be seen or typed (a zero-width space, a
right-to-left override, a newline or a bell, a space other than the plain one) makes a lookalike
of another id, a customer chat can never reach; "/" and "\\" make a path, which
/v1/customers/{id} cannot carry. File ingest and events refuse both, naming the character and
its place (docs/data.md, "Parsing rules"). A longer id than a tool argument takes
(assistant/tools/args.py caps customer and product ids at MAX_ID_CHARS) would be stored but
never reached, so ingest and events refuse it too; real ids are far shorter (a UUID is 36).
"""

import unicodedata

MAX_ID_CHARS = 64
PATH_SEPARATORS = ("/", "\\")
# Python's str.isprintable() is False exactly for these categories (and for no plain space).
_KINDS = {
    "Cc": "a control character",
    "Cf": "an invisible character",
    "Zs": "an unusual space",  # a no-break or thin space, which reads as the plain one
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
    "Co": "a private-use character",
    "Cn": "an unassigned character",
    "Cs": "half of a character pair",
}


def is_plain_id(text: str) -> bool:
    """True when `text` may be an id: at most MAX_ID_CHARS characters, every one printable, no
    "/" or "\\"."""
    return (
        len(text) <= MAX_ID_CHARS
        and text.isprintable()
        and not any(sep in text for sep in PATH_SEPARATORS)
    )


def id_problem(text: str) -> str | None:
    """What keeps `text` from being an id, as a message's predicate ("has an invisible
    character U+200B at position 6", positions counted from 1), or None when it may be one."""
    if len(text) > MAX_ID_CHARS:
        return f"is {len(text):,} characters long: an id has at most {MAX_ID_CHARS}"
    for position, char in enumerate(text, start=1):
        if char in PATH_SEPARATORS:
            return f"has {char!r} at position {position}: ids are names, not paths (no / or \\)"
        if not char.isprintable():
            kind = _KINDS.get(unicodedata.category(char), "an unprintable character")
            return f"has {kind} U+{ord(char):04X} at position {position}"
    return None
