"""The `retain` application: global options and the command groups."""

import typer

from assistant.cli import (
    chat,
    demo,
    draft,
    events,
    forecast,
    keys,
    llm,
    plan,
    predict,
    recommend,
    recs,
    retrieval,
    segments,
    serve,
    store,
)

app = typer.Typer(
    name="retain",
    help="Retain: a retention assistant over your store's own data, on your own machines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("ingest")(store.ingest_command)
app.command("status")(store.status_command)
app.command("eval")(predict.eval_command)
app.command("train")(predict.train_command)
app.command("score")(predict.score_command)
app.command("forecast")(forecast.forecast_command)
app.command("plan")(plan.plan_command)
app.command("at-risk")(plan.at_risk_command)
app.add_typer(segments.app, name="segments")
app.command("search")(retrieval.search_command)
app.command("similar")(retrieval.similar_command)
app.command("sentiment")(retrieval.sentiment_command)
app.command("themes")(retrieval.themes_command)
app.command("recommend")(recommend.recommend_command)
app.command("eval-recs")(recs.eval_recs_command)
app.add_typer(retrieval.app, name="index")
app.add_typer(draft.app, name="draft")
app.add_typer(llm.app, name="llm")
app.add_typer(demo.app, name="demo")
app.add_typer(events.app, name="events")
app.command("serve")(serve.serve_command)
app.command("chat")(chat.chat_command)
app.add_typer(keys.app, name="keys")
app.command("audit")(keys.audit_command)
