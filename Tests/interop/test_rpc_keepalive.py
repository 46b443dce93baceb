"""Keepalive: a server connection that hears nothing for an interval pings the peer, and closes the
connection when the ping goes unanswered for another interval; a peer that answers stays connected.
Uses a relay-test-server of its own with RELAY_KEEPALIVE_MS=500."""
import os
import pathlib
import re
import select
import socket
import struct
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVER = os.environ.get("RELAY_TEST_SERVER", str(ROOT / ".build" / "debug" / "relay-test-server"))
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
SETTINGS, PING, GOAWAY = 0x4, 0x6, 0x7


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def read_frame(sock, deadline):
    header = b""
    while len(header) < 9:
        remaining = deadline - time.time()
        if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
            raise TimeoutError
        chunk = sock.recv(9 - len(header))
        if not chunk:
            return None
        header += chunk
    length = int.from_bytes(header[:3], "big")
    payload = b""
    while len(payload) < length:
        chunk = sock.recv(length - len(payload))
        if not chunk:
            return None
        payload += chunk
    return header[3], header[4], payload


@pytest.fixture(scope="module")
def keepalive_server():
    if not os.access(SERVER, os.X_OK):
        pytest.fail(f"relay-test-server missing at {SERVER}: run `swift build`")
    proc = subprocess.Popen([SERVER, "0"], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "RELAY_KEEPALIVE_MS": "500"})
    line = proc.stdout.readline()
    port = int(re.search(r":(\d+)", line).group(1))
    yield port
    proc.kill()
    proc.wait()


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(PREFACE + frame(SETTINGS, 0, 0))
    return sock


def test_silent_peer_is_pinged_then_disconnected(keepalive_server):
    sock = connect(keepalive_server)
    start = time.time()
    kinds = []
    deadline = start + 5
    while True:
        got = read_frame(sock, deadline)
        if got is None:
            break
        kind, flags, _ = got
        kinds.append(kind)
        if kind == SETTINGS and not flags & 1:
            pass  # deliberately never ACK anything: a dead peer
    elapsed = time.time() - start
    assert PING in kinds, f"no PING before the close; frames: {kinds}"
    assert GOAWAY in kinds, f"closed without GOAWAY; frames: {kinds}"
    assert 0.9 <= elapsed <= 3.0, f"closed after {elapsed:.2f} s"
    sock.close()


def test_peer_that_answers_pings_stays_connected(keepalive_server):
    sock = connect(keepalive_server)
    pings = 0
    deadline = time.time() + 2.5
    while True:
        try:
            got = read_frame(sock, deadline)
        except TimeoutError:
            break
        assert got is not None, "the server closed a connection whose peer answers pings"
        kind, flags, payload = got
        if kind == SETTINGS and not flags & 1:
            sock.sendall(frame(SETTINGS, 1, 0))
        if kind == PING and not flags & 1:
            pings += 1
            sock.sendall(frame(PING, 1, 0, payload))
    assert pings >= 2, f"expected periodic pings while idle, got {pings}"
    sock.close()
