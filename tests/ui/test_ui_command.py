"""`samverkan ui`: options, building the store when missing, one-line errors."""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys

import pytest

from ui_helpers import free_port

from samverkan.commands import ui as ui_command
from samverkan.errors import EXIT_STORE, EXIT_USAGE, SamverkanError


def args(**kw):
    base = dict(port=8765, address="127.0.0.1", backend="embedded", store=None, headless=True)
    base.update(kw)
    return argparse.Namespace(**base)


def test_help_lists_the_options():
    out = subprocess.run([sys.executable, "-m", "samverkan", "ui", "--help"], capture_output=True, text=True, check=True)
    for option in ("--port", "--backend", "--headless", "--store", "--address"):
        assert option in out.stdout


def test_builds_the_store_when_missing(tmp_path, capsys):
    store = tmp_path / "ny" / "samverkan.lbug"
    cmd, env = ui_command.prepare(args(store=store, port=free_port()))
    assert store.exists()
    assert "building it from" in capsys.readouterr().err
    assert env["SAMVERKAN_STORE"] == str(store.resolve()) and env["SAMVERKAN_BACKEND"] == "embedded"
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4].endswith(os.path.join("ui", "app.py"))
    assert os.path.exists(cmd[4])
    joined = " ".join(cmd)
    assert "--server.headless true" in joined and "--browser.gatherUsageStats false" in joined
    assert "--server.showEmailPrompt false" in joined
    assert "--server.address 127.0.0.1" in joined


def test_an_existing_store_is_not_rebuilt(tmp_path, capsys):
    store = tmp_path / "samverkan.lbug"
    ui_command.prepare(args(store=store, port=free_port()))
    capsys.readouterr()
    stamp = os.path.getmtime(store)
    ui_command.prepare(args(store=store, port=free_port()))
    assert "building" not in capsys.readouterr().err
    assert os.path.getmtime(store) == stamp


def test_port_in_use(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(SamverkanError) as err:
            ui_command.prepare(args(store=tmp_path / "s.lbug", port=port))
    assert err.value.exit_code == EXIT_USAGE and "in use" in str(err.value)


def test_store_option_is_for_embedded_only(tmp_path):
    with pytest.raises(SamverkanError) as err:
        ui_command.prepare(args(backend="neo4j", store=tmp_path / "s.lbug"))
    assert err.value.exit_code == EXIT_USAGE


def test_neo4j_down_fails_before_the_app_starts():
    env = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    out = subprocess.run([sys.executable, "-m", "samverkan", "ui", "--backend", "neo4j", "--headless",
                          "--port", str(free_port())], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == EXIT_STORE
    assert out.stderr.startswith("samverkan: error:") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


