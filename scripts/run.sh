#!/usr/bin/env bash
# Install samverkan and start the app: builds the graph from the bundled report on first
# run, then serves the Streamlit app (http://localhost:8501).
#   scripts/run.sh [samverkan ui options]
# Installs into the active virtualenv or the project's .venv/ (scripts/python-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python-env.sh
samverkan_python_env
"$PY" -m pip install --quiet --disable-pip-version-check -e .
exec "$PY" -m samverkan ui "$@"
