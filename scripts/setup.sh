#!/usr/bin/env bash
# Installs everything Relay needs on a fresh Debian machine: apt and pip packages.
# Idempotent: a second run installs nothing and returns quickly.
set -euo pipefail

APT_PACKAGES=(
  pkg-config
  libnghttp2-dev nghttp2-client          # HTTP/2 library; h2load for bench/rpc
  libssl-dev                             # TLS and crypto
  libpq-dev postgresql postgresql-contrib # storage: client library and a server the tests start
  protobuf-compiler libprotobuf-dev      # protoc and the well-known .proto files
  libprotobuf-c-dev protobuf-c-compiler  # independent protobuf implementation for codec tests
  zlib1g-dev
  libc-ares-dev                          # DNS lookups (domain-record checks)
  libcurl4-openssl-dev                   # SMTP relay transport
)
PIP_PACKAGES=(
  "grpcio>=1.60" "grpcio-tools>=1.60" "protobuf>=4.25"
  "grpcio-health-checking>=1.60" "grpcio-reflection>=1.60" "pytest>=7"
  "dnslib>=0.9" "aiosmtpd>=1.4"          # the DNS and SMTP servers of the edge tests
  "dkimpy>=1.1" "pynacl>=1.5"            # DKIM verification (ed25519 through PyNaCl) for test_mail.py
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" - <<'PYEOF' 2>/dev/null
import importlib.metadata as m
for n in ["grpcio", "grpcio-tools", "protobuf", "grpcio-health-checking", "grpcio-reflection", "pytest", "dnslib", "aiosmtpd", "dkimpy", "pynacl"]:
    m.version(n)
PYEOF
then
  echo "setup: installing pip packages"
  "$PY" -m pip install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
fi
