"""What a draft claims, as found by extract.py: numbers, dates, times of day, codes, promises,
terms and lengths of time.

Each mention keeps its text and where it starts, so verify.py can name it in a refusal and
placement.py can tell what sits beside it.
"""

from dataclasses import dataclass, field
from typing import Literal

from assistant.drafting.dates import DateReading, Relative
from assistant.drafting.durations import DurationMention
from assistant.drafting.terms import TermMention
from assistant.drafting.times import TimeMention

Unit = Literal["money", "percent", "plain"]
# Which side of a written figure the fact may lie (shares.py): "about" either, "over" above
# ("over 1,200"), "under" below ("nearly two thirds").
Hedge = Literal["about", "over", "under"]


@dataclass(frozen=True)
class NumberMention:
    text: str
    start: int
    value: float
    quantum: float  # the precision written: 1 for "12", 0.01 for "12.50", 1e5 for "1.2 million"
    unit: Unit
    discount: bool = False  # written as an amount or percentage off ("15% off", "save $5")
    hedge: Hedge | None = None  # "about 1,200", "half of them": a rounded figure
    # The rounding a hedge allows: 100 for "about 1,200", 25 for "half" (shares.py).
    hedged_quantum: float = 0.0


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    readings: tuple[DateReading, ...]  # empty: a relative date
    deadline: bool = False  # written as an end ("until May 1"): only the offer's end may be it
    # Counted from the day the copy is written ("last week"); None: a date, or a relative word
    # no fact can ground ("this weekend").
    relative: Relative | None = None


@dataclass(frozen=True)
class CodeMention:
    text: str
    start: int


@dataclass(frozen=True)
class PromiseMention:
    text: str
    start: int
    perk: str  # a settings.PERKS entry, or "other" (never allowed)


@dataclass
class Mentions:
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    codes: list[CodeMention] = field(default_factory=list)
    promises: list[PromiseMention] = field(default_factory=list)
    terms: list[TermMention] = field(default_factory=list)
    durations: list[DurationMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
