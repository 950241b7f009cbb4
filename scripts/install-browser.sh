#!/usr/bin/env bash
# Install Chromium from Debian for the browser tests (Playwright drives it; Playwright's own
# browser download is never used). Idempotent: does nothing when chromium is already there.
#   scripts/install-browser.sh          # prints the path of the browser
# Needs root (or sudo) and apt-get; the browser tests look for /usr/bin/chromium
# (override with SAMVERKAN_CHROMIUM).
set -euo pipefail

browser="${SAMVERKAN_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  echo "$browser"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install Chromium yourself and set SAMVERKAN_CHROMIUM" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-browser: needs root to apt-get install chromium" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when chromium is not installable from what is there.
if ! apt-cache show chromium >/dev/null 2>&1; then
  $sudo apt-get update -qq
fi
if ! $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
if [ ! -x "$browser" ]; then
  echo "install-browser: chromium installed but $browser is missing" >&2
  exit 1
fi
echo "$browser"
