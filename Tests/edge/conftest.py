"""Fixtures of the edge tests: the Swift probe that drives RelayDNS, RelayDNSChecks and
RelaySMTP (env RELAY_EDGE_PROBE, default .build/debug/relay-edge-probe). The tests skip when
dnslib or aiosmtpd is missing (scripts/setup.sh installs them); a missing probe fails them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Probe:
    def __init__(self, path: str):
        self.path = path

    def run(self, *args: str, timeout: float = 60) -> object:
        done = subprocess.run([self.path, *args], capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise AssertionError(f"probe {args[0]} failed ({done.returncode}): {done.stderr}")
        return json.loads(done.stdout)


@pytest.fixture(scope="session")
def edge_probe() -> Probe:
    path = os.environ.get("RELAY_EDGE_PROBE") or str(ROOT / ".build/debug/relay-edge-probe")
    if not Path(path).is_file():
        pytest.fail(f"the Swift probe {path} does not exist: build it with "
                    "`swift build --product relay-edge-probe` (or set RELAY_EDGE_PROBE)", pytrace=False)
    return Probe(path)
