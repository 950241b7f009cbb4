"""`samverkan ui [--port N] [--backend embedded|neo4j] [--store PATH] [--headless]`: the app.

Starts the Streamlit app (ui/app.py) on the store the other commands use. The embedded store
is built from the bundled report first when it does not exist yet; with Neo4j the
connection is checked before the app starts, so a down server fails here with one line.
"""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


def register(sub) -> None:
    p = sub.add_parser(
        "ui",
        help="start the Streamlit app on the store (builds the embedded store first when missing)",
        description="Start the Streamlit app: network, co-financing per section, actor profiles, funding flows, "
                    "a read-only Cypher console and the loaded reports. The embedded store is built from the "
                    "bundled report when it does not exist yet.",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--address", default=None,
                   help="address to listen on (default: Streamlit's, all interfaces; 127.0.0.1 for local only)")
    p.add_argument("--backend", choices=("embedded", "neo4j"),
                   help="store to show (default: SAMVERKAN_BACKEND, or neo4j when NEO4J_URI is set, else embedded)")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(func=run)


def app_path() -> Path:
    """ui/app.py of this installation."""
    try:
        import samverkan.ui as ui_pkg

        candidate = Path(ui_pkg.__file__).resolve().parent / "app.py"
        if candidate.exists():
            return candidate
    except ImportError:
        pass
    return APP


def _store_exists(path: Path) -> bool:
    return path.exists() and not (path.is_dir() and not any(path.iterdir()))


def _port_free(port: int, address: str | None) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address or "0.0.0.0", port))
        except OSError:
            return False
    return True


def prepare(args) -> tuple[list[str], dict[str, str]]:
    """Check the store (building the embedded one when missing) and return the Streamlit
    command line and environment."""
    backend = args.backend or settings.default_backend()
    if args.store is not None and backend != "embedded":
        raise SamverkanError("--store applies to the embedded backend only", EXIT_USAGE)
    if not 0 < args.port < 65536:
        raise SamverkanError(f"--port wants 1-65535, got {args.port}", EXIT_USAGE)
    env = dict(os.environ)
    env["SAMVERKAN_BACKEND"] = backend
    if backend == "embedded":
        path = (args.store or settings.store_path()).resolve()
        if not _store_exists(path):
            from samverkan.commands.build import build

            sys.stderr.write(f"samverkan: no store at {path}; building it from {settings.BUNDLED_REPORT.name} …\n")
            build([settings.BUNDLED_REPORT], path)
        env["SAMVERKAN_STORE"] = str(path)
    else:
        from samverkan.graph.store import open_store

        open_store("neo4j").close()  # a down server or wrong password fails here, in one line
    if not _port_free(args.port, args.address):
        raise SamverkanError(f"port {args.port} is in use; choose another with --port", EXIT_USAGE)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_path()),
        "--server.port", str(args.port),
        "--server.headless", "true" if args.headless else "false",
        "--server.maxUploadSize", str(max(1, int(float(settings.get("SAMVERKAN_MAX_INPUT_MB") or 40)))),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--server.showEmailPrompt", "false",  # Streamlit's first-run e-mail question would wait forever without a terminal
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        "--theme.base", "light",
        "--theme.primaryColor", "#1f77b4",
    ]
    if args.address:
        cmd += ["--server.address", args.address]
    return cmd, env


def run(args) -> int:
    cmd, env = prepare(args)
    sys.stdout.write(f"samverkan: starting the app on port {args.port} "
                     f"({env['SAMVERKAN_BACKEND']}{': ' + env['SAMVERKAN_STORE'] if 'SAMVERKAN_STORE' in env else ''})\n")
    sys.stdout.flush()
    os.execve(sys.executable, cmd, env)  # Streamlit takes over this process (Ctrl-C stops it)
    return 0  # pragma: no cover
