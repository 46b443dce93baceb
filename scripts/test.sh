#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what it needs, builds with warnings
# as errors, starts a throwaway PostgreSQL cluster (Relay's own embedded-cluster code, with
# durability off; each test makes its own database in it), runs the Swift tests, then the interop
# tests (protoc, Python protobuf, protobuf-c, grpcio, dkimpy and Python's email package), the edge
# tests (DNS and SMTP against dnslib and aiosmtpd servers) and the Python client's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== swift build (warnings are errors)"
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
if ! grep -q "Build complete" .build-log.txt; then
  echo "swift build failed"; exit 1
fi
rm -f .build-log.txt

echo "== throwaway PostgreSQL"
pgdir=$(mktemp -d /tmp/relay-test-pg.XXXXXX)
chmod 755 "$pgdir"  # the postgres system user runs the server when we are root
stop_postgres() {
  .build/debug/relay db stop --data-dir "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_postgres EXIT
RELAY_TEST_DATABASE_URL=$(.build/debug/relay db start --data-dir "$pgdir" --setting fsync=off \
  --setting synchronous_commit=off --setting full_page_writes=off --setting max_connections=300)
export RELAY_TEST_DATABASE_URL
echo "$RELAY_TEST_DATABASE_URL"

echo "== swift test"
swift test --skip-build

echo "== interop and client tests"
export RELAY_CODEC_PROBE="$PWD/.build/debug/relay-codec-probe"
export RELAY_EDGE_PROBE="$PWD/.build/debug/relay-edge-probe"
export RELAY_MAIL_PROBE="$PWD/.build/debug/relay-mail-probe"
python3 -m pytest -q -p no:cacheprovider Tests/interop Tests/edge clients/python/tests
