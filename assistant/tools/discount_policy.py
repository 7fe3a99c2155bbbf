"""discount_policy: the offer policy in plain words, from the settings the drafting checker and
budget plans use, so "what is the discount policy?" is answered rather than taken for an offer
to draft.

The words name no setting: marketers and support agents ask this, and an administrator finds
the settings in docs/configuration.md.
"""

from assistant.offer_settings import PERKS
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.decisions import offer_assumptions
from assistant.tools.format import listing, output


def discount_policy(ctx: ToolContext) -> ToolOutput:
    """The discount policy: the largest discount an offer may give, the discount of a draft
    that asks for none, how long offers are valid, the perks offers may promise and the
    discounts budget plans choose from.

    For "what is the discount policy?", "what's the most we can knock off?", "which perks may
    an offer promise?" or "when do offers expire?".
    """
    settings = ctx.settings
    most, default = settings.max_discount_pct, settings.default_discount_pct
    perks = [perk for perk in PERKS if perk in settings.offer_perks]
    # The ladder as `retain plan` and plan_budget use it: levels above the maximum left out.
    ladder = list(offer_assumptions(settings).discounts)
    above = [level for level in settings.offer_discounts if level > most]
    answer = " ".join(
        (
            _discounts(most, default),
            f"Offers are valid for {settings.offer_valid_days} days after they are drafted.",
            _perks(perks),
            _ladder(ladder, above),
        )
    )
    result = {
        "max_discount_pct": most,
        "default_discount_pct": default,
        "offer_valid_days": settings.offer_valid_days,
        "perks": perks,
        "plan_discounts_pct": ladder,
    }
    return output(answer, result)


def _discounts(most: int, default: int) -> str:
    if most == 0:
        return "The policy allows no discount, so no offer can be drafted."
    if default == 0:
        # A draft of 0% is refused (drafting/policy.py): the asker must name one.
        return (
            f"Offers may give at most {most}% off; a draft must ask for a discount, as none "
            "is given by default."
        )
    return (
        f"Offers may give at most {most}% off; a draft with no discount asked for gives {default}%."
    )


def _perks(allowed: list[str]) -> str:
    refused = [perk for perk in PERKS if perk not in allowed]
    if not allowed:
        return f"Perks: none allowed (drafts may promise no {_either(refused)})."
    if not refused:
        return f"Perks offers may promise: {listing(allowed, len(allowed))}."
    return (
        f"Perks offers may promise: {listing(allowed, len(allowed))}; no other (no "
        f"{_either(refused)})."
    )


def _either(perks: list[str]) -> str:
    """'free shipping, gift or guarantee'."""
    return perks[0] if len(perks) < 2 else ", ".join(perks[:-1]) + " or " + perks[-1]


def _ladder(levels: list[float], above: list[float]) -> str:
    shown = [f"{level:g}%" + (" (a reminder)" if level == 0 else "") for level in levels]
    said = f"Budget plans choose each customer's offer from {listing(shown, len(shown))}"
    if above:
        left_out = listing([f"{level:g}%" for level in above], len(above))
        said += f" ({left_out} in the plans' list {_is(above)} above the maximum, so unused)"
    return said + "."


def _is(levels: list[float]) -> str:
    return "is" if len(levels) == 1 else "are"
