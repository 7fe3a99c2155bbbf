"""Words of review text for naming themes: tokens, stop words, and class-based TF-IDF.

c-TF-IDF (as BERTopic names topics): treat each cluster's reviews as one document; a term's
weight in a cluster is its frequency there times log(1 + average words per cluster / its
frequency over all clusters). Terms common everywhere ("coffee" in a coffee shop) sink;
terms that mark one cluster ("stale", "arrived broken") rise.
"""

import itertools
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

MARKUP = re.compile(r"<[^>]{0,200}>|&[a-z]{2,8};|&#\d{1,6};")  # tags like <br />, entities
WORD = re.compile(r"[a-z][a-z']*[a-z]")

STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each even ever every few for from further get got had hadn't
has hasn't have haven't having he her here hers herself him himself his how i i'd i'll i'm i've
if in into is isn't it it's its itself just let's like made make many may me might more most
much must mustn't my myself never no nor not now of off on once one only or other ought our ours
ourselves out over own really same she should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this those
through to too two under until up us very was wasn't we we'd we'll we're we've were weren't what
what's when where which while who whom why will with won't would wouldn't you you'd you'll
you're you've your yours yourself yourselves br quot amp http https www com would've still
though thing things lot bit well go going went back way since use used using try tried also
""".split()
)


def tokens(text: str) -> list[str]:
    """Lower-case words and adjacent-word pairs, without markup and stop words."""
    words = [w for w in WORD.findall(MARKUP.sub(" ", text.lower())) if w not in STOP_WORDS]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def class_tfidf(documents: Sequence[Sequence[str]], min_count: int = 2) -> list[dict[str, float]]:
    """c-TF-IDF weights per cluster; `documents[c]` holds the texts of cluster c."""
    counts = [Counter(t for text in texts for t in tokens(text)) for texts in documents]
    overall: Counter[str] = Counter()
    for cluster in counts:
        overall.update(cluster)
    average_words = np.mean([sum(c.values()) for c in counts]) if counts else 0.0
    weights = []
    for cluster in counts:
        size = max(1, sum(cluster.values()))
        weights.append(
            {
                term: (n / size) * float(np.log1p(average_words / overall[term]))
                for term, n in cluster.items()
                if n >= min_count
            }
        )
    return weights


def top_terms(weights: dict[str, float], n: int = 3) -> list[str]:
    """The n heaviest terms; a pair replaces the single words it contains (and wins ties)."""
    chosen: list[str] = []
    for term in sorted(weights, key=lambda t: (-weights[t], -len(t.split()), t)):
        words = set(term.split())
        if words <= {w for c in chosen for w in c.split()}:
            continue  # says nothing the chosen terms do not
        chosen = [c for c in chosen if not set(c.split()) <= words]
        chosen.append(term)
        if len(chosen) == n:
            break
    return chosen
