"""The question router: a message in, a Route out (a tool with arguments, or an answer kind).

Router(embedder, vocabulary).route(message, memory, role) -> Route   fast path, no LLM
route_with_model(model, message, role, memory, ...) -> Route         LLM fallback for unclear
Memory().after(tool, args, result)                                  what follow-ups resolve to
extract(message, vocabulary) -> Extraction                          arguments in the text
"""

from assistant.routing.extract import Extraction, extract
from assistant.routing.llm_fallback import route_with_model
from assistant.routing.memory import Memory
from assistant.routing.route import Route, RouteKind
from assistant.routing.semantic import Router, role_reason
from assistant.routing.signatures import SIGNATURES, Arg, ToolSignature
from assistant.routing.vocabulary import Vocabulary

__all__ = [
    "SIGNATURES",
    "Arg",
    "Extraction",
    "Memory",
    "Route",
    "RouteKind",
    "Router",
    "ToolSignature",
    "Vocabulary",
    "extract",
    "role_reason",
    "route_with_model",
]
