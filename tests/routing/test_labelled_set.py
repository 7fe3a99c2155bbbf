"""The labelled question set: that it is what the bench claims, and the real router on it."""

from collections import Counter

from assistant.routing import SIGNATURES, Memory, Router
from assistant.routing.examples import EXAMPLES
from assistant.routing.route import ROUTE_KINDS
from bench.routing import HOLDOUT, QUESTIONS, evaluate_routing, load_questions


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("?", " ").replace("!", " ").split())


def test_the_set_is_large_varied_and_apart_from_the_examples() -> None:
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 170
    tools = Counter(q["tool"] for q in questions if q["kind"] == "tool")
    assert all(tools[tool] >= 8 for tool in SIGNATURES), tools
    assert set(ROUTE_KINDS) <= {q["kind"] for q in questions}
    assert sum("memory" in q for q in questions) >= 20  # follow-ups
    assert {q.get("role", "admin") for q in questions} == {
        "admin",
        "operator",
        "marketer",
        "support",
    }
    for q in questions:
        Memory.from_dict(q.get("memory"))  # loads
    examples = {_plain(text) for texts in EXAMPLES.values() for text in texts}
    held_out = load_questions(HOLDOUT)
    copied = [q["q"] for q in questions + held_out if _plain(q["q"]) in examples]
    assert copied == []


def test_the_real_router_routes_the_labelled_set(minilm_router: Router) -> None:
    report = evaluate_routing(minilm_router)
    misses = [(m["q"], m["expected"], m["got"]) for m in report["misses"]]
    assert report["skipped"] == 0
    assert report["routing_accuracy"] >= 0.9, misses
    assert report["args_accuracy"] >= 0.85, misses
    held_out = evaluate_routing(minilm_router, HOLDOUT)
    assert held_out["routing_accuracy"] >= 0.9, held_out["misses"]
