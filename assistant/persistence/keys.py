"""API keys: created once, shown once, stored only as a hash, revoked but never deleted.

A key is "rk_" followed by 32 random bytes (URL-safe base64). The database keeps its SHA-256
and a short prefix people can recognise in listings; the key itself is shown once at creation.
"""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import ApiKeyRow, utc_now
from assistant.roles import KEY_ROLES, Role
from commerce.errors import InvalidInput, NotFound

KEY_MARK = "rk_"
PREFIX_CHARS = 8  # random characters shown after the mark: 48 bits, enough to tell keys apart
MAX_NAME_CHARS = 64
MAX_KEY_ID = 2**31 - 1  # the INTEGER column's range
_KEYS = cast(Table, ApiKeyRow.__table__)
# Every request authenticates: the statement is built once (building it cost more than the SQL).
_BY_HASH = select(_KEYS.c.id, _KEYS.c.name, _KEYS.c.role, _KEYS.c.revoked_at).where(
    _KEYS.c.key_hash == bindparam("b_hash")
)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key that authenticated, its name and its role."""

    key_id: int
    name: str
    role: Role


@dataclass(frozen=True)
class KeyInfo:
    """What may be shown about a key (never the key itself)."""

    id: int
    name: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "prefix": self.prefix,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.active,
        }


def hash_key(token: str) -> str:
    """The stored form of a key.

    A fast unsalted hash is enough here, unlike for passwords: a key carries 256 random bits, so
    there is no dictionary to try and brute force over the key space is hopeless at any hash
    speed. Salting and slow hashes (bcrypt, argon2) defend low-entropy secrets; they would only
    make every request slower. A deterministic hash also lets authentication find the key with
    one indexed lookup, and the attacker who reads the table learns nothing usable from it.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_key(db: AppDatabase, role: str, name: str) -> tuple[str, KeyInfo]:
    """Create a key for `role` named `name`; return the key (shown this once) and its info."""
    checked_role = check_role(role)
    checked_name = check_name(name)
    token = KEY_MARK + secrets.token_urlsafe(32)
    row = ApiKeyRow(
        name=checked_name,
        role=checked_role,
        key_hash=hash_key(token),
        prefix=token[: len(KEY_MARK) + PREFIX_CHARS],
        created_at=utc_now(),
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return token, _info(row)


def authenticate(db: AppDatabase, token: str) -> Principal | None:
    """The principal a key stands for, or None for an unknown, malformed or revoked key.

    No constant-time comparison is needed: the database looks up the hash, and how long that
    takes tells an attacker nothing about the hash of any other key.
    """
    if not token.startswith(KEY_MARK) or not token.isascii() or len(token) > 200:
        return None
    with db.read_session() as session:
        row = session.execute(_BY_HASH, {"b_hash": hash_key(token)}).first()
        if row is None or row.revoked_at is not None:
            return None
        return Principal(key_id=row.id, name=row.name, role=cast(Role, row.role))


def list_keys(db: AppDatabase) -> list[KeyInfo]:
    """Every key, revoked ones included, oldest first."""
    with db.read_session() as session:
        return [_info(row) for row in session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id))]


def revoke_key(db: AppDatabase, key_id_or_prefix: str) -> KeyInfo:
    """Revoke a key given by id, by its prefix (with or without "rk_"), or by the key itself.

    Digits alone are read as an id; a prefix whose random part is all digits needs its "rk_".

    Revoking a revoked key changes nothing and returns it as it is.
    """
    with db.session() as session:
        rows = _matching(session, key_id_or_prefix.strip())
        if not rows:
            raise NotFound(
                f"no API key {key_id_or_prefix!r}: give an id or a prefix from `retain keys list`"
            )
        if len(rows) > 1:
            ids = ", ".join(str(row.id) for row in rows)
            raise InvalidInput(f"prefix {key_id_or_prefix!r} matches keys {ids}: give the id")
        row = rows[0]
        if row.revoked_at is None:
            row.revoked_at = utc_now()
        return _info(row)


def check_role(role: str) -> Role:
    """`role` if it is one of KEY_ROLES, else InvalidInput naming the valid ones."""
    if role not in KEY_ROLES:
        raise InvalidInput(f"role {role!r}: expected one of {', '.join(KEY_ROLES)}")
    return role


def check_name(name: str) -> str:
    """A key's name, trimmed: 1 to 64 printable characters."""
    trimmed = name.strip()
    if not trimmed:
        raise InvalidInput("key name is empty: give a name that says who holds the key")
    if len(trimmed) > MAX_NAME_CHARS:
        raise InvalidInput(f"key name is {len(trimmed)} characters long: at most {MAX_NAME_CHARS}")
    if any(unicodedata.category(char).startswith("C") for char in trimmed):
        raise InvalidInput(f"key name {trimmed!r} contains control characters")
    return trimmed


def _matching(session: Session, wanted: str) -> list[ApiKeyRow]:
    query = select(ApiKeyRow)
    if wanted.isascii() and wanted.isdigit():
        if int(wanted) > MAX_KEY_ID:  # beyond any id; PostgreSQL would refuse the comparison
            return []
        query = query.where(ApiKeyRow.id == int(wanted))
    elif wanted.startswith(KEY_MARK) and len(wanted) > len(KEY_MARK) + PREFIX_CHARS:
        query = query.where(ApiKeyRow.key_hash == hash_key(wanted))  # the whole key
    elif wanted:
        query = query.where(ApiKeyRow.prefix.in_([wanted, KEY_MARK + wanted]))
    else:
        return []
    return list(session.scalars(query))


def _info(row: ApiKeyRow) -> KeyInfo:
    return KeyInfo(
        id=row.id,
        name=row.name,
        role=cast(Role, row.role),
        prefix=row.prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )
