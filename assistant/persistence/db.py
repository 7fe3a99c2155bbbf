"""The app database: one engine per process, sessions that commit or roll back as a whole.

SQLite (the default, RETAIN_HOME/app.db) and PostgreSQL (`postgresql+psycopg://...`) take the
same code; only the URL differs. On SQLite the engine turns on what a multi-threaded server
needs: WAL (readers never wait for the writer), foreign keys, and a busy timeout so a second
writer waits its turn instead of failing with "database is locked".

`session()` is for a unit of work that may write; `read_session()` for one that only reads:
it skips the writers' queue, refuses writes, and is rolled back at the end.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, create_engine, event, func, insert, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.pool import StaticPool

from assistant.persistence.sqlite_setup import SQLITE_BUSY_TIMEOUT_MS, sqlite_pragmas
from assistant.persistence.tables import SCHEMA_VERSION, Base, SchemaVersionRow
from assistant.settings import Settings
from commerce.errors import InvalidInput, Unavailable

SCHEMA_LOCK_KEY = 0x5245_5441_494E  # "RETAIN": PostgreSQL's advisory lock for schema changes
# PostgreSQL read sessions: READ ONLY refuses writes; REPEATABLE READ gives every statement the
# snapshot the first one saw (a read-only transaction never fails to serialise).
_POSTGRESQL_READING = {"postgresql_readonly": True, "isolation_level": "REPEATABLE READ"}

# Upgrade steps: MIGRATIONS[n] turns a version n-1 database into version n. New tables need no
# step (create_all adds them); a changed column or a backfill does.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def _alerts_take_long_customer_ids(connection: Connection) -> None:
    # SQLite keeps any length in a VARCHAR; PostgreSQL enforces it, so widen there.
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "ALTER TABLE alerts ALTER COLUMN customer_id TYPE VARCHAR(200), "
                "ALTER COLUMN open_key TYPE VARCHAR(255)"
            )
        )


def _conversations_hold_their_turn(connection: Connection) -> None:
    _add_missing_columns(connection, "conversations", ("turn_claim", "turn_open_until"))


MIGRATIONS[2] = _alerts_take_long_customer_ids
MIGRATIONS[3] = _conversations_hold_their_turn


def _add_missing_columns(connection: Connection, table: str, names: tuple[str, ...]) -> None:
    """Add the named columns of `table`, as tables.py declares them, where the database lacks
    them. Each must be nullable: existing rows get NULL."""
    present = {column["name"] for column in inspect(connection).get_columns(table)}
    declared = Base.metadata.tables[table].columns
    for name in names:
        if name not in present:
            kind = declared[name].type.compile(dialect=connection.dialect)
            connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"))


class AppDatabase:
    """The app database at `url`: keys, conversations, audit log.

    Build one per process and share it between threads; `session()` hands each unit of work
    its own transaction.
    """

    def __init__(self, url: str) -> None:
        try:
            self.url: URL = make_url(url)
        except ArgumentError as error:
            raise InvalidInput(f"database URL {url!r} is not a SQLAlchemy URL: {error}") from None
        if self.url.drivername == "postgresql":
            # SQLAlchemy's default driver for a bare postgresql:// is psycopg2; ours is psycopg 3.
            self.url = self.url.set(drivername="postgresql+psycopg")
        try:
            self.engine: Engine = _engine(self.url)
        except (ImportError, NoSuchModuleError) as error:
            raise Unavailable(
                f"no driver for the app database {self}: {error} "
                "(for PostgreSQL: pip install 'retention-assistant[postgres]')"
            ) from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reads = sessionmaker(self.engine, class_=_ReadSession, expire_on_commit=False)
        # SQLite has one writer at a time, and a connection that finds the database locked
        # sleeps in growing steps (1, 2, 5, 10 ... 100 ms) before it tries again. Threads of
        # this process take turns on a lock instead, which hands over at once: under 50
        # concurrent chats that is the difference between queueing and sleeping. Readers
        # skip the line (read_session): under WAL they never wait for the writer.
        self._turns: AbstractContextManager[Any] = (
            threading.RLock() if self.dialect == "sqlite" else nullcontext()
        )
        # In-memory SQLite is one connection shared by every thread (StaticPool): a reader
        # beside a writer would start a transaction inside the writer's, and its rollback
        # would undo the writer's work. There readers take turns too.
        self._reader_turns: AbstractContextManager[Any] = (
            self._turns if _in_memory(self.url) else nullcontext()
        )

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.url.get_backend_name()

    def create_all(self) -> None:
        """Create missing tables, bring the schema to SCHEMA_VERSION; safe at every start, and
        when several processes open a new database at once (they take turns: see _schema_turn).
        Unavailable when the database cannot be reached or opened (its URL shown without a
        password)."""
        try:
            connection = self.engine.connect()
        except OperationalError as error:  # the first connection: a server down, a bad path
            raise Unavailable(
                f"the app database {self} cannot be reached or opened: {error.orig} "
                "(RETAIN_DATABASE_URL; docs/configuration.md)"
            ) from None
        with connection, connection.begin():
            _schema_turn(connection)
            Base.metadata.create_all(connection)
            current = connection.scalar(select(func.max(SchemaVersionRow.version)))
            if current is not None and current > SCHEMA_VERSION:
                raise Unavailable(
                    f"the app database {self} has schema version {current}, newer than "
                    f"this Retain's {SCHEMA_VERSION}: upgrade Retain"
                )
            for version in range((current or 0) + 1, SCHEMA_VERSION + 1):
                if current is not None:  # a new database starts at the current schema
                    MIGRATIONS[version](connection)
                connection.execute(insert(SchemaVersionRow).values(version=version))

    def schema_version(self) -> int | None:
        """The schema version recorded in the database (None before create_all)."""
        with self.engine.connect() as connection:
            if not self.engine.dialect.has_table(connection, SchemaVersionRow.__tablename__):
                return None
            return connection.scalar(select(func.max(SchemaVersionRow.version)))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        For a unit of work that may write; one that only reads takes `read_session()`."""
        with self._turns, self._sessions.begin() as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for a unit of work that only reads: it does not wait for writers, every
        statement in it sees the database as the first one did, and it is rolled back when
        the block ends. An INSERT, UPDATE or DELETE in it raises, and so do a flush with
        changes and commit(); on PostgreSQL the database refuses any other write too."""
        with self._reader_turns:
            session = self._reads()
            try:
                if self.dialect == "sqlite":
                    _begin_sqlite_read(session.connection())
                else:
                    session.connection(execution_options=_POSTGRESQL_READING)
                yield session
            finally:
                # close() rolls the transaction back but, unlike rollback(), leaves the rows
                # read loaded, so they can still be read after the block.
                session.close()

    def close(self) -> None:
        """Close every pooled connection (call at shutdown; a later session reconnects)."""
        self.engine.dispose()

    def __enter__(self) -> "AppDatabase":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __str__(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"AppDatabase({str(self)!r})"


class _ReadSession(Session):
    """A read session's Session: writing there is a mistake (the work belongs in a write
    session, which waits its turn), so it raises rather than being quietly rolled back.

    The guard is in Python, not SQLite's `PRAGMA query_only`: switching that on and off for
    each session made `authenticate` take about a fifth more CPU. SQL text is not checked
    here; PostgreSQL refuses it (READ ONLY) and on SQLite the rollback at the end undoes it.
    """

    def commit(self) -> None:
        raise _refused("commit")


@event.listens_for(_ReadSession, "do_orm_execute")
def _refuse_dml(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise _refused("INSERT, UPDATE or DELETE")


@event.listens_for(_ReadSession, "before_flush")
def _refuse_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise _refused("a flush of changed rows")


def _refused(what: str) -> RuntimeError:
    return RuntimeError(f"{what} in a read session: write in AppDatabase.session()")


def open_app_database(settings: Settings) -> AppDatabase:
    """The app database the settings name, with its tables created."""
    database = AppDatabase(settings.app_database_url())
    database.create_all()
    return database


def _engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        # pre_ping: a pooled connection the server dropped (restart, idle timeout) is replaced.
        return create_engine(url, pool_pre_ping=True)
    options: dict[str, Any] = {
        # The server shares one engine across worker threads; sessions never cross threads.
        "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    }
    if _in_memory(url):
        # Every connection to :memory: is a new empty database; keep one (single-threaded use).
        options["poolclass"] = StaticPool
    else:
        Path(str(url.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # Readers do not queue on the writers' lock, so every request thread (the server runs
        # 40) may hold a connection at once; a SQLite connection is only an open file.
        options |= {"pool_size": 10, "max_overflow": 50}
    engine = create_engine(url, **options)
    event.listen(engine, "connect", sqlite_pragmas)
    return engine


def _in_memory(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _schema_turn(connection: Connection) -> None:
    """Hold the database's schema lock until `connection`'s transaction ends, so processes
    creating or upgrading the schema at once take turns: each finds what the one before made,
    instead of two CREATE TABLEs racing ("table ... already exists").

    SQLite: BEGIN IMMEDIATE takes the write lock (others wait, busy timeout) and its DDL is
    transactional. PostgreSQL: a transaction-scoped advisory lock."""
    if connection.dialect.name == "sqlite":
        # pysqlite starts no transaction before DDL by itself; this one commits with the block.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))


def _begin_sqlite_read(connection: Connection) -> None:
    # pysqlite opens a transaction only before a write, so without BEGIN every SELECT would
    # read its own moment: a count and a list could disagree. Through the DBAPI cursor, as
    # exec_driver_sql costs a read session ~10% more; the session's rollback ends it.
    cursor = connection.connection.cursor()
    try:
        cursor.execute("BEGIN")
    finally:
        cursor.close()
