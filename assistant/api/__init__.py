"""The HTTP face of Retain: `create_app(settings)` builds the FastAPI app."""

from assistant.api.app import create_app

__all__ = ["create_app"]
