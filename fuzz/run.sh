#!/usr/bin/env bash
# Builds the ProtoWire libFuzzer target (release, fuzzer + address sanitizers) and runs it for
# SECONDS (default 60) on a corpus seeded with a few valid encodings. Inputs that crash, hang or
# exhaust memory are copied to Tests/ProtoWireTests/FuzzRegressions/, where
# FuzzRegressionWireTests replays them on every test run.
#
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
#
# PROTOWIRE_FUZZ_ROUNDTRIP_DEPTH=N lowers the nesting limit of the round-trip check (default 100).
# Everything it writes stays under fuzz/.build (corpus, artifacts, binaries).
set -euo pipefail

seconds="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
regressions="$here/../Tests/ProtoWireTests/FuzzRegressions"
work="$here/.build/fuzz"
corpus="$work/corpus"
seeds="$work/seeds"
artifacts="$work/artifacts"
build_flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

cd "$here"
echo "== building the fuzzer"
swift build "${build_flags[@]}"
binary="$(swift build "${build_flags[@]}" --show-bin-path)/ProtoWireFuzz"

mkdir -p "$corpus" "$seeds" "$artifacts" "$regressions"

# seed NAME HEX: one input whose first byte picks the message type (see fuzzTypes in Fuzz.swift).
seed() {
  local escaped
  escaped="$(printf '%s' "$2" | tr -d ' \n' | sed 's/\(..\)/\\x\1/g')"
  printf "$escaped" > "$seeds/$1"
}
seed test1      "00 08 96 01"
seed test3      "01 1a 03 08 96 01"
seed test4      "02 0a 05 68 65 6c 6c 6f 22 06 03 8e 02 9e a7 05"
seed scalars    "03 08 fb ff ff ff ff ff ff ff ff 01 18 07 28 11 3d 0b 00 00 00 5d 00 00 70 41
                 61 00 00 00 00 00 00 30 40 68 01 72 01 61 7a 01 01 80 01 01 8a 01 02 08 01"
seed optionals  "04 08 00 28 00 5d 00 00 00 80 68 00 72 00 80 01 00"
seed repeateds  "05 0a 03 01 02 03 08 04 3a 08 01 00 00 00 02 00 00 00 72 01 61 72 00 8a 01 02 08 01"
seed maps       "06 0a 06 0a 01 61 12 01 31 12 04 08 01 10 02 3a 05 0a 01 78 10 4d 42 04 08 00 12 00"
seed oneofs     "07 0a 01 6e 22 02 08 01 40 04"
seed node       "08 08 01 12 04 08 02 12 00 1a 09 0a 01 6e 12 04 08 03 12 00"
seed struct     "09 0a 0a 0a 01 6b 12 05 1a 03 61 62 63 0a 09 0a 01 6c 12 04 32 02 0a 00"
seed value      "0a 11 00 00 00 00 00 00 f0 3f"
seed list       "0b 0a 02 20 01 0a 02 08 00 0a 02 2a 00"
seed any        "0c 0a 2d 74 79 70 65 2e 67 6f 6f 67 6c 65 61 70 69 73 2e 63 6f 6d 2f 67 6f 6f 67 6c 65 2e
                 70 72 6f 74 6f 62 75 66 2e 54 69 6d 65 73 74 61 6d 70 12 04 08 01 10 02"
seed timestamp  "0d 08 01 10 02"
seed duration   "0e 08 ff ff ff ff ff ff ff ff ff 01 10 ff ff ff ff ff ff ff ff ff 01"
seed fieldmask  "0f 0a 01 61 0a 03 62 2e 63"
seed empty      "10 08 01 13 08 01 14 1d 00 00 00 00"
seed email      "11 0a 05 61 40 62 2e 63 12 01 6e"

echo "== fuzzing for ${seconds}s (artifacts in $artifacts)"
status=0
"$binary" "$corpus" "$seeds" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" || status=$?

copied=0
for file in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
  [ -e "$file" ] || continue
  name="$(basename "$file")"
  if [ ! -e "$regressions/$name" ]; then
    cp "$file" "$regressions/$name"
    echo "new regression input: Tests/ProtoWireTests/FuzzRegressions/$name"
    copied=$((copied + 1))
  fi
done
echo "== libFuzzer exit status $status; $copied new regression input(s)"
exit "$status"
