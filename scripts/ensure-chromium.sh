#!/usr/bin/env bash
# The HTML-report test opens the report in real headless Chromium (Debian's package;
# playwright's own browser download cannot work without network). Installs it when missing.
set -euo pipefail
if [ -n "${LEADLIFT_CHROMIUM:-}" ] && [ -x "${LEADLIFT_CHROMIUM}" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: install it with 'sudo apt-get install -y chromium' (needed by test/report)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the report browser test…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
