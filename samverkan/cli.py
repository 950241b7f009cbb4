"""The `samverkan` command line. Each subcommand lives in samverkan/commands/<name>.py
and exposes `register(subparsers)`; errors become one line on stderr and an exit code."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands
from .errors import EXIT_FAILURE, EXIT_USAGE, SamverkanError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samverkan",
        description="Knowledge graph of Swedish regional development reports (Återrapportering).",
    )
    parser.add_argument("--version", action="version", version=f"samverkan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except SamverkanError as exc:
        print(f"samverkan: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("samverkan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, but say so
        print(f"samverkan: internal error: {type(exc).__name__}: {exc} (set SAMVERKAN_DEBUG=1 for a traceback)", file=sys.stderr)
        import os
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
