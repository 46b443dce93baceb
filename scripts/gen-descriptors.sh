#!/usr/bin/env bash
# Regenerates the binary descriptor set of every .proto under Protos/ (imports included), which
# server reflection serves. Tests fail when the committed file is stale: run this after editing a proto.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-Sources/RelayAPI/Resources/relay.binpb}
mkdir -p "$(dirname "$out")"
mapfile -t files < <(cd Protos && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
protoc -I Protos -I /usr/include --include_imports --include_source_info --descriptor_set_out="$out" "${files[@]}"
