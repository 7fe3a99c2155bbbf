"""Who a draft names: the customer it greets or thanks, and who it is signed by.

verify.py runs these on the draft as written. What each refuses, and why:

- a greeting's or thanks' addressee that is not the customer's first name ("Hi Bob" or
  "Thank you, Bob," to Ada), or, when the facts give no name, anything but a neutral word
  ("Hi there", allowed with a name too);
- a sender the facts do not name: the words after a closing ("Best wishes, Bob") or a
  signature line must be the policy's sign-off, a merchant phrase, or plain words ("the
  team"). A model that signs with a name invented a person.
"""

import re
import unicodedata

from assistant.drafting.extract import normalise
from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

# A greeting at the start of a line or sentence; the words after it are read by _addressees.
GREETING = re.compile(
    r"(?im)(?:^|(?<=[.!?:])\s+)\s*(?:hi|hello|hey|dear|greetings|welcome\s+back"
    r"|good\s+(?:morning|afternoon|evening))\b"
)
SEPARATOR = re.compile(r"\s*,\s*|\s+")
AFTER_TITLE = re.compile(r"\.?(?:\s*,\s*|\s+)")  # "Dear Dr. Ada", "Hi again, Ada"
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# A word that ends the greeting ("Hello, Ada!"); after a comma, only such a word is an
# addressee ("Hello, we miss you" greets no one by name).
ENDS_GREETING = re.compile(r"(?m)\s*[,!.:;]|\s*$")
NEUTRAL_ADDRESSEES = {"there", "friend", "friends", "everyone", "everybody", "all", "folks"}
NEUTRAL_ADDRESSEES |= {"customer", "customers", "team", "you", "sir", "madam"}
# Words after "Hello" that are not an addressee at all: "Hello from the team", "Hi and welcome",
# "Welcome back after your time away" (what follows is read by absence.py, not as a name).
NOT_ADDRESSEES = {"from", "and", "to", "again", "back", "after", "for", "with", "since", "into"}
# Words read past to the addressee: a title ("Dear Ms Ada"), a kind word ("Hello lovely Ada"),
# "again" ("Hi again, Ada"), a second greeting ("Hey hey Ada").
BEFORE_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "again", "back", "hi", "hey"}
BEFORE_NAMES |= {"lovely", "dear", "dearest", "valued", "wonderful", "fellow", "my", "our"}
# Joins a second addressee to the first: "Hi Ada and Bob", "Dear Sir or Madam".
ALSO = re.compile(r"(?i)\s+(?:and|or|&)\s+")
# Thanks to someone by name: "Thank you, Bob, for...", "Thanks again, Ada!". Only a capitalised
# word that ends the phrase is an addressee ("Thank you for being with us" thanks no one).
THANKS = re.compile(
    r"(?i:\bthank(?:s|\s+you)(?:\s+(?:again|so\s+much|very\s+much))?)\s*,?\s+"
    r"([A-Z][^\W\d_]*(?:['-][^\W\d_]+)*)(?=\s*[,!.:;]|\s*$)",
    re.M,
)
# A closing before the sender's name: "Best wishes, Bob", "Regards,\nBob".
_CLOSING = (
    r"(?:best(?:\s+wishes|\s+regards)?|kind(?:est)?\s+regards|warm(?:est)?\s+(?:regards|wishes)"
    r"|regards|cheers|sincerely|yours(?:\s+truly|\s+sincerely)?|warmly|all\s+the\s+best"
    r"|with\s+(?:love|thanks|gratitude)|love|many\s+thanks)"
)
CLOSING_LINE = re.compile(rf"(?i){_CLOSING}\s*[,!.:-]*")
# The sender after a closing that starts the last sentence: "... May 1. Best wishes, Bob".
SIGNED_AFTER = re.compile(rf"(?i)(?:^|[.!?]\s+){_CLOSING}\s*[,:-]\s*(?P<name>[^.!?]+?)[.!]?$")
# A last line that is only capitalised words ("Bob", "Bob Smith"): a signature.
SIGNATURE_LINE = re.compile(r"[A-Z][^\W\d_]*(?:[ '-][A-Z][^\W\d_]*){0,3}")
# A last line that signs for a house: "The Brew Barn team", "Your friends at Brew Barn". Read
# as a signature too, so a house the settings do not name is refused like a person.
_HOUSE_WORD = r"[A-Z0-9][\w'\u2019&.-]*"
HOUSE_LINE = re.compile(
    rf"(?:(?i:the|your)\s+)?(?:{_HOUSE_WORD}\s+){{1,3}}(?i:team|crew|folks)[.!]?"
    rf"|(?i:your\s+friends|everyone|all\s+of\s+us|the\s+team)\s+at\s+{_HOUSE_WORD}"
    rf"(?:\s+{_HOUSE_WORD}){{0,3}}[.!]?"
)
# Plain words a signature may hold besides the sign-off ("The Coffee team", "Your friends at").
SIGNATURE_WORDS = {"the", "team", "your", "our", "all", "at", "us", "from", "and", "of", "everyone"}
SIGNATURE_WORDS |= {"friends", "folks", "crew", "store", "shop", "customer", "care", "service"}


def greeting(text: str, grounding: Grounding) -> list[Violation]:
    """The word after "Hi", "Dear", "Hello" or a "Thank you," must be the customer's first
    name as the facts give it, or a neutral word ("there", "friend"), which is never wrong."""
    names = {normalise(name).rstrip(".").casefold() for name in grounding.names}
    allowed = names | NEUTRAL_ADDRESSEES | NOT_ADDRESSEES
    allowed |= {value.casefold() for value in grounding.foreign}  # copied_example says it better
    greet = f"'Hi {grounding.names[0]},'" if grounding.names else "'Hi there,'"
    return [
        Violation(
            "wrong_name",
            word,
            f"'{word}' is not the customer's name in the facts: greet with {greet}",
        )
        for word in [
            *(m.group(0) for m in _greeted(text, names, grounding.phrases)),
            *(m.group(1) for m in THANKS.finditer(text) if not _phrase_at(text, m, grounding)),
        ]
        if re.sub(r"'s$", "", word).casefold() not in allowed
    ]


def _phrase_at(text: str, thanks: re.Match[str], grounding: Grounding) -> bool:
    """True when a merchant phrase stands where a thanks names someone ("Thanks, Coffee")."""
    rest = text[thanks.start(1) :].casefold()
    return any(rest.startswith(phrase.casefold()) for phrase in grounding.phrases if phrase)


def greeted_name(text: str, grounding: Grounding) -> list[tuple[int, int]]:
    """Where a greeting addresses the customer by the name the facts give ("Hi Free,"): text
    the customer chose, read for no claim or promise there."""
    names = {normalise(name).rstrip(".").casefold() for name in grounding.names}
    return [
        m.span()
        for m in _greeted(text, names, grounding.phrases)
        if re.sub(r"'s$", "", m.group(0)).casefold() in names
    ]


def _greeted(text: str, names: set[str], phrases: tuple[str, ...]) -> list[re.Match[str]]:
    return [
        word
        for match in GREETING.finditer(text)
        for word in _addressees(text, match.end(), names, phrases)
    ]


def _addressees(
    text: str, at: int, names: set[str], phrases: tuple[str, ...]
) -> list[re.Match[str]]:
    """The words a greeting ending at `at` addresses: "Hi Ada" [Ada], "Dear Ms Ada" [Ada],
    "Hi there, Bob!" [there, Bob], "Hi Ada and Bob" [Ada, Bob]. A grounded phrase ("Hello
    Coffee lover", the favourite category) addresses no one by name."""
    found: list[re.Match[str]] = []
    separator = SEPARATOR.match(text, at)
    while separator:
        word = WORD.match(text, separator.end())
        if word is None:
            break
        if "," in separator.group(0) and not ENDS_GREETING.match(text, word.end()):
            break  # "Hello, we miss you": a sentence, not an addressee
        rest = text[word.start() :].casefold()
        if any(rest.startswith(phrase.casefold()) for phrase in phrases if phrase):
            break
        key = word.group(0).casefold()
        if key in BEFORE_NAMES and key not in names:  # a customer may be called Dear
            separator = AFTER_TITLE.match(text, word.end())
            continue
        found.append(word)
        if key in NOT_ADDRESSEES:
            break
        also = ALSO.match(text, word.end())
        if also:  # "Hi Ada and Bob", "Dear Sir or Madam": the second is an addressee too
            separator = also
        elif key in NEUTRAL_ADDRESSEES:
            # "Hi there, Bob!", "Hello friend Bob,": a name after a neutral word ends the
            # greeting ("Hi everyone at home" names no one).
            separator = SEPARATOR.match(text, word.end())
            after = WORD.match(text, separator.end()) if separator else None
            if after is None or not ENDS_GREETING.match(text, after.end()):
                break
        else:
            break
    return found


def sender(text: str, grounding: Grounding, sign_off: str) -> list[Violation]:
    """A name signing the draft that is not the policy's sign-off: an invented sender."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return []
    last = lines[-1]
    if len(lines) > 1 and (
        CLOSING_LINE.fullmatch(lines[-2])
        or SIGNATURE_LINE.fullmatch(last)
        or HOUSE_LINE.fullmatch(last)
    ):
        signed = last  # "Regards,\nBob", "...\nBob", "...\nThe Brew Barn team"
    else:
        after = SIGNED_AFTER.search(last)
        signed = after.group("name") if after else ""
    return _check_signed(signed.strip(), grounding, sign_off)


def _check_signed(signed: str, grounding: Grounding, sign_off: str) -> list[Violation]:
    if not signed or len(signed.split()) > 5:
        return []  # a sentence, not a signature
    allowed = {phrase.casefold() for phrase in (sign_off, *grounding.phrases) if phrase}
    if signed.casefold() in allowed:
        return []
    known = {_folded(w) for phrase in allowed for w in WORD.findall(phrase)}
    invented = [
        word
        for word in WORD.findall(signed)
        if word[0].isupper() and _folded(word) not in known | SIGNATURE_WORDS
    ]
    if not invented:
        return []
    return [
        Violation(
            "wrong_name",
            signed,
            f"'{signed}' signs the message as someone the facts do not name: sign off with "
            f"'{sign_off}'",
        )
    ]


def _folded(word: str) -> str:
    """A word as a signature is compared: "Cafe" is "Café", "Smiths" is "Smith's" (a model
    drops accents and apostrophes from a house name, which makes it no other sender)."""
    plain = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c) and c != "'")
