"""Tidying a model's draft before it is verified: formatting noise only, never its claims.

Small models wrap good copy in noise: a code fence, a "Here is the email:" preamble, markdown
bold on the subject, quotes around an SMS, square brackets around a value they were given
("Dear [Bjarne],"), or a made-up next turn of the chat after the copy ("Human: ..."). Each
rule removes only text that is not copy, so the verifier reads the same numbers, dates,
products and promises in the copy before and after; anything it cannot safely tidy (a real
placeholder such as "[Your Name]") is left for the verifier to reject.
"""

import re
from collections.abc import Iterable

_FENCE = re.compile(r"^\s*```[\w-]*\s*$")
# A model that does not end its turn writes the next one itself ("Human: can you ...").
TURN_MARKERS = ("Human:", "User:", "Assistant:", "<|im_start|>", "<|endoftext|>")
_TURN = re.compile(r"^\s*(?:Human|User|Assistant)\s*:|<\|im_start\|>|<\|endoftext\|>", re.M)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_SUBJECT = re.compile(r"^\s*(?:#+\s*)?(?:email\s+)?subject(?:\s+line)?\s*:\s*", re.I)
# A line that introduces the copy instead of being part of it.
_PREAMBLE = re.compile(
    r"^\s*(?:sure|certainly|of course|okay|ok|here(?:'s| is| are)|below is)\b.*$|^[^.!?]*:\s*$",
    re.I,
)
_LABEL = re.compile(r"^\s*(?:sms|text message|message|email|body)\s*:\s*", re.I)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,80})\]")
_QUOTES = ('"', "'", "\u201c", "\u201d")


def tidy_email(text: str, values: Iterable[str] = ()) -> str:
    """An email draft without fences, preamble, markdown bold or brackets around given values.

    `values` are the fact texts the model was given (its name, dates, titles, sign-off): a
    bracketed one is unwrapped, since "[Bjarne]" claims exactly what "Bjarne" does.
    """
    lines = _without_fences(text).splitlines()
    lines = [_BOLD.sub(lambda m: m.group(1) or m.group(2), line) for line in lines]
    subject = next((i for i, line in enumerate(lines) if _SUBJECT.match(line)), None)
    if subject is not None:
        # Lines before the subject are kept only when they are not a preamble.
        head = [line for line in lines[:subject] if line.strip() and not _PREAMBLE.match(line)]
        lines = [*head, _SUBJECT.sub("Subject: ", lines[subject], count=1), *lines[subject + 1 :]]
    return unwrap_values("\n".join(lines), values).strip()


def tidy_sms(text: str, values: Iterable[str] = ()) -> str:
    """An SMS draft on one line, without fences, a label, preamble or quotes around it."""
    lines = [line for line in _without_fences(text).splitlines() if line.strip()]
    while len(lines) > 1 and _PREAMBLE.match(lines[0]):
        lines = lines[1:]
    message = " ".join(line.strip() for line in lines)
    message = _LABEL.sub("", message, count=1).strip()
    if len(message) >= 2 and message[0] in _QUOTES and message[-1] in _QUOTES:
        message = message[1:-1].strip()
    return unwrap_values(message, values)


def tidy_summary(text: str, values: Iterable[str] = ()) -> str:
    """A segment summary without fences, markdown bold or brackets around given values."""
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), _without_fences(text))
    return unwrap_values(text, values).strip()


def unwrap_values(text: str, values: Iterable[str]) -> str:
    """Remove square brackets around text that is exactly one of `values` (case-insensitive)."""
    known = {" ".join(v.split()).lower() for v in values if v and v.strip()}

    def one(match: re.Match[str]) -> str:
        inner = " ".join(match.group(1).split())
        return inner if inner.lower() in known else match.group(0)

    return _BRACKETED.sub(one, text)


def _without_fences(text: str) -> str:
    """The text up to any made-up next turn, without code-fence lines."""
    if turn := _TURN.search(text):
        text = text[: turn.start()]
    return "\n".join(line for line in text.strip().splitlines() if not _FENCE.match(line))
