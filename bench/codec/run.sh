#!/usr/bin/env bash
# Codec benchmark, run by hand:  bench/codec/run.sh [OUTDIR]   (default /tmp/relay-bench-codec)
#
# Measures, in one run and on the SAME bytes, encode and decode of
#   batch: a relay.v1.SendEmailBatchRequest of 50 order confirmations (~2 KiB each)
#   small: a small relay.v1.SendEmailRequest
# with our hand-written Swift codecs (relay-bench-codec, `swift build -c release`) and with
# protobuf-c 1.4.1 (bench_pbc.c at -O2 on the code protoc-c generates from Protos/, built by
# Tests/interop/pbc/build.sh). The Swift bench writes the encodings; the C bench reads them and
# writes its re-encodings back, which the Swift bench checks decode to the same values.
# Each bench is pinned to CPU 1. Allocations per op come from a second pass of each bench under
# LD_PRELOAD=alloc_count.so (a malloc-counting shim), so the shim never slows down the timings.
# Prints a table with the ratio Swift time / protobuf-c time; the target is <= 1.5 on every line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-/tmp/relay-bench-codec}
mkdir -p "$out/data"
out=$(cd "$out" && pwd)

echo "== building protobuf-c code and bench (gcc -O2)" >&2
"$root/Tests/interop/pbc/build.sh" "$out/pbc" >/dev/null
gen="$out/pbc/gen"
mapfile -t gen_sources < <(find "$gen" -name '*.pb-c.c' | LC_ALL=C sort)
gcc -O2 -Wall -Werror -Wno-missing-braces -I "$gen" -o "$out/bench-pbc" "$here/bench_pbc.c" "${gen_sources[@]}" -lprotobuf-c -ldl -lm
gcc -O2 -Wall -Werror -shared -fPIC -o "$out/alloc_count.so" "$here/alloc_count.c"

echo "== building relay-bench-codec (swift build -c release)" >&2
(cd "$root" && swift build -c release --product relay-bench-codec >&2)
swift_bench="$(cd "$root" && swift build -c release --show-bin-path)/relay-bench-codec"

"$swift_bench" write "$out/data" >&2
echo "== protobuf-c" >&2
taskset -c 1 "$out/bench-pbc" bench "$out/data" | tee "$out/pbc.txt" >&2
LD_PRELOAD="$out/alloc_count.so" taskset -c 1 "$out/bench-pbc" allocs "$out/data" | tee -a "$out/pbc.txt" >&2
echo "== swift" >&2
taskset -c 1 "$swift_bench" bench "$out/data" | tee "$out/swift.txt" >&2
LD_PRELOAD="$out/alloc_count.so" taskset -c 1 "$swift_bench" allocs "$out/data" | tee -a "$out/swift.txt" >&2

python3 - "$out/swift.txt" "$out/pbc.txt" <<'PY'
import sys
MESSAGES = {"batch": 50, "small": 1}  # SendEmailRequests per encoded value
rows, allocs = {}, {}
for path in sys.argv[1:]:
    for line in open(path):
        parts = line.split()
        if parts[:1] == ["RESULT"]:
            _, impl, case, op, *kv = parts
            kv = dict(x.split("=") for x in kv)
            rows[(impl, case, op)] = (float(kv["ns_per_op"]), int(kv["bytes"]))
        elif parts[:1] == ["ALLOCS"]:
            _, impl, case, op, n = parts
            allocs[(impl, case, op)] = float(n)
hdr = f"{'case':<6} {'op':<7} {'bytes':>7} | {'swift µs':>9} {'msg/s':>10} {'MB/s':>7} {'allocs':>7} | {'pbc µs':>9} {'msg/s':>10} {'MB/s':>7} {'allocs':>7} | {'ratio':>5}"
print(hdr)
print("-" * len(hdr))
worst = 0.0
for case in ("batch", "small"):
    for op in ("encode", "decode"):
        cells = []
        for impl in ("swift", "pbc"):
            ns, size = rows[(impl, case, op)]
            cells.append(f"{ns / 1000:>9.2f} {MESSAGES[case] * 1e9 / ns:>10.0f} {size * 1e3 / ns:>7.0f} {allocs.get((impl, case, op), float('nan')):>7.1f}")
        ratio = rows[("swift", case, op)][0] / rows[("pbc", case, op)][0]
        worst = max(worst, ratio)
        print(f"{case:<6} {op:<7} {size:>7} | {cells[0]} | {cells[1]} | {ratio:>5.2f}{'' if ratio <= 1.5 else '  > 1.5'}")
print(f"ratio = Swift time / protobuf-c time; target <= 1.5: {'met' if worst <= 1.5 else 'MISSED'} (worst {worst:.2f})")
PY
