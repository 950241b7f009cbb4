"""User-facing errors: one line on stderr and a documented exit code, never a traceback."""
from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILURE = 1        # unexpected internal error (a bug: please report it)
EXIT_USAGE = 2          # wrong command-line arguments
EXIT_INPUT = 3          # a document that cannot be read (missing, empty, binary, no text layer, too large)
EXIT_STORE = 4          # a store that cannot be opened or reached (Neo4j down, wrong password or database)
EXIT_QUERY = 5          # a query that is refused (writes on the read-only path) or fails


class SamverkanError(Exception):
    """An error the user can act on. `exit_code` is one of the EXIT_* constants."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(SamverkanError):
    exit_code = EXIT_INPUT


class StoreError(SamverkanError):
    exit_code = EXIT_STORE


class QueryError(SamverkanError):
    exit_code = EXIT_QUERY


def warn(message: str) -> None:
    """A problem the user should know of that does not stop the command: one line on stderr."""
    print(f"samverkan: warning: {message}", file=sys.stderr)
