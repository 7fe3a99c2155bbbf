"""API keys: shown once, stored hashed, authenticated by hash, revoked for good."""

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from assistant.persistence import (
    AppDatabase,
    Principal,
    authenticate,
    create_key,
    list_keys,
    revoke_key,
)
from assistant.persistence.tables import ApiKeyRow
from commerce.errors import InvalidInput, NotFound


def test_a_new_key_authenticates_as_its_role(db: AppDatabase) -> None:
    token, info = create_key(db, "marketer", "  Mia  ")
    assert token.startswith("rk_") and len(token) == 3 + 43
    assert info.name == "Mia" and info.role == "marketer" and info.active
    assert info.prefix == token[:11]
    assert authenticate(db, token) == Principal(key_id=info.id, name="Mia", role="marketer")


def test_only_the_hash_is_stored(db: AppDatabase) -> None:
    token, _ = create_key(db, "admin", "root")
    with db.engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text("SELECT * FROM api_keys"))]
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0])
    assert token not in stored
    assert token[11:] not in stored  # not even the secret part beyond the shown prefix
    assert hashlib.sha256(token.encode()).hexdigest() in stored


@pytest.mark.parametrize("token", ["", "rk_", "rk_wrong", "Bearer rk_x", "rk_é" * 3, "x" * 500])
def test_unknown_and_malformed_keys_are_refused(db: AppDatabase, token: str) -> None:
    create_key(db, "admin", "root")
    assert authenticate(db, token) is None


def test_a_revoked_key_no_longer_authenticates(db: AppDatabase) -> None:
    token, info = create_key(db, "support", "desk")
    other, _ = create_key(db, "support", "desk 2")
    revoked = revoke_key(db, str(info.id))
    assert not revoked.active and revoked.revoked_at is not None
    assert authenticate(db, token) is None
    assert authenticate(db, other) is not None
    again = revoke_key(db, str(info.id))
    assert again.revoked_at == revoked.revoked_at  # revoking twice changes nothing
    assert [k.active for k in list_keys(db)] == [False, True]


@pytest.mark.parametrize("how", ["prefix", "bare prefix", "whole key"])
def test_revoke_by_prefix_or_key(db: AppDatabase, how: str) -> None:
    token, info = create_key(db, "operator", "ops")
    given = {"prefix": info.prefix, "bare prefix": info.prefix[3:], "whole key": token}[how]
    assert revoke_key(db, given).id == info.id
    assert authenticate(db, token) is None


def test_revoking_an_unknown_key_is_not_found(db: AppDatabase) -> None:
    create_key(db, "operator", "ops")
    for wanted in ("999", "rk_nothere", "", "99999999999999999999"):
        with pytest.raises(NotFound, match="retain keys list"):
            revoke_key(db, wanted)


def test_an_ambiguous_prefix_asks_for_the_id(db: AppDatabase) -> None:
    with db.session() as session:
        for n in range(2):
            session.add(ApiKeyRow(name=f"k{n}", role="admin", key_hash=str(n), prefix="rk_same"))
    with pytest.raises(InvalidInput, match="give the id"):
        revoke_key(db, "rk_same")


def test_keys_are_listed_oldest_first_without_secrets(db: AppDatabase) -> None:
    before = datetime.now(UTC)
    create_key(db, "admin", "a")
    create_key(db, "support", "b")
    keys = list_keys(db)
    assert [(k.name, k.role) for k in keys] == [("a", "admin"), ("b", "support")]
    assert all(k.created_at >= before and k.created_at.tzinfo is not None for k in keys)
    assert set(keys[0].to_dict()) == {
        "id",
        "name",
        "role",
        "prefix",
        "created_at",
        "revoked_at",
        "active",
    }


@pytest.mark.parametrize(
    ("role", "name", "message"),
    [
        ("root", "x", "expected one of operator, marketer, support, admin"),
        ("admin", "   ", "key name is empty"),
        ("admin", "x" * 65, "at most 64"),
        ("admin", "tab\there", "control characters"),
    ],
)
def test_role_and_name_are_checked(db: AppDatabase, role: str, name: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        create_key(db, role, name)
    assert list_keys(db) == []
