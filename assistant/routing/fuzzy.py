"""Finding a store's segment names in typed text: typos, plurals, case, hyphens and apostrophes.

Text is read as words. A named segment matches a run of words whose letters, spaces removed,
start like the name's (a typo rarely hits the first letter) and are within a few edits of it
("at-risk", "atrisk", "at rsik" all read "at risk"): no edit for names of up to four letters,
one up to seven, two beyond; a few short names people use count too ("champs"). Names that
are everyday words ("new", "lost", "loyal", "promising", "at risk") count only beside a word
that makes them a group ("new customers", "the loyal segment", "same for lost") or another
segment's name ("champions and loyal", "champions vs loyal"), so "what's new" names nothing;
not before a word for what is sold ("champions and new arrivals": new products, not customers).
Cluster names ("cluster: big baskets, high spend") match when the text says "cluster" and one
of the phrases that describe it ("the big baskets cluster").
"""

import re
from dataclasses import dataclass
from itertools import accumulate

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Everyday words that are also RFM segment names: they need a group word beside them.
EVERYDAY = frozenset({"new", "lost", "loyal", "promising", "at risk", "active", "regular"})
GROUP_WORDS = frozenset(
    "customer customers buyer buyers shopper shoppers client clients segment segments group "
    "groups cohort cohorts bucket buckets people ones users accounts members folks guys".split()
)
# Words an everyday name says something of that are sold, not customers: "new arrivals", "new
# products", "lost orders". Paired with a segment's name, the word is still no segment's.
SOLD = frozenset(
    "arrival arrivals product products item items release releases launch launches line lines "
    "range ranges stock addition additions order orders sale sales".split()
)
GROUP_BEFORE = frozenset({"segment", "group", "cohort", "bucket"})
TRAILING_FOR = frozenset({"for", "about", "to", "in", "on", "with", "of"})
# Short names people use for RFM segments; used only when the store has the segment.
# What joins two segments' names in a comparison or a list of them.
PAIRED = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bvs\b\.?|\bversus\b|\bv\b\.?)\s*(?:the\s+)?")
ALIASES = {"champs": "champions", "champ": "champions", "newcomers": "new", "newbies": "new"}


@dataclass(frozen=True)
class Word:
    text: str  # lower case, apostrophes removed
    start: int
    end: int


@dataclass(frozen=True)
class SegmentMatch:
    """A segment name found in text: the store's spelling and the characters it covers."""

    name: str
    start: int
    end: int
    edits: int


def words(text: str) -> list[Word]:
    """The words of lower-cased text with their character spans."""
    return [Word(m.group().replace("'", ""), m.start(), m.end()) for m in WORD.finditer(text)]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(letters: str) -> int:
    return 0 if len(letters) <= 4 else 1 if len(letters) <= 7 else 2


def close(typed: str, name: str) -> int | None:
    """Edits between a typed word run and a name (plurals forgiven), or None if too far."""
    limit = allowed_edits(name)
    best = limit + 1
    for variant in {typed, typed.removesuffix("s"), typed.removesuffix("es")}:
        if variant:
            best = min(best, edit_distance(variant, name, limit))
    return best if best <= limit else None


def find_segment(text: str, names: tuple[str, ...]) -> SegmentMatch | None:
    """The best segment name in `text` (lower case): fewest edits, then longest."""
    matches = segment_matches(text, names)
    return matches[0] if matches else None


def segment_matches(text: str, names: tuple[str, ...]) -> list[SegmentMatch]:
    """Every segment name in `text` (lower case), best first (as find_segment ranks them);
    matches may overlap."""
    found = words(text)
    matches = [m for name in names for m in _matches(found, name)]
    matches += [
        SegmentMatch(ALIASES[w.text], w.start, w.end, 0)
        for w in found
        if w.text in ALIASES and ALIASES[w.text] in names
    ]
    matches += _paired_everyday(text, found, names, matches)
    return sorted(matches, key=lambda m: (m.edits, -(m.end - m.start), m.start))


def _matches(found: list[Word], name: str) -> list[SegmentMatch]:
    if name.lower().startswith("cluster"):
        match = _cluster_match(found, name)
        return [match] if match else []
    target = [w.text for w in words(name.lower())]
    letters = "".join(target)
    if not letters:
        return []
    out = []
    slack = allowed_edits(letters) + 2  # edits, and a plural's "es"
    ends = list(accumulate((len(w.text) for w in found), initial=0))  # letters before each word
    for size in {max(1, len(target) - 1), len(target), len(target) + 1}:
        for i in range(len(found) - size + 1):
            if abs(ends[i + size] - ends[i] - len(letters)) > slack:
                continue  # cheap: most runs differ in length
            run = found[i : i + size]
            typed = "".join(w.text for w in run)
            if letters[0] not in typed[:2]:
                continue  # typos keep starts
            edits = close(typed, letters)
            if edits is None:
                continue
            if " ".join(target) in EVERYDAY and not _in_group(found, i, i + size):
                continue
            out.append(SegmentMatch(name, run[0].start, run[-1].end, edits))
    return out


def _paired_everyday(
    text: str, found: list[Word], names: tuple[str, ...], matches: list[SegmentMatch]
) -> list[SegmentMatch]:
    """Everyday names set beside another segment's ("compare champions and loyal", "loyal vs
    champions", "champions, loyal and lost"): the pair makes the word a segment, as a group
    word does."""
    everyday = {name.lower(): name for name in names if name.lower() in EVERYDAY}
    taken = list(matches)
    paired: list[SegmentMatch] = []
    grown = True
    while grown:  # a list of names pairs each with the one before
        grown = False
        for at, word in enumerate(found):
            name = everyday.get(word.text)
            if name is None or any(m.name == name for m in taken):
                continue
            if at + 1 < len(found) and found[at + 1].text in SOLD:
                continue
            if any(
                PAIRED.fullmatch(text[m.end : word.start])
                or PAIRED.fullmatch(text[word.end : m.start])
                for m in taken
            ):
                match = SegmentMatch(name, word.start, word.end, 0)
                taken.append(match)
                paired.append(match)
                grown = True
    return paired


def _in_group(found: list[Word], first: int, after: int) -> bool:
    """True when the words around found[first:after] make it a group of customers."""
    following = {w.text for w in found[after : after + 2]}
    preceding = {w.text for w in found[max(0, first - 2) : first]}
    if following & GROUP_WORDS or preceding & GROUP_BEFORE:
        return True
    # "same for lost", "what about loyal?": the name ends the message after a preposition.
    return after == len(found) and first > 0 and found[first - 1].text in TRAILING_FOR


def _cluster_match(found: list[Word], name: str) -> SegmentMatch | None:
    """A k-means cluster: the word 'cluster' and every word of at least one of its describing
    phrases ("big baskets" of "cluster: big baskets, high spend"), in any order. A numbered
    twin ("... (2)") needs its number too. More matched words make a better match."""
    described, _, number = name.lower().partition(":")[2].partition("(")
    number = number.strip(" )")
    cluster = [w for w in found if close(w.text, "cluster") is not None]
    if not cluster:
        return None
    hits: list[Word] = []
    for phrase in described.split(","):
        terms = [w.text for w in words(phrase)]
        matched = [_find(found, term) for term in terms]
        if terms and all(matched):
            hits.extend(w for w in matched if w is not None)
    if not hits:
        return None
    if number:
        numbered = _find(found, number)
        if numbered is None:
            return None
        hits.append(numbered)
    covered = [*hits, *cluster]
    return SegmentMatch(
        name, min(w.start for w in covered), max(w.end for w in covered), edits=-len(hits)
    )


def _find(found: list[Word], term: str) -> Word | None:
    """The first word that is `term`, or close to it for terms longer than two letters."""
    for word in found:
        if word.text == term or (len(term) > 2 and close(word.text, term) is not None):
            return word
    return None
