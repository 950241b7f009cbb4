"""The embedded store: LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu) on disk.

One `ladybug.Database` per path per process (LadybugDB must not open the same files twice
in one process), shared by every `EmbeddedStore` on that path and closed with the last
one; each store has its own `Connection`, used under a lock (Streamlit runs scripts on
several threads). Another process holding the store read-write locks it: opening fails
with a StoreError that says so.

Transactions: writes run between `BEGIN TRANSACTION` and `COMMIT` (ROLLBACK on failure);
read-only queries between `BEGIN TRANSACTION READ ONLY` and `COMMIT`, where LadybugDB
itself refuses any write ("Can not execute a write query inside a read-only transaction").
`read_only=True` opens the database read-only as well (several readers, no writer).
"""
from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, Callable

from samverkan import settings
from samverkan.errors import QueryError, SamverkanError, StoreError

from . import cypher
from .store import GraphStore, one_line

try:
    import ladybug as lb
except ImportError:  # pragma: no cover - a dependency, but say so clearly
    lb = None

_DATABASES: dict[str, list[Any]] = {}  # resolved path -> [Database, users, read_only]
_DB_LOCK = threading.Lock()

_WRITE_REFUSED = re.compile(r"read-only (transaction|database)|Cannot execute write", re.I)


def _open_database(path: Path, read_only: bool) -> Any:
    key = str(path.resolve())
    with _DB_LOCK:
        entry = _DATABASES.get(key)
        if entry is not None:
            db, users, ro = entry
            if ro and not read_only:
                raise StoreError(f"the embedded store {path} is open read-only in this process; close it first")
            entry[1] = users + 1
            return db
        try:
            db = lb.Database(str(path), read_only=read_only)
        except Exception as exc:  # ladybug raises RuntimeError for everything
            raise _open_error(path, exc) from exc
        _DATABASES[key] = [db, 1, read_only]
        return db


def _release_database(path: Path) -> None:
    key = str(path.resolve())
    with _DB_LOCK:
        entry = _DATABASES.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _DATABASES[key]
            try:
                entry[0].close()
            except Exception:
                pass


def _open_error(path: Path, exc: Exception) -> StoreError:
    text = one_line(exc)
    lock = re.search(r"Lock is held by PID (\d+)", text)
    if "Could not set lock" in text or lock:
        who = f" (PID {lock.group(1)})" if lock else ""
        return StoreError(f"the embedded store {path} is in use by another process{who}; "
                          "stop it (e.g. the UI) or use the Neo4j backend")
    if "empty database under READ ONLY" in text:
        return StoreError(f"no embedded store at {path}; run `samverkan build` first")
    return StoreError(f"cannot open the embedded store {path}: {text}")


class EmbeddedStore(GraphStore):
    backend = "embedded"
    dialect = "ladybug"

    def __init__(self, path: str | Path | None = None, create: bool = True, read_only: bool = False):
        super().__init__()
        if lb is None:
            raise StoreError("the embedded store needs the `ladybug` package (pip install ladybug)")
        self.path = Path(path) if path else settings.store_path()
        self.read_only = read_only
        self._lock = threading.RLock()
        self._db = None
        self._conn = None
        if not self.path.exists():
            if not create or read_only:
                raise StoreError(f"no embedded store at {self.path}; run `samverkan build` first")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {self.path.parent}: {exc.strerror or exc}") from exc
        elif self.path.is_dir() and not any(self.path.iterdir()) and not create:
            raise StoreError(f"no embedded store at {self.path}; run `samverkan build` first")
        if read_only:
            self._migrate_if_outdated()
        self._db = _open_database(self.path, read_only)
        try:
            self._conn = lb.Connection(self._db)
            if not read_only:
                self._create_tables()
            elif self._schema_gaps(self._conn):
                raise StoreError(f"the embedded store {self.path} was built with an older schema and is in use "
                                 "by another process; stop it or rebuild with `samverkan build --fresh`")
        except SamverkanError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise StoreError(f"cannot open the embedded store {self.path}: {one_line(exc)}") from exc

    def describe(self) -> str:
        return f"the embedded store {self.path}"

    # ---- schema ------------------------------------------------------------------------
    def _create_tables(self) -> None:
        with self._lock:
            for statement in cypher.ladybug_ddl():
                self._conn.execute(statement)
            # A store built with an older schema: add the columns a newer schema declares.
            for table, column, ptype in self._schema_gaps(self._conn):
                self._conn.execute(cypher.ladybug_add_column(table, column, ptype))

    @staticmethod
    def _schema_gaps(conn: Any) -> list[tuple[str, str, str]]:
        """(table, column, type) the schema declares and the store lacks (a whole missing
        table counts as its columns)."""
        tables = {row[0] for row in conn.execute("CALL show_tables() RETURN name").get_all()}
        gaps = []
        for table, columns in cypher.ladybug_table_columns().items():
            have: set[str] = set()
            if table in tables:
                have = {row[0] for row in conn.execute(f"CALL table_info('{table}') RETURN name").get_all()}
            gaps += [(table, column, ptype) for column, ptype in columns.items() if column not in have]
        return gaps

    def _migrate_if_outdated(self) -> None:
        """Before a read-only open: if the store predates the schema, add what is missing
        through a short read-write open (when no other process holds the store)."""
        key = str(self.path.resolve())
        with _DB_LOCK:
            if key in _DATABASES:
                return
        probe = _open_database(self.path, read_only=True)
        try:
            outdated = bool(self._schema_gaps(lb.Connection(probe)))
        finally:
            _release_database(self.path)
        if not outdated:
            return
        try:
            writer = EmbeddedStore(self.path, create=False)
        except StoreError:
            return  # in use: the check after the read-only open reports it
        writer.close()

    # ---- engine hooks ------------------------------------------------------------------
    def _transaction(self, work: Callable[[Any], Any], readonly: bool = False) -> Any:
        self._check_open()
        if not readonly and self.read_only:
            raise StoreError(f"{self.describe()} is open read-only")
        with self._lock:
            self._conn.execute("BEGIN TRANSACTION READ ONLY" if readonly else "BEGIN TRANSACTION")
            try:
                result = work(self._conn)
            except BaseException:
                self._rollback()
                raise
            try:
                self._conn.execute("COMMIT")
            except Exception:
                self._rollback()
                raise
            return result

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except Exception:
            pass  # LadybugDB already rolled back a transaction whose statement failed

    def _run(self, tx: Any, statement: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        result = tx.execute(statement, params or {})
        if isinstance(result, list):  # several statements: LadybugDB returns one result each
            for extra in result[:-1]:
                extra.close()
            result = result[-1]
        try:
            return list(result.get_column_names()), result.get_all()
        finally:
            result.close()

    def _query_error(self, exc: Exception) -> SamverkanError:
        text = one_line(exc)
        if _WRITE_REFUSED.search(text):
            return QueryError(f"read-only query refused by LadybugDB: {text}")
        return QueryError(f"query failed on the embedded store: {text}")

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except Exception:
                    pass
                self._conn = None
            if self._db is not None:
                self._db = None
                _release_database(self.path)
