#!/usr/bin/env bash
# Runs Relay on this machine: installs what it needs, builds, and starts `relay serve` with the
# embedded defaults (listen 127.0.0.1:50051, data in ./.relay). Extra arguments go to `relay serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product relay 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
test -x .build/release/relay || { echo "build failed"; exit 1; }
exec .build/release/relay serve "$@"
