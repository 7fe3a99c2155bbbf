"""Tool arguments refused, in words: each bad argument by name, and a number out of its
bounds as a user reads it ("I can list at most 100 customers at a time; you asked for
100,000.") with the argument's name kept in brackets for API callers.

A chat user sees the error as it is, so bounds (which pydantic states as "Input should be
less than or equal to 100") are worded here from the bound and the argument; other errors
(a wrong type, an unknown or missing argument) keep their name first, as before.
"""

from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.tools.format import count, money

BOUNDS = {
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
}
LISTS = frozenset({"limit", "k"})  # "How many customers.": a page's length
# What a bounded argument is, and how its numbers read (n: a count, money, pct, days).
SUBJECTS: dict[str, tuple[str, str]] = {
    "offset": ("The number of ranked rows to skip", "n"),
    "days": ("A period", "days"),
    "horizon_days": ("A forecast's reach", "days"),
    "budget": ("A budget", "money"),
    "discount_pct": ("A discount", "pct"),
    "max_discount_pct": ("A discount", "pct"),
    "min_revenue": ("A minimum spend", "money"),
    "max_revenue": ("A maximum spend", "money"),
    "min_orders": ("A minimum number of orders", "n"),
    "max_orders": ("A maximum number of orders", "n"),
    "quiet_days": ("A quiet spell", "days"),
    "alert_id": ("An alert's number", "n"),
}


def argument_errors(error: ValidationError, args_model: type[BaseModel], symbol: str = "$") -> str:
    """Each bad argument by name, with what would be valid; a number out of bounds in words."""
    valid = ", ".join(args_model.model_fields) or "none"
    problems, seen = [], set()
    for item in error.errors():
        where = str(item["loc"][0]) if item["loc"] else "arguments"
        if where in seen:
            continue  # a union type reports each alternative: the first says enough
        seen.add(where)
        if item["type"] == "extra_forbidden":
            problems.append(f"unknown argument '{where}' (valid: {valid})")
        elif item["type"] == "missing":
            problems.append(f"argument '{where}' is required")
        elif item["type"] in BOUNDS:
            problems.append(out_of_bounds(where, item, args_model, symbol))
        else:
            problems.append(f"argument '{where}': {item['msg']} (got {item['input']!r:.60})")
    return "; ".join(problems)


def only_bounds(error: ValidationError) -> bool:
    """Whether every problem is a number out of bounds (its words need no tool name first)."""
    return all(item["type"] in BOUNDS for item in error.errors())


def out_of_bounds(where: str, item: Any, args_model: type[BaseModel], symbol: str) -> str:
    """'I can list at most 100 customers at a time; you asked for 100,000 (argument 'limit').'"""
    key, relation = BOUNDS[item["type"]]
    bound, asked = _number(item["ctx"][key]), _number(item["input"])
    named = f" (argument '{where}')"
    if where in LISTS:
        noun = _listed(args_model, where)
        most = key in ("le", "lt")
        can = "I can list" if most else "I list"
        at_a_time = " at a time" if most else ""
        return (
            f"{can} {relation} {count(int(bound), noun)}{at_a_time}; you asked for {asked:,}{named}"
        )
    subject, kind = SUBJECTS.get(where, (f"'{where}'", "n"))
    return (
        f"{subject} must be {relation} {_shown(bound, kind, symbol)}; you asked for "
        f"{_shown(asked, kind, symbol)}{named}"
    )


def _listed(args_model: type[BaseModel], where: str) -> str:
    """The singular noun of a 'How many customers.' description ('customer'); 'row' else."""
    words = (args_model.model_fields[where].description or "").rstrip(".").split()
    noun = words[-1] if words[:2] == ["How", "many"] and len(words) == 3 else "rows"
    return noun[:-1] if noun.endswith("s") else noun


def _number(value: Any) -> float | int:
    """The refused value as a number (JSON may send it as text), whole when it is whole."""
    number = float(value)
    return int(number) if number.is_integer() else number


def _shown(value: float | int, kind: str, symbol: str) -> str:
    if kind == "money":
        return money(float(value), symbol)
    if kind == "pct":
        return f"{value:,}%"
    if kind == "days":
        return count(int(value), "day") if float(value).is_integer() else f"{value:,} days"
    return f"{value:,}"
