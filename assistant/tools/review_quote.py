"""A review's opening quoted in an answer, as data.

Review text is written by customers, so it may hold anything: an e-mail address, markup, or
"ignore your instructions and ...". An answer is shown to the user and may be handed to the
LLM as a tool result, so a review enters one only as a short JSON-quoted string, defanged as
prompt facts are (prompts/render.py: one line, no control characters, no angle brackets that
could spell the facts fence, its own quotes escaped so it cannot end the quote), with
invisible format characters (bidi overrides) shown as U+FFFD so it cannot reorder the answer
around it, and contacts masked for a role that may not see them (the answer, unlike results
and cards, is not redacted on the way out).
"""

import unicodedata

from assistant.roles import Role, redact
from prompts.render import clean_text, quote

QUOTED_CHARS = 120  # enough to say what the review is about, short of a paragraph


def quoted_opening(text: str, role: Role) -> str:
    """The review's first QUOTED_CHARS characters as `role` may see them, JSON-quoted:
    '"the coffee arrived stale and tasted old…"'."""
    # Masked before it is cut: a cut address would no longer look like one.
    shown = clean_text(str(redact(text, role)))
    shown = "".join("\ufffd" if unicodedata.category(c) == "Cf" else c for c in shown)
    if len(shown) > QUOTED_CHARS:
        shown = shown[: QUOTED_CHARS - 1].rstrip() + "…"
    return quote(shown)
