"""`python -m assistant.cli`: the same as the `retain` command."""

from assistant.cli.main import app

app()
