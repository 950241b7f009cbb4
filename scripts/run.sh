#!/usr/bin/env bash
# Install samverkan and start the app: builds the graph from the bundled report on first
# run, then serves the Streamlit app (http://localhost:8501).
#   scripts/run.sh [samverkan ui options]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e .
exec samverkan ui "$@"
