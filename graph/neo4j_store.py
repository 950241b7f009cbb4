"""The Neo4j store: a Neo4j 5 server, cluster or Aura through the official driver.

URIs: bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc:// (a single server
answers neo4j:// routing too). Credentials and database from NEO4J_USERNAME (or NEO4J_USER),
NEO4J_PASSWORD, NEO4J_DATABASE. The connection is checked when the store opens, with a
short timeout, so a down server, a wrong password or a wrong database name fails at once
with a one-line StoreError naming the URI (never the password).

Writes: one `session.execute_write` transaction per `write()`, statements batched with
UNWIND (BATCH_SIZE rows each). Read-only queries: a READ session and `execute_read`, so
Neo4j itself refuses writes (Neo.ClientError.Statement.AccessMode).
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Callable
from urllib.parse import urlsplit

from samverkan import settings
from samverkan.errors import QueryError, SamverkanError, StoreError

from . import cypher
from .store import GraphStore, _node_value, _rel_value, one_line, register_converter

try:
    import neo4j
    from neo4j import exceptions as nx
    from neo4j import graph as ngraph
except ImportError:  # pragma: no cover
    neo4j = None

# The driver logs (e.g. "Unable to retrieve routing information") through `logging`; with no
# handler configured Python would print them to stderr next to our one-line error.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

CONNECT_TIMEOUT = 5.0      # seconds to open a TCP/Bolt connection
RETRY_TIME = 15.0          # managed transactions retry transient failures this long
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def safe_uri(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return parts._replace(netloc=host).geturl()
    return uri


def _convert(value: Any) -> Any:
    if neo4j is None:
        return value
    if isinstance(value, ngraph.Node):
        labels = sorted(value.labels)
        return _node_value(labels[0] if len(labels) == 1 else ":".join(labels), dict(value))
    if isinstance(value, ngraph.Relationship):
        return _rel_value(value.type, dict(value))
    if isinstance(value, ngraph.Path):
        out: list[Any] = []
        for i, node in enumerate(value.nodes):
            out.append(_convert(node))
            if i < len(value.relationships):
                out.append(_convert(value.relationships[i]))
        return tuple(out)
    to_native = getattr(value, "to_native", None)
    if callable(to_native) and type(value).__module__.startswith("neo4j"):
        try:
            return to_native()
        except Exception:
            return str(value)
    return value


register_converter(_convert)


def _chain_text(exc: BaseException, depth: int = 0) -> str:
    """The messages of an exception, its causes and (routing) exception-group members."""
    if exc is None or depth > 8:
        return ""
    parts = [str(exc)]
    for sub in getattr(exc, "exceptions", ()) or ():
        parts.append(_chain_text(sub, depth + 1))
    nested = exc.__cause__ or exc.__context__
    if nested is not None:
        parts.append(_chain_text(nested, depth + 1))
    return " | ".join(p for p in parts if p)


class Neo4jStore(GraphStore):
    backend = "neo4j"

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        super().__init__()
        if neo4j is None:
            raise StoreError("the Neo4j store needs the `neo4j` package (pip install neo4j)")
        conf = settings.Neo4jSettings.from_env(uri)
        self.uri = (conf.uri or "").strip()
        self.user = user or conf.user
        self._password = password if password is not None else conf.password
        self.database = database or conf.database
        self._schema_ready = False
        self._driver = None
        if not self.uri:
            raise StoreError("no Neo4j URI: set NEO4J_URI (e.g. bolt://127.0.0.1:7687) or pass --uri")
        scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
        if scheme not in SCHEMES:
            raise StoreError(f"invalid Neo4j URI {safe_uri(self.uri)}: use one of {', '.join(s + '://' for s in SCHEMES)}")
        if "@" in self.uri.split("://", 1)[1].split("/", 1)[0]:
            raise StoreError(f"invalid Neo4j URI {safe_uri(self.uri)}: put the user and password in "
                             "NEO4J_USERNAME/NEO4J_PASSWORD, not in the URI")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._driver = neo4j.GraphDatabase.driver(
                    self.uri,
                    auth=(self.user, self._password or ""),
                    connection_timeout=CONNECT_TIMEOUT,
                    connection_acquisition_timeout=CONNECT_TIMEOUT * 2,
                    max_transaction_retry_time=RETRY_TIME,
                    notifications_min_severity="OFF",
                    user_agent="samverkan",
                )
        except Exception as exc:
            raise StoreError(f"invalid Neo4j URI {safe_uri(self.uri)}: {one_line(exc)}") from exc
        try:
            with self._session(read=True) as session:
                session.run("RETURN 1").consume()
        except Exception as exc:
            err = self._connection_error(exc)
            self.close()
            if err is None:
                raise StoreError(f"cannot use Neo4j at {safe_uri(self.uri)}: {one_line(exc)}") from exc
            raise err from exc

    def describe(self) -> str:
        return f"Neo4j at {safe_uri(self.uri)} (database {self.database})"

    # ---- errors ------------------------------------------------------------------------
    def _connection_error(self, exc: BaseException) -> StoreError | None:
        """A StoreError for an unreachable server, refused credentials or a missing database;
        None when `exc` is something else (a query error)."""
        where = safe_uri(self.uri)
        if isinstance(exc, nx.AuthError) or getattr(exc, "code", "") == "Neo.ClientError.Security.Unauthorized":
            hint = "NEO4J_PASSWORD is not set" if not self._password else "check NEO4J_USERNAME/NEO4J_PASSWORD"
            return StoreError(f"Neo4j at {where} refused the credentials of user {self.user!r} ({hint})")
        code = getattr(exc, "code", "") or ""
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"Neo4j at {where} has no database {self.database!r} (check NEO4J_DATABASE)")
        if code.startswith("Neo.ClientError.Security."):
            return StoreError(f"Neo4j at {where} refused user {self.user!r}: {one_line(exc)}")
        if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired)) or isinstance(exc, OSError):
            return StoreError(f"cannot reach Neo4j at {where}: {self._reason(exc)}")
        if code == "Neo.TransientError.General.DatabaseUnavailable":
            return StoreError(f"Neo4j at {where}: database {self.database!r} is unavailable")
        return None

    @staticmethod
    def _reason(exc: BaseException) -> str:
        text = " ".join(_chain_text(exc).split()).lower()
        if "refused" in text:
            return "connection refused"
        if "timed out" in text or "timeout" in text:
            return f"no answer within {CONNECT_TIMEOUT:g} s"
        if "dns" in text or "name or service not known" in text or "resolve" in text:
            return "unknown host"
        if "routing" in text:
            return "no routing information (is it a Neo4j server?)"
        if "ssl" in text or "certificate" in text:
            return f"TLS failed ({one_line(exc, 120)})"
        return one_line(exc, 160)

    def _write_error(self, exc: Exception) -> SamverkanError:
        return self._connection_error(exc) or super()._write_error(exc)

    def _query_error(self, exc: Exception) -> SamverkanError:
        err = self._connection_error(exc)
        if err is not None:
            return err
        code = getattr(exc, "code", "") or ""
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryError(f"read-only query refused by Neo4j: {one_line(exc)}")
        return QueryError(f"query failed on Neo4j: {one_line(exc)}")

    # ---- engine hooks ------------------------------------------------------------------
    def _session(self, read: bool):
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _transaction(self, work: Callable[[Any], Any], readonly: bool = False) -> Any:
        self._check_open()
        with self._session(read=readonly) as session:
            if readonly:
                return session.execute_read(work)
            return session.execute_write(work)

    def _run(self, tx: Any, statement: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(statement, params or {})
        columns = list(result.keys())
        rows = [list(record.values()) for record in result]
        return columns, rows

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        try:
            with self._session(read=False) as session:
                for statement in cypher.neo4j_constraints():
                    session.run(statement).consume()
        except Exception as exc:
            raise self._connection_error(exc) or StoreError(
                f"cannot create constraints on {self.describe()}: {one_line(exc)}") from exc
        self._schema_ready = True

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._driver is not None:
            try:
                self._driver.close()
            except Exception:
                pass
            self._driver = None
