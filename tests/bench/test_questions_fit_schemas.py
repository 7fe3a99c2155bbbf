"""The routing benchmark's expected arguments (what the router is scored on producing) pass
each tool's own argument schema, the check chat and POST /v1/tools run before a tool: a
compare_to of "quarter before" was routed right and then refused for its length (R22)."""

import pytest

from assistant.tools.catalogue import CATALOGUE
from bench.routing import HOLDOUT, QUESTIONS, load_questions

LABELLED = [
    pytest.param(question, id=question["q"][:60])
    for path in (QUESTIONS, HOLDOUT)
    for question in load_questions(path)
    if question["kind"] == "tool" and question.get("args")
]


@pytest.mark.parametrize("question", LABELLED)
def test_expected_arguments_pass_the_tools_schema(question: dict[str, object]) -> None:
    spec = CATALOGUE[str(question["tool"])]
    spec.args_model.model_validate(question["args"])


def test_the_benchmark_holds_each_before_comparison() -> None:
    compared = {str(q["args"].get("compare_to")) for q in load_questions() if q.get("args")}
    assert {"quarter before", "month before", "year before"} <= compared
