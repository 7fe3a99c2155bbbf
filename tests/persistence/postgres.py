"""A throwaway PostgreSQL server for the tests: initdb in a temp folder, reachable only through
a unix socket in that folder, fsync off, trust authentication, removed when stopped.

PostgreSQL refuses to run as root, so under root (containers) initdb, pg_ctl and the server run
as `nobody` through `runuser`, in a folder handed to that user. Anything that stops the server
from starting raises ServerUnavailable with the reason, which the fixture turns into a skip.
"""

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

BIN_FOLDERS = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
UNPRIVILEGED_USER = "nobody"
START_TIMEOUT_S = 60
INITDB_OPTIONS = ("-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
# Durability is pointless for a server thrown away after the run; no TCP, the socket only.
SERVER_SETTINGS = (
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "listen_addresses=",
)


class ServerUnavailable(Exception):
    """The server could not be started here; the message says why."""


@dataclass
class PostgresServer:
    """A running throwaway server: `url(name)` for SQLAlchemy, `create_database()` per test."""

    folder: Path
    port: int
    pg_ctl: str
    run_as: list[str]

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"

    def create_database(self) -> str:
        """A new empty database; returns its name."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
            timeout=START_TIMEOUT_S,
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def _admin(self, statement: sql.SQL | sql.Composed) -> None:
        with psycopg.connect(
            host=str(self.folder),
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(statement)


def start_postgres() -> PostgresServer:
    """Start a server in a new temp folder, or raise ServerUnavailable saying why not."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="retain-pg-"))
    if run_as:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    server = PostgresServer(folder, _free_port(), pg_ctl, run_as)
    try:
        data = str(folder / "data")
        _run([*run_as, initdb, "-D", data, *INITDB_OPTIONS], "initdb")
        options = " ".join(f"-c {shlex.quote(setting)}" for setting in SERVER_SETTINGS)
        options += f" -k {shlex.quote(str(folder))} -p {server.port}"
        log = str(folder / "server.log")
        timeout = ["-w", "-t", str(START_TIMEOUT_S)]
        started = subprocess.run(
            [*run_as, pg_ctl, "-D", data, "-l", log, *timeout, "-o", options, "start"],
            capture_output=True,
            text=True,
            check=False,
            timeout=START_TIMEOUT_S + 10,
        )
        if started.returncode != 0:
            raise ServerUnavailable(f"pg_ctl start failed: {_tail(started.stderr)} {_log(log)}")
        server._admin(sql.SQL("SELECT 1"))
    except (ServerUnavailable, OSError, subprocess.SubprocessError, psycopg.Error) as error:
        server.stop()
        raise ServerUnavailable(str(error)) from None
    return server


def _binary(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=os.pathsep.join(BIN_FOLDERS))
    if found is None:
        raise ServerUnavailable(f"{name} not found on PATH nor in {', '.join(BIN_FOLDERS)}")
    return found


def _run_as() -> list[str]:
    """The command prefix that drops root, or [] when not root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ServerUnavailable("running as root and runuser is missing: PostgreSQL refuses root")
    try:
        pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        raise ServerUnavailable(f"running as root and no user {UNPRIVILEGED_USER!r}") from None
    return [runuser, "-u", UNPRIVILEGED_USER, "--"]


def _free_port() -> int:
    # Only names the socket file here (no TCP listener), but a free port avoids surprises.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=START_TIMEOUT_S
    )
    if done.returncode != 0:
        raise ServerUnavailable(f"{what} failed ({done.returncode}): {_tail(done.stderr)}")


def _tail(text: str) -> str:
    return " | ".join(text.strip().splitlines()[-5:])


def _log(path: str) -> str:
    try:
        return "log: " + _tail(Path(path).read_text())
    except OSError:
        return ""
