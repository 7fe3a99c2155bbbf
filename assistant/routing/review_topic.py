"""The words the sentiment summary counts reviews by (review_sentiment's `about`): the review
topic asked ("what's the sentiment of earl grey reviews", "how do people feel about the
packaging"), when it is a few words of its own. Not a topic the categories asked already are
("complaints about coffee": Coffee's reviews), nor one as wide as the store ("about our
products"); nor a long phrase, which few reviews would say word for word: those get the
whole summary with a note pointing to the search, which reads meaning (arg_notes._no_topic).
"""

from collections.abc import Mapping
from typing import Any

from assistant.routing.extract import Extraction
from assistant.routing.phrases import generic

MAX_WORDS = 3  # "earl grey", "late delivery", "bitter after taste"
# Words that join the categories asked ("sentiment of tea vs coffee reviews"): no topic.
JOINERS = frozenset("vs versus or and against".split())


def own_topic(x: Extraction, values: Mapping[str, Any]) -> str | None:
    """The review topic asked, where it is one of its own: not a text to analyse, the store as
    a whole, or the categories asked (`values`, the call's arguments); else None."""
    topic = x.topic
    if topic is None or x.quoted is not None or "text" in values or generic(topic):
        return None
    category = values.get("category")
    # A category's reviews are what it sums: "complaints about coffee", and so are several's
    # ("complaints about tea or coffee": the topic "tea coffee", the categories "Tea, Coffee").
    named = set(category.lower().replace(",", " ").split()) if isinstance(category, str) else set()
    if named and set(topic.lower().split()) - JOINERS <= named:
        return None
    return topic


def summed_topic(x: Extraction, values: Mapping[str, Any]) -> str | None:
    """The topic as the summary's `about`: its own (own_topic) and of at most MAX_WORDS."""
    topic = own_topic(x, values)
    return topic if topic is not None and len(topic.split()) <= MAX_WORDS else None
