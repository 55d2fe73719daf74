#!/usr/bin/env bash
# Headless Chromium for the browser tests: Debian's package, installed when missing.
# Source it, then: ensure_chromium (exports CHROMIUM_PATH).

ensure_chromium() {
  local path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$path" ]; then
    echo "Installing Chromium from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
    path=/usr/bin/chromium
  fi
  export CHROMIUM_PATH="$path"
  echo "$("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1) at $CHROMIUM_PATH for the browser tests"
}
