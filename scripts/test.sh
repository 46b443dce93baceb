#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what it needs, builds with warnings
# as errors, runs the Swift tests, then the interop tests (protoc, Python protobuf, protobuf-c) and
# the Python client's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== swift build (warnings are errors)"
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
if ! grep -q "Build complete" .build-log.txt; then
  echo "swift build failed"; exit 1
fi
rm -f .build-log.txt

echo "== swift test"
swift test --skip-build

echo "== interop and client tests"
export RELAY_CODEC_PROBE="$PWD/.build/debug/relay-codec-probe"
python3 -m pytest -q -p no:cacheprovider Tests/interop clients/python/tests
