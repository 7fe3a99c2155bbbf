"""Routing accuracy and latency on the labelled question sets.

    python -m bench.routing [--questions FILE ...] [--no-misses] [--threads 1]

bench/questions.jsonl is the labelled set the examples and rules were tuned against;
bench/questions_holdout.jsonl was written after tuning and is not to be tuned on: its figure
is the honest one for questions nobody has seen. Each line is {"q", "kind", "tool", "args",
"role"?, "memory"?}: `args` is the subset of arguments the router must extract (numbers
compared as numbers), `role` defaults to admin, `memory` is a Memory.to_dict() for
follow-ups. A question counts as routed when kind and tool are right, and as fully right when
its args are too. Questions for a tool the router was built without are skipped and counted.
Latency is route() wall time, one message at a time, with the real all-MiniLM-L6-v2 on CPU.
"""

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from assistant.routing import Memory, Route, Router, Vocabulary
from commerce.demo import CATEGORIES, FALLBACK_CATEGORY
from predictors.segments import SEGMENT_NAMES

QUESTIONS = Path(__file__).with_name("questions.jsonl")
# The demo store's vocabulary: 5-digit zero-padded customer ids, RFM segments, the names its
# k-means clusters got (retain segments --by cluster) and its product categories.
DEMO_CLUSTERS = (
    "cluster: low spend, newer",
    "cluster: long-standing",
    "cluster: small baskets, low spend",
    "cluster: frequent, recent (2)",
    "cluster: frequent, recent",
    "cluster: big baskets, high spend",
)
DEMO_VOCABULARY = Vocabulary(
    segments=SEGMENT_NAMES + DEMO_CLUSTERS,
    id_width=5,
    categories=tuple(sorted([*CATEGORIES, FALLBACK_CATEGORY])),
)
HOLDOUT = Path(__file__).with_name("questions_holdout.jsonl")


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    """The labelled questions, one dict per non-empty line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def args_match(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    """True when every expected argument was extracted with the same value."""
    for name, value in expected.items():
        if name not in got:
            return False
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not isinstance(got[name], int | float) or abs(float(got[name]) - value) > 1e-9:
                return False
        elif got[name] != value:
            return False
    return True


def _label(kind: str, tool: str | None) -> str:
    if kind == "tool":
        return tool or "tool:?"
    return f"{kind}:{tool}" if tool else kind


def evaluate_routing(router: Router, path: Path = QUESTIONS) -> dict[str, Any]:
    """Accuracy (kind+tool, and with args), per expected label, the misses, and p50/p95
    latency in milliseconds of `router` on the questions in `path`."""
    questions = load_questions(path)
    routed = full = skipped = 0
    per_label: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    latencies: list[float] = []
    router.route("warm up", Memory(), "admin")  # the first call pays for lazy set-up in torch
    for question in questions:
        if question.get("tool") and question["tool"] not in router.tools:
            skipped += 1
            continue
        memory = Memory.from_dict(question.get("memory"))
        began = time.perf_counter()
        route: Route = router.route(question["q"], memory, question.get("role", "admin"))
        latencies.append((time.perf_counter() - began) * 1000)
        expected = _label(question["kind"], question.get("tool"))
        right = route.kind == question["kind"] and route.tool == question.get("tool")
        args_right = right and args_match(question.get("args", {}), route.args)
        routed += right
        full += args_right
        per_label[expected]["n"] += 1
        per_label[expected]["routed"] += right
        per_label[expected]["args"] += args_right
        if not args_right:
            misses.append(
                {
                    "q": question["q"],
                    "expected": expected,
                    "expected_args": question.get("args", {}),
                    "got": _label(route.kind, route.tool),
                    "args": route.args,
                    "score": round(route.score, 3),
                }
            )
    n = len(latencies)
    ordered = sorted(latencies)
    return {
        "questions": n,
        "skipped": skipped,
        "routing_accuracy": routed / n if n else 0.0,
        "args_accuracy": full / n if n else 0.0,
        "per_label": {label: dict(c) for label, c in sorted(per_label.items())},
        "misses": misses,
        "p50_ms": statistics.median(ordered) if n else 0.0,
        "p95_ms": ordered[min(n - 1, int(0.95 * n))] if n else 0.0,
    }


def print_report(report: dict[str, Any], title: str, show_misses: bool = True) -> None:
    """The report as plain-text tables."""
    print(f"\n{title}: {report['questions']} questions ({report['skipped']} skipped)")
    print(f"  kind+tool accuracy   {report['routing_accuracy']:.1%}")
    print(f"  with args accuracy   {report['args_accuracy']:.1%}")
    print(f"  route latency        p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms")
    print(f"\n  {'label':<34}{'n':>4}{'routed':>9}{'args':>9}")
    for label, counts in report["per_label"].items():
        n = counts["n"]
        routed, full = counts.get("routed", 0) / n, counts.get("args", 0) / n
        print(f"  {label:<34}{n:>4}{routed:>9.0%}{full:>9.0%}")
    if show_misses and report["misses"]:
        print("\n  misses (expected -> got):")
        for miss in report["misses"]:
            args = (
                ""
                if miss["expected"] != miss["got"]
                else f" args {miss['args']} want {miss['expected_args']}"
            )
            print(f"    {miss['q']!r}: {miss['expected']} -> {miss['got']} ({miss['score']}){args}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, action="append")
    parser.add_argument("--no-misses", action="store_true")
    parser.add_argument("--threads", type=int, default=1, help="torch threads for MiniLM")
    options = parser.parse_args()
    from retrieval.embedder import MiniLMEmbedder

    began = time.perf_counter()
    router = Router(MiniLMEmbedder(device="cpu", threads=options.threads), DEMO_VOCABULARY)
    print(f"router built in {time.perf_counter() - began:.1f} s ({len(router.labels)} labels)")
    for path in options.questions or [QUESTIONS, HOLDOUT]:
        print_report(evaluate_routing(router, path), path.name, not options.no_misses)


if __name__ == "__main__":
    main()
