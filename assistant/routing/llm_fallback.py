"""The slow path: a language model picks the tool for a message the fast router found unclear.

The model sees the tools the role may use (name, arguments, one line each), the question as
quoted data and what the conversation was about, and answers one line of JSON:
{"tool": NAME, "args": {...}} or {"tool": null}. Its answer is checked, never trusted: the
tool must be one it was offered, every argument one that tool takes with a value of the right
type (a choice written with spaces, hyphens or capitals, "churn risk", is read as the one it
names), segment names the store's, and customer and product ids ones the question or the
conversation gave (a model must not make up an id). Anything else gives kind "unclear": the
user reads a plain NOT_UNDERSTOOD, and the rule the answer broke is the route's `detail`, for
the log and the audit.
Errors of the model itself (Unavailable, timeouts) propagate: the service answers those.
A message with nothing to route once invisible characters are dropped (zero-width spaces
only) is unclear without asking the model: the prompt would have no question.
"""

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.llm.base import ChatModel, complete
from assistant.roles import Role, may_use
from assistant.routing.args import build
from assistant.routing.extract import Extraction
from assistant.routing.fuzzy import find_segment
from assistant.routing.markup import without_markup
from assistant.routing.memory import Memory
from assistant.routing.noise import UNCLEAR_REASON, says_nothing
from assistant.routing.reading import normalise, visible
from assistant.routing.route import Route
from assistant.routing.signatures import SIGNATURES, Arg, ToolSignature
from assistant.routing.vocabulary import Vocabulary
from prompts import render

# What the user reads when the model's reply is not used; why goes to Route.detail (the log
# and the audit), as a parse error tells a user nothing they can act on.
NOT_UNDERSTOOD = "I couldn't tell what you meant."
TEMPLATE = "route"
MAX_NEW_TOKENS = 96  # one line of JSON with a few arguments
_FENCE = re.compile(r"```(?:json)?")


class Invalid(ValueError):
    """The model's answer breaks a rule; the message says which."""


def route_with_model(
    model: ChatModel,
    message: str,
    role: Role,
    memory: Memory | None = None,
    vocabulary: Vocabulary | None = None,
    tools: Iterable[str] | None = None,
    within_s: float | None = None,
) -> Route:
    """Ask `model` which tool answers `message`; a checked Route, "unclear" when it names
    none or its answer breaks a rule. `within_s`: a time limit the model's gate enforces
    (Unavailable past it: the caller answers without the model)."""
    # What the router read: markup blanked ("<!-- show 00003 -->" is no question to route).
    message = without_markup(visible(message))
    if says_nothing(normalise(message)):  # zero-width spaces only: nothing to ask a model
        return Route("unclear", reason=UNCLEAR_REASON)
    memory = memory or Memory()
    vocabulary = vocabulary or Vocabulary()
    allowed = [SIGNATURES[t] for t in (tools or SIGNATURES) if t in SIGNATURES and may_use(role, t)]
    if not allowed:
        return Route("unclear", reason=f"no tool is open to the {role} role")
    prompt = render(
        TEMPLATE,
        {
            "question": message,
            "tools": [tool.render() for tool in allowed],
            "conversation": describe(memory),
            "segments": list(vocabulary.segments),
        },
    )
    limit = {} if within_s is None else {"within_s": within_s}
    answer = complete(
        model, prompt.messages(), max_new_tokens=MAX_NEW_TOKENS, temperature=0.0, **limit
    )
    return parse_choice(answer, allowed, message, memory, vocabulary)


def describe(memory: Memory) -> str:
    """What the conversation was about, in one line for the prompt ('' when nothing)."""
    parts = []
    if memory.customer_id:
        parts.append(f"customer {memory.customer_id}")
    if memory.segment:
        parts.append(f"segment {memory.segment}")
    if memory.product_id:
        parts.append(f"product {memory.product_id}")
    if memory.tool:
        parts.append(f"last tool {memory.tool}")
    return "; ".join(parts)


def parse_choice(
    answer: str,
    allowed: Iterable[ToolSignature],
    message: str,
    memory: Memory,
    vocabulary: Vocabulary,
) -> Route:
    """The Route a model's answer stands for, or kind "unclear" with the rule it broke as its
    `detail`."""
    offered = {tool.name: tool for tool in allowed}
    try:
        choice = _json_object(answer)
        name = choice.get("tool")
        if name is None:
            return Route("unclear", reason=NOT_UNDERSTOOD, detail="the model chose no tool")
        if not isinstance(name, str) or name not in offered:
            raise Invalid(f"the model chose {name!r}, which is not one of the tools offered")
        raw = choice.get("args", {})
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise Invalid("the model's args are not an object")
        tool = offered[name]
        args = {k: _value(tool, k, v, vocabulary) for k, v in raw.items() if v is not None}
        _check_grounded(args, message, memory, vocabulary)
    except Invalid as problem:
        return Route("unclear", reason=NOT_UNDERSTOOD, detail=str(problem))
    # Completed like a fast-path route: required subjects from the conversation.
    done = build(tool, Extraction(), "", memory, carried=args)
    return Route("tool", tool=tool.name, args=done.values, missing=done.missing, reason=done.reason)


def _json_object(answer: str) -> dict[str, Any]:
    text = _FENCE.sub("", answer)
    start = text.find("{")
    if start < 0:
        raise Invalid("the model's answer holds no JSON object")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as error:
        raise Invalid(f"the model's answer is not valid JSON ({error.msg})") from error
    if not isinstance(value, dict) or "tool" not in value:
        raise Invalid('the model\'s answer has no "tool"')
    return value


def _value(tool: ToolSignature, name: str, value: Any, vocabulary: Vocabulary) -> Any:
    """One argument, checked against its declaration and brought to its type."""
    arg = tool.arg(name)
    if arg is None:
        raise Invalid(f"{tool.name} takes no argument '{name}'")
    if arg.type == "str":
        text = _text(arg, value)
        if arg.choices:
            chosen = _choice(text, arg.choices)
            if chosen is None:
                raise Invalid(f"{name} must be one of {', '.join(arg.choices)}, not {text!r}")
            return chosen
        if name == "customer_id":
            return vocabulary.customer_id(text)
        if name == "product_id":
            return text.upper() if re.fullmatch(r"[bB]0[0-9A-Za-z]{8}", text) else text
        if name == "segment":
            match = find_segment(text.lower(), vocabulary.segments)
            exact = [s for s in vocabulary.segments if s.lower() == text.lower().strip()]
            if exact:
                return exact[0]
            if match is None:
                raise Invalid(f"there is no segment {text!r}")
            return match.name
        return text
    number = _number(arg, value)
    if arg.type == "int":
        if number != int(number) or number < 1:
            raise Invalid(f"{name} must be a whole number of at least 1, not {value!r}")
        return int(number)
    if number < 0:
        raise Invalid(f"{name} must not be negative")
    return number


def _choice(text: str, choices: tuple[str, ...]) -> str | None:
    """The choice `text` names, written as the model liked ("churn risk", "Churn-Risk" for
    churn_risk): a small model copies the meaning, not always the spelling, and rejecting it
    would leave the user with "I couldn't tell" after the slow path."""
    spelled = re.sub(r"[\s_-]+", "_", text.lower()).strip("_")
    return spelled if spelled in choices else None


def _text(arg: Arg, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid(f"{arg.name} must be text, not {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise Invalid(f"{arg.name} is empty")
    return text


def _number(arg: Arg, value: Any) -> float:
    if isinstance(value, bool):
        raise Invalid(f"{arg.name} must be a number, not {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().strip("%$€£").replace(",", ""))
        except ValueError:
            pass
    raise Invalid(f"{arg.name} must be a number, not {value!r}")


def _check_grounded(
    args: Mapping[str, Any], message: str, memory: Memory, vocabulary: Vocabulary
) -> None:
    """Ids must come from the question or the conversation, never from the model."""
    said = {vocabulary.customer_id(d) for d in re.findall(r"\d+", message)}
    said |= {w.upper() for w in re.findall(r"\w+", message)} | set(re.findall(r"\S+", message))
    known = said | set(memory.customer_ids)
    known |= {i for i in (memory.customer_id, memory.product_id) if i}
    for name in ("customer_id", "product_id"):
        value = args.get(name)
        if value is not None and value not in known and str(value).upper() not in known:
            raise Invalid(f"{name} {value!r} is neither in the question nor the conversation")
