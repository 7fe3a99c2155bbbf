"""Plain helpers that make what the persistence tests need."""

from assistant.persistence import AppDatabase, Principal, create_key


def make_principal(db: AppDatabase, role: str = "operator", name: str = "someone") -> Principal:
    """A new key's principal (the key itself is not needed by store tests)."""
    _, info = create_key(db, role, name)
    return Principal(key_id=info.id, name=info.name, role=info.role)
