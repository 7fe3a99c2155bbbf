"""The store's own words that settings put into every offer: its name and an email's sign-off.

Both reach the model's prompt (quoted as data, prompts/render.py) and the customer's copy, and
the offer checker takes them as merchant text: it reads nothing inside them for claims, so
"Half Price Books" or "Free Range Tea Co." can be named. That is why they are held to plain
words here, when settings load, rather than trusted:

- one line, no control or invisible characters (a newline would start a line of its own in
  the prompt; a right-to-left mark would hide what the customer reads);
- only letters, digits, spaces, apostrophes (straight or curly) and . , & - : no braces or
  brackets (a "{first_name}" or "[Your Name]" slot the checker would no longer see), no
  quotes, angle brackets or "<facts>" fence, no %, money symbols, @ or / (a discount, a
  price or a link inside a name);
- no dot inside a word ("happybrew.shop" is a web address; "Co." is not);
- short: a name, not a paragraph of instructions.

Kept apart from assistant/drafting, which imports the models: settings load without them.
"""

import itertools
import unicodedata

MAX_HOUSE_CHARS = 60
# Above this many words the checker (drafting/names.py) reads a last line as a sentence, not a
# signature, and could not tell the sign-off from another signer.
MAX_SIGN_OFF_WORDS = 5
PUNCTUATION = "'\u2019.,&-"
# Unicode categories that are letters, combining marks (the accent of a decomposed "é") or digits.
WORD_CATEGORIES = ("L", "M", "Nd")


def plain_house_text(text: str) -> str:
    """`text` on one line with single spaces, as it is compared with a draft."""
    return " ".join(text.split())


def house_text_problem(variable: str, text: str, max_words: int | None = None) -> str | None:
    """What makes `text` unfit to stand in every offer, worded for the user; None if fit.

    `text` is the value as set (whitespace is collapsed first); `variable` names the setting.
    """
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in text.strip()):
        return (
            f"{variable} holds a control or invisible character (a newline, tab or direction "
            "mark): it must be one line of plain text"
        )
    plain = plain_house_text(text)
    if not plain:
        return f"{variable} is empty: unset it for the default, or give the words to use"
    if len(plain) > MAX_HOUSE_CHARS:
        return f"{variable} is {len(plain)} characters; at most {MAX_HOUSE_CHARS}"
    words = len(plain.split())
    if max_words is not None and words > max_words:
        return (
            f"{variable}={plain} is {words} words; at most {max_words}: a longer last line "
            "reads as a sentence, and the checker could not tell it from another signer"
        )
    odd = next((c for c in plain if not _allowed(c)), None)
    if odd is not None:
        return (
            f"{variable}={plain} holds '{odd}': only letters, digits, spaces and "
            f"{' '.join(PUNCTUATION)} may be used (it is copied into prompts and every offer)"
        )
    if not any(unicodedata.category(c).startswith("L") for c in plain):
        return f"{variable}={plain} holds no letter: it must be words a customer can read"
    if any(a == "." and b.isalnum() for a, b in itertools.pairwise(plain)):
        return (
            f"{variable}={plain} has a dot inside a word, which reads as a web address "
            "(offers carry no links)"
        )
    return None


def _allowed(character: str) -> bool:
    category = unicodedata.category(character)
    return character == " " or character in PUNCTUATION or category.startswith(WORD_CATEGORIES)
