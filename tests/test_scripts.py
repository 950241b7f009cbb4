"""The README's commands as a newcomer runs them: scripts/run.sh without a terminal (no
Streamlit e-mail prompt may hold it), and scripts/python-env.sh with a system Python that
refuses pip installs (PEP 668), an active virtualenv, and a Python that is too old.

The full fresh-clone run with Debian's python3 first on PATH is what .ci/run does."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from samverkan.settings import PROJECT_ROOT

SCRIPTS = PROJECT_ROOT / "scripts"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _python_env(workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Source scripts/python-env.sh in `workdir` and print the Python it chose."""
    script = f'. "{SCRIPTS / "python-env.sh"}"; samverkan_python_env && echo "PY=$PY"'
    return subprocess.run(["bash", "-c", script], cwd=workdir, env=env, capture_output=True, text=True, timeout=600)


def test_an_active_virtualenv_is_used_as_it_is(tmp_path):
    env = dict(os.environ, VIRTUAL_ENV=sys.prefix)
    if not Path(sys.prefix, "bin", "python").exists():
        pytest.skip("the tests do not run in a virtualenv")
    out = _python_env(tmp_path, env)
    assert out.returncode == 0, out.stderr
    assert f"PY={sys.prefix}/bin/python" in out.stdout and not (tmp_path / ".venv").exists()


def test_a_project_virtualenv_is_made_from_the_python_on_path(tmp_path):
    """With no virtualenv active, .venv/ is created (here from this interpreter's base)."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["SAMVERKAN_PYTHON"] = sys.executable
    out = _python_env(tmp_path, env)
    assert out.returncode == 0, out.stderr
    assert f"PY={tmp_path}/.venv/bin/python" in out.stdout
    assert "created the virtualenv .venv/" in out.stderr
    version = subprocess.run([str(tmp_path / ".venv/bin/python"), "-c", "import sys; print(sys.prefix != sys.base_prefix)"],
                             capture_output=True, text=True, check=True)
    assert version.stdout.strip() == "True"


def test_an_externally_managed_system_python_is_never_installed_into(tmp_path):
    """Debian's python3 (PEP 668) first on PATH: the environment is a .venv, and pip runs there."""
    debian = Path("/usr/bin/python3")
    if not (debian.exists() and list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))):
        pytest.skip("no externally managed system Python here")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SAMVERKAN_PYTHON")}
    env["PATH"] = "/usr/bin:/bin"
    out = _python_env(tmp_path, env)
    if out.returncode != 0 and "install python" in out.stderr and os.geteuid() != 0:
        pytest.skip("python3-venv is missing and only root may install it")
    assert out.returncode == 0, out.stderr
    assert f"PY={tmp_path}/.venv/bin/python" in out.stdout
    pip = subprocess.run([str(tmp_path / ".venv/bin/python"), "-m", "pip", "--version"], capture_output=True, text=True)
    assert pip.returncode == 0 and str(tmp_path / ".venv") in pip.stdout


def test_a_python_older_than_3_11_is_refused_in_one_line(tmp_path):
    old = tmp_path / "python3"
    old.write_text("#!/bin/sh\nif [ \"$1\" = -c ]; then case \"$2\" in *exit*) exit 1;; *) echo 3.8.10;; esac; fi\n")
    old.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["SAMVERKAN_PYTHON"] = str(old)
    out = _python_env(tmp_path, env)
    assert out.returncode != 0 and "3.11 or newer is needed" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_run_sh_serves_the_app_without_a_terminal(tmp_path):
    """scripts/run.sh with stdin closed and a HOME without Streamlit credentials: it builds the
    store, starts, and answers /_stcore/health (Streamlit's first-run e-mail prompt would hold
    it forever)."""
    if not shutil.which("bash"):
        pytest.skip("no bash")
    port = _free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), SAMVERKAN_STORE=str(tmp_path / "store.lbug"), SAMVERKAN_BACKEND="embedded")
    if sys.prefix != sys.base_prefix:
        env["VIRTUAL_ENV"] = sys.prefix  # the suite's own environment: nothing new to install
    proc = subprocess.Popen([str(SCRIPTS / "run.sh"), "--port", str(port), "--address", "127.0.0.1"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        healthy = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                    healthy = resp.status == 200
                    break
            except OSError:
                time.sleep(1)
        assert healthy, f"the app did not answer; exit {proc.poll()}"
        assert not (home / ".streamlit" / "credentials.toml").exists()
    finally:
        os.killpg(proc.pid, 15)
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert "Email" not in output, output
