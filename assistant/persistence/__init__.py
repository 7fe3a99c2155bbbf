"""The app database (RETAIN_HOME/app.db or a PostgreSQL URL): API keys, conversations, audit.

db.py             AppDatabase: engine, create_all (schema version), session() to write,
                  read_session() to only read, close()
tables.py         the ORM tables
keys.py           create_key, authenticate, list_keys, revoke_key; Principal, KeyInfo
conversations.py  ConversationStore: open_turn, close_turn (a chat turn's two writes), history,
                  list, memory
  conversation_model.py  Conversation, ConversationSummary, Message: what the store returns
  turn_statements.py     the statements a turn runs, built once; title_of
  turn_claims.py         one turn at a time per conversation, held in the database
audit.py          audit_row (one tool call, checked), record, record_rows, recent; AuditEntry
"""

from assistant.persistence.audit import AuditEntry, recent, record
from assistant.persistence.conversations import (
    Conversation,
    ConversationStore,
    ConversationSummary,
    Message,
)
from assistant.persistence.db import AppDatabase, open_app_database
from assistant.persistence.keys import (
    KeyInfo,
    Principal,
    authenticate,
    create_key,
    list_keys,
    revoke_key,
)

__all__ = [
    "AppDatabase",
    "AuditEntry",
    "Conversation",
    "ConversationStore",
    "ConversationSummary",
    "KeyInfo",
    "Message",
    "Principal",
    "authenticate",
    "create_key",
    "list_keys",
    "open_app_database",
    "recent",
    "record",
    "revoke_key",
]
