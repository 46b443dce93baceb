"""`relay serve` instances on a shared test database, for the tests of keys, authentication and
rate limits: each test module gets its own database on the test cluster (RELAY_TEST_DATABASE_URL,
started by scripts/test.sh; without it, one started here with `relay db start`)."""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RELAY = os.environ.get("RELAY_BINARY", str(ROOT / ".build" / "debug" / "relay"))
sys.path.insert(0, str(ROOT / "clients" / "python"))


def psql(url: str, sql: str) -> str:
    """Runs `sql` with psql; returns its unaligned, tuples-only output."""
    done = subprocess.run(["psql", url, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr}")
    return done.stdout.strip()


class ScratchCluster:
    """The server the tests' databases live on."""

    def __init__(self):
        self.url = os.environ.get("RELAY_TEST_DATABASE_URL")
        self.data_dir = None
        if not self.url:
            self.data_dir = tempfile.mkdtemp(prefix="relay-keys-pg-")
            os.chmod(self.data_dir, 0o755)
            done = subprocess.run([RELAY, "db", "start", "--data-dir", self.data_dir, "--setting", "fsync=off"],
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            self.url = done.stdout.strip().splitlines()[-1]

    def create_database(self) -> str:
        name = f"relay_keys_{uuid.uuid4().hex[:12]}"
        psql(self.url, f"CREATE DATABASE {name}")
        return f"{self.url} dbname={name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("dbname=", 1)[1]
        psql(self.url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        if self.data_dir:
            subprocess.run([RELAY, "db", "stop", "--data-dir", self.data_dir], capture_output=True, timeout=60)
            shutil.rmtree(self.data_dir, ignore_errors=True)


class Instance:
    """One `relay serve` process on `database_url`, listening on a free port."""

    def __init__(self, database_url: str, *extra: str):
        if not os.access(RELAY, os.X_OK):
            pytest.fail(f"relay binary missing at {RELAY}: build it with `swift build --product relay`")
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
        if "--data-dir" not in extra:
            # Its own data directory (outbox, DKIM key-encryption key), not ./.relay.
            extra = (*extra, "--data-dir", tempfile.mkdtemp(prefix="relay-data-"))
        self.proc = subprocess.Popen(
            [RELAY, "serve", "--listen", "127.0.0.1:0", "--database-url", database_url, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self.secret = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                break
            self.lines.append(line)
            if re.fullmatch(r"rly_live_[0-9A-Za-z]{43}\n", line):
                self.secret = line.strip()
            match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                self.target = f"127.0.0.1:{self.port}"
                threading.Thread(target=self._drain, daemon=True).start()
                return
        self.proc.kill()
        pytest.fail("relay serve did not start: " + "".join(self.lines))

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)
