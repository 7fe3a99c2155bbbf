"""One API key per role for the demo, kept where `make run` can show them again.

Real keys are printed once and stored only as hashes. Demo keys are the exception: the
plaintext stays in RETAIN_HOME/demo-keys.json (readable by the owner only) so every
`make run` can print them; `retain keys revoke` retires one and the next run makes a new one.
"""

import json
import logging
import os
from pathlib import Path

from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal, authenticate, create_key
from assistant.roles import ROLES, Role

FILE = "demo-keys.json"


def ensure_demo_keys(db: AppDatabase, home: Path) -> dict[Role, str]:
    """The demo keys by role, creating any that is missing or revoked."""
    path = home / FILE
    keys = _saved(path)
    changed = False
    for role in ROLES:
        principal = authenticate(db, keys[role]) if role in keys else None
        if principal is None or principal.role != role:
            keys[role], _ = create_key(db, role, f"demo-{role}")
            changed = True
    if changed:
        home.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed over: an interrupted write never leaves half a file.
        partial = path.with_name(f".{FILE}.{os.getpid()}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(keys, handle, indent=2)
        os.replace(partial, path)
    return keys


def live_demo_keys(db: AppDatabase, home: Path) -> list[Principal]:
    """The demo keys that still authenticate: production refuses to serve while any does, since
    their plaintext lies in the workspace and the README shows how to print it."""
    live = (authenticate(db, key) for key in _saved(home / FILE).values())
    return sorted((p for p in live if p is not None), key=lambda p: p.key_id)


def _saved(path: Path) -> dict[Role, str]:
    if not path.is_file():
        return {}
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        # Hand-edited or cut short: the demo needs keys more than it needs these.
        logging.getLogger("retain").warning("%s is unreadable; its keys are ignored", path)
        return {}
    if not isinstance(saved, dict):
        return {}
    return {role: saved[role] for role in ROLES if isinstance(saved.get(role), str)}
