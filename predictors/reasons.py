"""Why the model thinks a customer is at risk: feature attributions worded for people.

Attribution is gradient x input on the purchase logit, in the network's scaled input space
(0 = an average customer), so each number says how much a feature moved this customer away from
the average customer's odds of buying again. The most negative ones are the reasons for risk.

The network only corrects the classic BG/NBD answer (model.py), which it takes as a base offset
on the logit, and that base carries most of the recency signal: BG/NBD gives a customer who
bought weekly and then stopped 44 weeks ago a P(alive) under 1e-8, a move of -15 on the logit
that the network's inputs never show. So the part of the base that P(alive) accounts for counts
too, as BG/NBD's own view: it is added to the network's attribution of `classic_p_alive`.
"""

import math
from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd
import torch
from scipy.special import logit

from predictors.classic import BASE
from predictors.predictor import Predictor

# Only features whose direction a person can read as a reason ("long since the last purchase")
# are offered as reasons; amounts are left out, since "spent a lot" is no reason to leave.
UNKNOWN_WHEN_ZERO = {"rating_mean", "sentiment_mean"}
# The fields a template may use are filled by `phrase`: {count} a whole number with thousands
# separators, {s} "s" unless the count reads "1" ("1 review", "0 reviews"), {times} a ratio,
# {weeks} and {every} durations, {share} a percentage.
PHRASES: dict[str, str] = {
    "weeks_since_last": "last purchase {weeks} ago",
    "overdue": "{times} their usual gap since the last purchase",
    "frequency": "{count} repeat purchase day{s} so far",
    "days_last_4w": "{count} purchase day{s} in the last 4 weeks",
    "days_last_13w": "{count} purchase day{s} in the last 13 weeks",
    "days_last_26w": "{count} purchase day{s} in the last 26 weeks",
    "gap_trend": "last gap between purchases {times} their average gap",
    "gap_mean": "buys every {every} on average",
    "reviews": "wrote {count} review{s}",
    "rating_mean": "average review rating {value:.1f}",
    "sentiment_mean": "average review sentiment {value:+.2f}",
    "events_4w": "{count} site event{s} in the last 4 weeks",
    "carts_4w": "{count} cart addition{s} in the last 4 weeks",
    "classic_p_alive": "BG/NBD puts the chance they are still a customer at {share}",
}
# The customer's own durations behind the ratios, which `phrase` words instead of a ratio that
# would read oddly ("544x their usual gap" for two purchases a day apart, then 78 quiet weeks).
FACTS = ("weeks_since_last", "gap_mean", "gap_last", "frequency")
# The ratios `phrase` may word by the customer's durations (FACTS) instead.
RATIOS = ("overdue", "gap_trend")
# The input that stands for BG/NBD's view, which is credited with the base's contribution too;
# `phrase` adds the recency behind it when it has the customer's FACTS.
CLASSIC_VIEW = "classic_p_alive"
_EPS = 1e-6  # the classic models' own bound on a probability (classic.py)
# From here on a ratio reads better as the two durations it compares.
LARGE_RATIO = 10.0

Facts = Mapping[str, float]


# Which way a feature reads as a reason to leave: +1 when more is worse (long gaps), -1 when
# less is worse (few purchases). A contribution counts as a reason only when the customer sits
# on that side of the average: gradients can bend, and "bought more recently than usual" must
# never be shown as why someone is at risk.
RISKY_WHEN: dict[str, int] = {
    "weeks_since_last": 1, "overdue": 1, "gap_trend": 1, "gap_mean": 1,
    "frequency": -1, "days_last_4w": -1, "days_last_13w": -1, "days_last_26w": -1,
    "reviews": -1, "rating_mean": -1, "sentiment_mean": -1, "events_4w": -1, "carts_4w": -1,
    "classic_p_alive": -1,
}  # fmt: skip


def attributions(predictor: Predictor, inputs: pd.DataFrame) -> npt.NDArray[np.float64]:
    """(N, F) contributions of each input to the purchase logit, the classic base's P(alive)
    part included (in the `classic_p_alive` column: see `alive_contribution`)."""
    contributions = network_attributions(predictor, inputs)
    names = predictor.spec.names
    if CLASSIC_VIEW in names:
        average = predictor.spec.mean[names.index(CLASSIC_VIEW)]
        contributions[:, names.index(CLASSIC_VIEW)] += alive_contribution(inputs, average)
    return contributions


def alive_contribution(inputs: pd.DataFrame, average_p_alive: float) -> npt.NDArray[np.float64]:
    """(N,) how much the classic base's logit is lowered by BG/NBD's P(alive) being below the
    average customer's (the one the network's inputs are scaled against); 0 where it is not.

    The base is logit(P(alive) x q), q the chance of a purchase if alive (BGNBD.at_horizons).
    The move is taken as log(P(alive) / average), or the base's distance from logit(average)
    where that is smaller in size. It is an estimate, not a bound: logit(average) leaves out
    the average customer's q, and P(alive) clipped at 1e-6 makes the log ratio the smaller
    side wherever the base sits at the classic models' floor. Per customer and horizon-free, so
    scoring a few customers words them as scoring everyone does (rescore.py)."""
    average = float(np.clip(average_p_alive, _EPS, 1 - _EPS))
    p_alive = inputs[CLASSIC_VIEW].to_numpy(np.float64)
    base = inputs[BASE[0]].to_numpy(np.float64)
    with np.errstate(divide="ignore"):  # P(alive) 0: the bound by the base holds
        alive_ratio = np.log(p_alive / average)
    bounded = np.maximum(alive_ratio, base - float(logit(average)))
    # A P(alive) the features could not compute moves nothing; above average it lowers nothing.
    lowered: npt.NDArray[np.float64] = np.nan_to_num(np.minimum(bounded, 0.0), nan=0.0)
    return lowered


def network_attributions(predictor: Predictor, inputs: pd.DataFrame) -> npt.NDArray[np.float64]:
    """(N, F) contributions of each network input to the purchase logit, the base left out."""
    x = torch.from_numpy(predictor.spec.transform(inputs)).to(predictor.device)
    base = torch.from_numpy(inputs[BASE].to_numpy(np.float32, copy=True)).to(predictor.device)
    x.requires_grad_(True)
    predictor.net.eval()
    out, _ = predictor.net(x, base)
    out.purchase_logit.sum().backward()
    assert x.grad is not None
    return (x.grad * x).detach().cpu().double().numpy()


def reason_features(predictor: Predictor, inputs: pd.DataFrame, k: int = 3) -> list[list[str]]:
    """For each customer, up to k feature names that lower their odds the most, each on the
    risky side of the average customer (RISKY_WHEN); [] when none does."""
    contributions = attributions(predictor, inputs)
    names = predictor.spec.names
    readable = np.array([name in PHRASES for name in names])
    contributions[:, ~readable] = 0.0
    scaled = predictor.spec.transform(inputs)  # 0 = the average customer
    risky = np.array([RISKY_WHEN.get(name, 0) for name in names], dtype=np.float64)
    contributions[scaled * risky <= 0] = 0.0  # on the safe side of average: not a reason
    order = np.argsort(contributions, axis=1)[:, :k]  # most negative first
    # Whole columns once: reading cells with .iloc row by row took most of a re-score's time.
    unknown = {n: inputs[n].to_numpy(np.float64) == 0 for n in UNKNOWN_WHEN_ZERO if n in inputs}
    chosen = []
    for row, picks in enumerate(order):
        features = []
        for j in picks:
            if contributions[row, j] >= 0:
                break
            name = names[j]
            if name in unknown and unknown[name][row]:
                continue  # 0 stands for "no reviews yet", not for a bad rating
            features.append(name)
        chosen.append(features)
    return chosen


def top_reasons(predictor: Predictor, inputs: pd.DataFrame, k: int = 3) -> list[list[str]]:
    """For each customer, up to k phrases for the features that lower their odds the most."""
    wanted = [*PHRASES, *(n for n in FACTS if n not in PHRASES)]
    columns = {n: inputs[n].to_numpy(np.float64) for n in wanted if n in inputs}
    reasons = []
    for row, features in enumerate(reason_features(predictor, inputs, k)):
        # With no learned reason (or the classic-only fallback) say where they stand.
        names = features or ["weeks_since_last", "classic_p_alive"]
        values = [(n, float(columns[n][row])) for n in names]
        # Only the ratios and BG/NBD's view read the customer's durations: a full re-score
        # words every customer.
        facts = (
            {n: float(c[row]) for n, c in columns.items() if n in FACTS}
            if any(n in RATIOS or n == CLASSIC_VIEW for n in names)
            else {}
        )
        # A value the features could not compute is no reason to show.
        reasons.append([
            phrase(n, v, _facts_for(n, names, facts)) for n, v in values if math.isfinite(v)
        ])  # fmt: skip
    return reasons


def _facts_for(feature: str, shown: list[str], facts: Facts) -> Facts:
    """The facts one reason may word: BG/NBD's odds leave the recency to the last purchase's
    own reason when that one is shown beside them."""
    if feature == CLASSIC_VIEW and "weeks_since_last" in shown:
        return {}
    return facts


def phrase(feature: str, value: float, facts: Facts | None = None) -> str:
    """The reason for one feature's value, in words. `facts`, the customer's values of FACTS,
    let a ratio be told as the durations behind it where the ratio alone would read oddly."""
    if not math.isfinite(value):
        raise ValueError(f"no words for {feature} = {value}: a reason needs a finite value")
    special = _in_other_words(feature, value, facts or {})
    if special is not None:
        return special
    template = PHRASES[feature]
    count = f"{value:,.0f}"
    fields: dict[str, object] = {"value": value, "count": count, "s": "" if count == "1" else "s"}
    # Only the fields this template uses: a full re-score words every customer's reasons.
    for name in _USED[feature]:
        fields[name] = _WORDINGS[name](value)
    return template.format(**fields)


def _in_other_words(feature: str, value: float, facts: Facts) -> str | None:
    """The sentence for values the template would word badly; None where it words them well."""
    if feature == "weeks_since_last" and value < 0.5:
        return "last purchase this week"  # not "0 weeks ago"
    if feature == "gap_mean" and value <= 0:
        return "no repeat purchase yet"  # 0 stands for "no gap yet", not "buys every 0 weeks"
    if feature == "rating_mean" and value <= 0:
        return "no review rating yet"  # ratings are 1 to 5; 0 stands for none
    if feature == "overdue":
        return _overdue(value, facts)
    if feature == CLASSIC_VIEW and _known(facts):
        return _classic_view(value, facts)
    if feature == "gap_trend" and value >= LARGE_RATIO and {"gap_last", "gap_mean"} <= facts.keys():
        last, mean = _duration(facts["gap_last"]), _duration(facts["gap_mean"])
        return f"last gap between purchases {last}, against an average of {mean}"
    return None


def _overdue(ratio: float, facts: Facts) -> str | None:
    """How overdue, told by the durations whenever the customer's "usual gap" is not a habit."""
    if not set(FACTS) <= facts.keys():
        return None
    since, gap, repeats = facts["weeks_since_last"], facts["gap_mean"], facts["frequency"]
    if repeats < 1 and since < 0.5:
        return "first and only purchase this week"
    if repeats < 1:  # the features then measure against their time as a customer: no gap yet
        return f"no second purchase in the {_duration(since)} since their first"
    if repeats < 2:  # a single gap is no rhythm to be overdue against
        return f"no purchase for {_duration(since)} after two purchases {_duration(gap)} apart"
    if ratio >= LARGE_RATIO:
        return f"no purchase for {_duration(since)}, against a usual gap of {_duration(gap)}"
    return None


def _known(facts: Facts) -> bool:
    """Whether all of FACTS are there and computed, so they can be worded."""
    return all(math.isfinite(facts.get(name, math.nan)) for name in FACTS)


def _classic_view(p_alive: float, facts: Facts) -> str:
    """BG/NBD's odds with the recency they mostly stand for, so "over 99% churn risk" is
    explained by what the operator can check: how long since the last purchase, against the
    customer's rhythm where two gaps or more make one."""
    odds = PHRASES[CLASSIC_VIEW].format(share=_share(p_alive))
    since = phrase("weeks_since_last", facts["weeks_since_last"])
    if facts["frequency"] < 2:
        return f"{odds}: {since}"
    return f"{odds}: {since}, against a usual gap of {_duration(facts['gap_mean'])}"


def _times(ratio: float) -> str:
    """'2.5x', '3x', '544x', '12,346x': one decimal only where it tells something."""
    if ratio >= LARGE_RATIO:
        return f"{ratio:,.0f}x"
    return f"{ratio:.1f}".removesuffix(".0") + "x"


def _duration(weeks: float, days: bool = True) -> str:
    """A span in the unit a person would use: '4 days', '3.5 weeks', '78 weeks', '3.8 years'
    (days only when `days`: 'last purchase 1 week ago' keeps to weeks)."""
    if days and weeks * 7 < 13.5:
        n = f"{weeks * 7:.0f}"
        return f"{n} day" + ("" if n == "1" else "s")
    if weeks >= 104:
        return f"{weeks / 52.18:.1f}".removesuffix(".0") + " years"
    n = f"{weeks:.1f}".removesuffix(".0") if days and weeks < 10 else f"{weeks:.0f}"
    return f"{n} week" + ("" if n == "1" else "s")


def _share(p: float) -> str:
    """A probability as a percentage that never reads as certain: 'under 1%' and 'over 99%'
    wherever the whole percent would read 0% or 100% (0.995 rounds up, 0.005 to even), exactly
    0 and 1 included: BG/NBD puts everyone who never bought again at 1, a model's figure and no
    certainty."""
    text = f"{p:.0%}"
    if text == "0%":
        return "under 1%"
    if text == "100%":
        return "over 99%"
    return text


# The template fields worded from the value, each computed only where a template asks for it.
_WORDINGS: dict[str, Callable[[float], str]] = {
    "times": _times,
    "weeks": lambda value: _duration(value, days=False),
    "every": _duration,
    "share": _share,
}
# Per feature, the worded fields its template uses (worked out once).
_USED = {
    feature: tuple(name for name in _WORDINGS if "{" + name + "}" in template)
    for feature, template in PHRASES.items()
}
