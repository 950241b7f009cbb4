#!/usr/bin/env bash
# Install what the test suite needs, start a real Neo4j on loopback, run pytest.
#   scripts/test.sh [pytest args]
# Installs: the package with its test extras (PyPI) into the active virtualenv or the
# project's .venv/ (scripts/python-env.sh), Debian's chromium for the browser tests, Neo4j
# 5.26 from Maven Central (scripts/neo4j-server.sh). Nothing by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python-env.sh
samverkan_python_env

"$PY" -m pip install --quiet --disable-pip-version-check -e ".[test]"
if [ -x scripts/install-browser.sh ]; then
  scripts/install-browser.sh
fi

started_neo4j=0
if ! scripts/neo4j-server.sh status >/dev/null 2>&1; then
  NEO4J_PYTHON="$PY" scripts/neo4j-server.sh start >/dev/null
  started_neo4j=1
fi
eval "$(NEO4J_PYTHON="$PY" scripts/neo4j-server.sh env)"
if [ "$started_neo4j" = 1 ]; then
  trap 'scripts/neo4j-server.sh stop >/dev/null 2>&1 || true' EXIT
fi

"$PY" -m pytest "$@"
