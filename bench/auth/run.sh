#!/usr/bin/env bash
# bench/auth: what authentication and rate limiting cost on the RPC path, run by hand.
#
#   bench/auth/run.sh [--runs 3] [--duration 8] [--clients 16] [--streams 100]
#
# The same unary RPC (bench.Echo/Unary, 16-byte payload, relay-bench-auth) served twice per run,
# one after the other, pinned to CPU 0 with h2load on CPU 1 (as bench/rpc):
#   plain  no interceptors;
#   auth   relay serve's interceptors: the `authorization: Bearer` key checked through the credential
#          cache against a real PostgreSQL (a throwaway cluster made here with `relay db start`),
#          its scope checked, and the call counted in the four windows of the key and of its
#          organization (limits never reached, so every call is counted; leases are taken from the
#          shared counters in the database as they run out).
# Both get the same request headers (the plain run an unused bearer of the same length). Prints
# each run and the medians; the target is auth within 15% of plain (overhead = 1 - auth/plain).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=3 duration=8 clients=16 streams=100
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
(cd "$root" && swift build -c release --product relay-bench-auth 2>&1 | tail -1 >&2 && swift build -c release --product relay 2>&1 | tail -1 >&2)
bin="$(cd "$root" && swift build -c release --show-bin-path)"

work=$(mktemp -d /tmp/relay-bench-auth.XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  "$bin/relay" db stop --data-dir "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 755 "$work/pg"
url=$("$bin/relay" db start --data-dir "$work/pg" --setting fsync=off)
# A gRPC frame of bench.Msg{payload: 16 bytes}.
python3 -c 'import sys; m = b"\x0a\x10" + b"p" * 16; sys.stdout.buffer.write(b"\x00" + len(m).to_bytes(4, "big") + m)' > "$work/body"

measure() {  # measure MODE -> prints "req/s mean_us max_us"
  local mode=$1 port=50071 secret
  if [ "$mode" = auth ]; then
    taskset -c 0 "$bin/relay-bench-auth" $port --auth "$url" > "$work/server.out" 2>&1 &
  else
    taskset -c 0 "$bin/relay-bench-auth" $port > "$work/server.out" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/server.out" && break; sleep 0.1; done
  grep -q "listening on" "$work/server.out" || { cat "$work/server.out" >&2; exit 1; }
  secret=$(sed -n 's/^secret //p' "$work/server.out")
  [ -n "$secret" ] || secret="rly_live_$(printf 'x%.0s' $(seq 43))"
  taskset -c 1 h2load -D "$duration" --warm-up-time 2 -c "$clients" -m "$streams" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $secret" \
    -d "$work/body" "http://127.0.0.1:$port/bench.Echo/Unary" > "$work/h2load.out"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  grep -q " 0 failed, 0 errored" "$work/h2load.out" || { echo "h2load saw failures ($mode):" >&2; cat "$work/h2load.out" >&2; exit 1; }
  awk '/^finished in/ {rps=$4} /time for request:/ {mean=$6; max=$5} END {print rps, mean, max}' "$work/h2load.out"
}

echo "bench/auth/run.sh --runs $runs --duration $duration --clients $clients --streams $streams — $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs"
echo
echo "| run | plain req/s | auth req/s | auth/plain | plain mean / max | auth mean / max |"
echo "|---|---|---|---|---|---|"
ratios=()
plains=()
auths=()
for run in $(seq "$runs"); do
  read -r p_rps p_mean p_max <<< "$(measure plain)"
  read -r a_rps a_mean a_max <<< "$(measure auth)"
  ratio=$(python3 -c "print(f'{$a_rps / $p_rps:.3f}')")
  ratios+=("$ratio"); plains+=("$p_rps"); auths+=("$a_rps")
  echo "| $run | $p_rps | $a_rps | $ratio | $p_mean / $p_max | $a_mean / $a_max |"
done
python3 - "${ratios[*]}" "${plains[*]}" "${auths[*]}" <<'PY'
import statistics, sys
ratios = [float(x) for x in sys.argv[1].split()]
plains = [float(x) for x in sys.argv[2].split()]
auths = [float(x) for x in sys.argv[3].split()]
r = statistics.median(ratios)
print()
print(f"median: plain {statistics.median(plains):,.0f} req/s, auth {statistics.median(auths):,.0f} req/s, auth/plain {r:.3f} (overhead {100 * (1 - r):.1f}%)")
print(f"target overhead < 15%: {'MET' if 1 - r < 0.15 else 'MISSED'}")
PY
