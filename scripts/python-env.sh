# Sourced by scripts/run.sh and scripts/test.sh: choose the Python samverkan runs in and
# set PY to it.
#
#   - inside an active virtualenv ($VIRTUAL_ENV): that one;
#   - else the project's own virtualenv .venv/ (created on first use), so a system Python
#     that refuses pip installs (PEP 668: Debian's and Ubuntu's "externally-managed-
#     environment") is never installed into. Debian's python3 has no venv module until
#     python3-venv is installed: as root, with apt-get, that is done here.
#
# The base interpreter is $SAMVERKAN_PYTHON, else the first python3 on PATH; it must be 3.11+.

samverkan_python_env() {
  if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
    PY="$VIRTUAL_ENV/bin/python"
    return 0
  fi
  local venv=".venv"
  if [ ! -x "$venv/bin/python" ]; then
    local base="${SAMVERKAN_PYTHON:-$(command -v python3 || true)}"
    if [ -z "$base" ]; then
      echo "samverkan: no python3 on PATH (Python 3.11 or newer is needed)" >&2
      return 1
    fi
    if ! "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "samverkan: $base is Python $("$base" -c 'import sys; print(sys.version.split()[0])'); 3.11 or newer is needed (set SAMVERKAN_PYTHON)" >&2
      return 1
    fi
    if ! "$base" -m venv "$venv" >/dev/null 2>&1; then
      rm -rf "$venv"
      local minor
      minor="$("$base" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "samverkan: $base has no venv module; installing python${minor}-venv with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq "python${minor}-venv" >/dev/null 2>&1 \
          || { apt-get update -qq && apt-get install -y -qq "python${minor}-venv" >/dev/null; }
        "$base" -m venv "$venv"
      else
        echo "samverkan: $base cannot create a virtualenv; install python${minor}-venv (apt-get install python${minor}-venv) or activate one" >&2
        return 1
      fi
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
    echo "samverkan: created the virtualenv $venv/ (with $base); commands run from $venv/bin" >&2
  fi
  PY="$PWD/$venv/bin/python"
  export PATH="$PWD/$venv/bin:$PATH"
}
