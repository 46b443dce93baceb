#!/usr/bin/env bash
# Builds the protobuf-c probe of the interop tests:  Tests/interop/pbc/build.sh OUTDIR
# 1. one descriptor set of every .proto of Protos/ and Tests/interop/protos/ (imports included);
# 2. proto3 `optional` rewritten as one-field oneofs (protoc-c 1.4.1 rejects it; see gen_registry.py);
# 3. protoc-c --c_out into OUTDIR/gen, and the descriptor table OUTDIR/gen/registry.c;
# 4. gcc -O2 -Wall -Werror with -lprotobuf-c (-Wno-missing-braces on the generated code only).
# Prints the path of the probe binary (OUTDIR/pbc-probe) on stdout. OUTDIR/gen is reused by
# bench/codec/run.sh, which compiles its C benchmark from the same generated code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:?usage: build.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
gen="$out/gen"
rm -rf "$gen"
mkdir -p "$gen"

includes=(-I "$root/Protos")
protos=()
while IFS= read -r f; do protos+=("$f"); done < <(cd "$root/Protos" && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
if [ -d "$root/Tests/interop/protos" ]; then
  includes+=(-I "$root/Tests/interop/protos")
  while IFS= read -r f; do protos+=("$f"); done < <(cd "$root/Tests/interop/protos" && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
fi
includes+=(-I /usr/include)

protoc "${includes[@]}" --include_imports -o "$out/all.binpb" "${protos[@]}"
mapfile -t files < <(python3 "$here/gen_registry.py" strip "$out/all.binpb" "$out/plain.binpb")
protoc --descriptor_set_in="$out/plain.binpb" --c_out="$gen" "${files[@]}"
python3 "$here/gen_registry.py" registry "$out/all.binpb" "$gen" "$gen/registry.c"

mapfile -t sources < <(find "$gen" -name '*.pb-c.c' | LC_ALL=C sort)
objs=()
for src in "${sources[@]}" "$gen/registry.c" "$here/util.c" "$here/dump.c" "$here/probe.c"; do
  obj="$out/obj/$(basename "${src%.c}").o"
  # Generated files of different packages may share a base name (v1/reflection, v1alpha/reflection).
  rel=${src#"$gen"/}
  [ "$rel" != "$src" ] && obj="$out/obj/${rel//\//__}" && obj="${obj%.c}.o"
  mkdir -p "$out/obj"
  objs+=("$obj")
  flags=(-O2 -Wall -Werror)
  # protoc-c initialises a oneof union whose first member is `bytes` (a struct) with `{0}`.
  [ "$rel" != "$src" ] && flags+=(-Wno-missing-braces)
  gcc "${flags[@]}" -I "$gen" -I "$here" -c "$src" -o "$obj" &
  # Two compilers at a time (the machine has two cores).
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
done
wait
gcc -O2 -o "$out/pbc-probe" "${objs[@]}" -lprotobuf-c
echo "$out/pbc-probe"
