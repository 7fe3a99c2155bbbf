"""Reading the settings at the edge: every RETAIN_* problem named by its variable, on one line.

`Settings` (assistant/settings.py) declares and checks each value; this turns pydantic's report
into what a user can act on, so every command and the server stop with the same words.
"""

import json
import os
import re

from pydantic import SecretStr, ValidationError
from pydantic_core import ErrorDetails
from pydantic_settings import SettingsError

from assistant.settings import Settings
from commerce.errors import InvalidInput


def load_settings() -> Settings:
    """The settings from the RETAIN_* environment, or InvalidInput naming each variable that is
    wrong and why, on one line ("RETAIN_CHURN_HORIZON_DAYS=13: input should be greater than or
    equal to 14"): what every command and the server start from."""
    try:
        return Settings()
    except ValidationError as error:
        raise InvalidInput("; ".join(_problem(e) for e in error.errors())) from error
    except SettingsError as error:  # a list setting whose value is not JSON
        raise InvalidInput(_not_json(error)) from error


def _variable(field: str) -> str:
    return f"RETAIN_{field.upper()}"


def _as_set(field: str, fallback: object) -> str:
    """`RETAIN_X=value` as the environment holds it (secrets left out)."""
    if Settings.model_fields[field].annotation is SecretStr:
        return _variable(field)
    raw = next(
        (v for k, v in os.environ.items() if k.upper() == _variable(field)), fallback
    )  # pydantic-settings reads the names in any case
    return f"{_variable(field)}={raw}"


def _problem(error: ErrorDetails) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    location = error["loc"]
    if not location or message.startswith("RETAIN_"):
        return message  # a check across settings, or one whose message names its variable
    field = str(location[0])
    item = f"item {int(location[1]) + 1}: " if len(location) > 1 else ""
    return f"{_as_set(field, error['input'])}: {item}{message[:1].lower()}{message[1:]}"


def _not_json(error: SettingsError) -> str:
    match = re.search(r'field "(\w+)"', str(error))
    if match is None or match.group(1) not in Settings.model_fields:
        return str(error)
    field = match.group(1)
    default = Settings.model_fields[field].default
    example = f" such as {json.dumps(default)}" if default else ""
    return f"{_as_set(field, '')}: not JSON ({error.__cause__}); it takes a JSON list{example}"
