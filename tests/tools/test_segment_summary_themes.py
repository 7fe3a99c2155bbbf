"""segment_summary on the indexed test store: the complaint themes end the answer in one
sentence worded by code, stay out of the prompt, and stream like the rest of the summary."""

from assistant.tools.segments import segment_summary
from tests.tools.conftest import MakeContext, sent_model

SUMMARY = "These customers have gone quiet and mostly bought Coffee. A friendly reminder may help."
INVENTED = SUMMARY + " Some say their tea arrived cold."


def test_the_themes_end_the_answer_once_and_never_reach_the_model(make_ctx: MakeContext) -> None:
    pieces: list[str] = []
    ctx = make_ctx("marketer", [INVENTED, SUMMARY], pieces.append)
    row = ctx.data.segment_rows("segment")[0]
    out = segment_summary(ctx, row["name"])
    themes = out.result["themes"]
    assert themes, "the test store's first segment has complaint themes"
    groups = "; ".join(", ".join(name.split(" · ")) for name in themes)
    assert out.answer.startswith(SUMMARY + " Words that stand out in ")
    assert out.answer.endswith(f" negative reviews: {groups}.")
    assert out.answer.count("negative reviews") == 1 and out.result["path"] == "retry"
    assert [v["kind"] for v in out.result["violations"]] == ["invented_review_claim"]
    assert "".join(pieces).strip().endswith(out.answer)  # the stream ends as the answer does
    assert out.cards[0]["summary"] == out.answer and out.result["passed_verification"]
    for messages, _ in sent_model(ctx).sent:
        sent = "\n".join(m["content"] for m in messages)
        assert "themes" not in sent and not any(name in sent for name in themes)
