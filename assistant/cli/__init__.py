"""The `retain` command line: one module per group of commands, wired together in main.py."""

from assistant.cli.main import app

__all__ = ["app"]
