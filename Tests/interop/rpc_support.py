"""Shared machinery of the RPC server interop tests (test_rpc_server.py, test_rpc_hostile.py):
starting relay-test-server (over h2c, or over TLS with a throwaway self-signed certificate),
compiling the Python stubs of the test service and the standard gRPC messages, reading the
server's memory use, and a small raw HTTP/2 client that writes frames by hand (HPACK literals
without indexing, no Huffman) and reads frames back (HPACK decoded with libnghttp2's inflater
through ctypes), over cleartext or TLS (ALPN h2).

Nothing here skips: a missing binary, grpc_tools or libnghttp2 fails the tests with the reason.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import importlib
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROTOS = REPO / "Protos"
TEST_PROTOS = REPO / "Tests" / "interop" / "protos"
DEFAULT_SERVER = REPO / ".build" / "debug" / "relay-test-server"
TEST_SERVICE = "relay.test.TestService"
MiB = 1024 * 1024
TRANSPORTS = ("h2c", "tls")
TLS_HOST = "localhost"  # the name the test certificate is for (with IP 127.0.0.1)


# --------------------------------------------------------------------------------------------
# The server process


_certificate: tuple[Path, Path] | None = None


def tls_certificate() -> tuple[Path, Path]:
    """A throwaway self-signed certificate for localhost and 127.0.0.1 (cert.pem, key.pem), made
    with the openssl command once per process."""
    global _certificate
    if _certificate is None:
        out = Path(tempfile.mkdtemp(prefix="relay-tls-"))
        atexit.register(shutil.rmtree, out, True)
        cert, key = out / "cert.pem", out / "key.pem"
        try:
            proc = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                   "-subj", f"/CN={TLS_HOST}", "-addext", f"subjectAltName=DNS:{TLS_HOST},IP:127.0.0.1",
                                   "-keyout", str(key), "-out", str(cert)], capture_output=True, text=True)
        except OSError as e:
            raise RuntimeError(f"cannot run openssl to make a test certificate: {e}") from e
        if proc.returncode != 0:
            raise RuntimeError(f"openssl req failed (exit {proc.returncode}):\n{proc.stderr}")
        _certificate = (cert, key)
    return _certificate


class RelayServer:
    """A running relay-test-server: its port, its pid and its memory use. With `tls`, it serves
    TLS (ALPN h2) with the certificate of `tls_certificate()`; `cert` is then that certificate's
    PEM (the one root a client must trust), None over h2c."""

    def __init__(self, cmd: list[str], startup_timeout: float = 60.0, tls: bool = False):
        self.cmd = cmd
        self.transport = "tls" if tls else "h2c"
        self.cert: bytes | None = None
        env = {k: v for k, v in os.environ.items() if k not in ("RELAY_TLS_CERT", "RELAY_TLS_KEY")}
        if tls:
            cert, key = tls_certificate()
            self.cert = cert.read_bytes()
            env.update(RELAY_TLS_CERT=str(cert), RELAY_TLS_KEY=str(key))
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)
        self._stderr: list[bytes] = []
        self._first_line: list[bytes] = []
        got_line = threading.Event()
        proc = self.proc

        def read_out() -> None:
            for line in proc.stdout:
                if not self._first_line:
                    self._first_line.append(line)
                    got_line.set()
            got_line.set()

        def read_err() -> None:
            for chunk in iter(lambda: proc.stderr.read1(4096), b""):
                self._stderr.append(chunk)
                del self._stderr[:-64]

        threading.Thread(target=read_out, daemon=True).start()
        threading.Thread(target=read_err, daemon=True).start()
        if not got_line.wait(startup_timeout) or not self._first_line:
            self.stop()
            raise RuntimeError(f"{cmd} printed no first line in {startup_timeout} s; stderr:\n{self.stderr_tail()}")
        line = self._first_line[0].decode("utf-8", "replace").strip()
        m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not m:
            self.stop()
            raise RuntimeError(f"unexpected first line from {cmd}: {line!r}; stderr:\n{self.stderr_tail()}")
        self.port = int(m.group(1))
        self.address = f"127.0.0.1:{self.port}"
        self.baseline_fds = self._settled_fd_count()

    def _settled_fd_count(self) -> int:
        """The descriptors the server holds with no connection open, once its runtime has set up
        (one health check first: the concurrency runtime opens its descriptors lazily)."""
        with self.raw() as conn:
            result = conn.unary("/grpc.health.v1.Health/Check", b"")
        if result.grpc_status != 0:
            raise RuntimeError(f"the warm-up health check failed: {result}")
        counts = []
        for _ in range(20):
            time.sleep(0.05)
            counts.append(self.fd_count())
            if len(counts) >= 4 and len(set(counts[-4:])) == 1:
                break
        return counts[-1]

    @property
    def tls(self) -> bool:
        return self.cert is not None

    def raw(self, **kwargs) -> "RawH2":
        """A raw HTTP/2 connection to the server, over TLS when the server serves TLS."""
        return RawH2(self.port, tls=self.cert, **kwargs)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _status_kib(self, key: str) -> int:
        text = Path(f"/proc/{self.pid}/status").read_text()
        m = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
        assert m, f"no {key} in /proc/{self.pid}/status"
        return int(m.group(1))

    def rss_mib(self) -> float:
        """The resident set size now (VmRSS), in MiB."""
        return self._status_kib("VmRSS") / 1024

    def fd_count(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def open_file_limit(self) -> int:
        """The server's soft limit on open descriptors (from /proc/PID/limits)."""
        text = Path(f"/proc/{self.pid}/limits").read_text()
        m = re.search(r"^Max open files\s+(\d+|unlimited)", text, re.M)
        assert m, f"no open-files limit in /proc/{self.pid}/limits"
        return 1 << 31 if m.group(1) == "unlimited" else int(m.group(1))

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_fds_at_least(self, count: int, timeout: float = 10.0) -> int:
        """Waits until the server holds at least `count` open descriptors; returns the count."""
        deadline = time.monotonic() + timeout
        while True:
            n = self.fd_count()
            if n >= count or time.monotonic() > deadline:
                return n
            time.sleep(0.05)

    def wait_fds_at_most(self, limit: int, timeout: float = 10.0) -> int:
        """Waits until the server holds at most `limit` open descriptors; returns the count."""
        deadline = time.monotonic() + timeout
        while True:
            n = self.fd_count()
            if n <= limit or time.monotonic() > deadline:
                return n
            time.sleep(0.05)

    def stderr_tail(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")[-4000:]

    def describe_death(self) -> str:
        return f"relay-test-server exited with status {self.proc.returncode}; stderr:\n{self.stderr_tail()}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass


class RSSSampler:
    """Samples a server's VmRSS every few milliseconds in a thread; `peak` is the largest seen."""

    def __init__(self, server: RelayServer, interval: float = 0.02):
        self.server = server
        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.server.rss_mib())
            except (OSError, AssertionError):
                return
            self._stop.wait(self.interval)

    def __enter__(self) -> "RSSSampler":
        self.peak = self.server.rss_mib()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.server.rss_mib())


def server_command() -> list[str]:
    path = os.environ.get("RELAY_TEST_SERVER") or str(DEFAULT_SERVER)
    if not Path(path).is_file():
        pytest.fail(f"the test server {path} does not exist: build it with "
                    "`swift build --product relay-test-server` (or set RELAY_TEST_SERVER)", pytrace=False)
    return [path, "0"]


def start_server(prefix: tuple[str, ...] = (), transport: str = "h2c") -> RelayServer:
    """Starts the test server over `transport` ("h2c" or "tls"), run through `prefix` (such as
    `prlimit ...`) when given."""
    assert transport in TRANSPORTS, transport
    try:
        return RelayServer([*prefix, *server_command()], tls=transport == "tls")
    except (RuntimeError, OSError) as e:
        pytest.fail(f"cannot start the test server ({transport}): {e}", pytrace=False)


@contextlib.contextmanager
def serving(transport: str = "h2c"):
    """A server over `transport` for the duration of the block; the test fails if it died meanwhile."""
    server = start_server(transport=transport)
    try:
        yield server
    finally:
        died = not server.alive
        server.stop()
    if died:
        pytest.fail(f"the server ({transport}) died during the tests: {server.describe_death()}", pytrace=False)


@pytest.fixture(scope="session")
def relay_server():
    """relay-test-server over h2c on a free port, killed at the end (one per test module that imports it)."""
    with serving("h2c") as server:
        yield server


@pytest.fixture(scope="module", params=TRANSPORTS)
def relay_server_each_transport(request):
    """relay-test-server once over h2c, once over TLS: a test module that imports this fixture as
    its `relay_server` (`from rpc_support import relay_server_each_transport as relay_server`)
    runs each of its tests over both, with ids [h2c] and [tls] (one server per transport)."""
    with serving(request.param) as server:
        yield server


# --------------------------------------------------------------------------------------------
# Generated code


class Generated:
    """The generated modules of the test service (test_service_pb2, test_service_pb2_grpc) and,
    from a private descriptor pool (apart from any googleapis package), the classes of
    google.rpc.Status, ErrorInfo, BadRequest and grpc.reflection.v1's messages."""

    def __init__(self, out_dir: Path):
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

        self.out_dir = out_dir
        sys.path.insert(0, str(out_dir))
        try:
            self.pb2 = importlib.import_module("relay.test.test_service_pb2")
            self.grpc = importlib.import_module("relay.test.test_service_pb2_grpc")
        finally:
            sys.path.remove(str(out_dir))
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString((out_dir / "std.binpb").read_bytes())
        self.pool = descriptor_pool.DescriptorPool()
        for f in fds.file:
            self.pool.Add(f)

        def cls(name: str):
            return message_factory.GetMessageClass(self.pool.FindMessageTypeByName(name))

        self.Status = cls("google.rpc.Status")
        self.ErrorInfo = cls("google.rpc.ErrorInfo")
        self.BadRequest = cls("google.rpc.BadRequest")
        self.ReflectionRequest = cls("grpc.reflection.v1.ServerReflectionRequest")
        self.ReflectionResponse = cls("grpc.reflection.v1.ServerReflectionResponse")


_generated: Generated | None = None


def generate() -> Generated:
    """Compiles the protos with grpc_tools.protoc once per process, into a temporary directory."""
    global _generated
    if _generated is not None:
        return _generated
    try:
        import grpc_tools.protoc  # noqa: F401
    except ImportError as e:
        raise RuntimeError(f"grpc_tools is not installed ({e}); run scripts/setup.sh") from e
    out = Path(tempfile.mkdtemp(prefix="relay-rpc-"))
    commands = [
        ["-I", str(TEST_PROTOS), f"--python_out={out}", f"--grpc_python_out={out}", "relay/test/test_service.proto"],
        ["-I", str(PROTOS), "-I", "/usr/include", f"--descriptor_set_out={out / 'std.binpb'}", "--include_imports",
         "google/rpc/status.proto", "google/rpc/error_details.proto", "grpc/reflection/v1/reflection.proto"],
    ]
    for args in commands:
        proc = subprocess.run([sys.executable, "-m", "grpc_tools.protoc", *args], capture_output=True, text=True)
        if proc.returncode != 0 or proc.stdout or proc.stderr:
            raise RuntimeError(f"grpc_tools.protoc {' '.join(args)} failed (exit {proc.returncode}):\n"
                               f"{proc.stdout}{proc.stderr}")
    _generated = Generated(out)
    atexit.register(shutil.rmtree, out, True)
    return _generated


@pytest.fixture(scope="session")
def gen() -> Generated:
    try:
        return generate()
    except RuntimeError as e:
        pytest.fail(f"compiling the protos failed: {e}", pytrace=False)


def channel_options(**extra) -> list[tuple[str, object]]:
    options = {"grpc.enable_http_proxy": 0, "grpc.enable_retries": 0}
    options.update({f"grpc.{k}": v for k, v in extra.items()})
    return list(options.items())


def open_channel(server: RelayServer, **extra):
    """A grpcio channel to the server: insecure over h2c; over TLS, to localhost:PORT trusting
    only the server's test certificate."""
    import grpc

    if server.tls:
        credentials = grpc.ssl_channel_credentials(root_certificates=server.cert)
        return grpc.secure_channel(f"{TLS_HOST}:{server.port}", credentials, options=channel_options(**extra))
    return grpc.insecure_channel(server.address, options=channel_options(**extra))


def quick_check(server: RelayServer, gen: Generated, text: str = "still serving") -> None:
    """A normal unary call on a fresh channel must succeed (the server keeps serving)."""
    assert server.alive, server.describe_death()
    with open_channel(server) as ch:
        reply = gen.grpc.TestServiceStub(ch).Unary(gen.pb2.EchoRequest(text=text, payload=b"\x00\x01"), timeout=10)
    assert reply.text == text and reply.payload == b"\x00\x01"


# --------------------------------------------------------------------------------------------
# Raw HTTP/2

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = range(10)
FRAME_NAMES = {0: "DATA", 1: "HEADERS", 2: "PRIORITY", 3: "RST_STREAM", 4: "SETTINGS", 5: "PUSH_PROMISE",
               6: "PING", 7: "GOAWAY", 8: "WINDOW_UPDATE", 9: "CONTINUATION"}
END_STREAM, ACK, END_HEADERS, PADDED, PRIORITY_FLAG = 0x1, 0x1, 0x4, 0x8, 0x20
NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR = 0, 1, 2, 3
REFUSED_STREAM, CANCEL, COMPRESSION_ERROR, ENHANCE_YOUR_CALM = 7, 8, 9, 11
MAX_FRAME = 16384


def frame(ftype: int, flags: int, stream: int, payload: bytes = b"") -> bytes:
    return struct.pack(">I", len(payload))[1:] + bytes([ftype, flags]) + struct.pack(">I", stream & 0x7FFFFFFF) + payload


def hpack_int(value: int, prefix_bits: int, first: int = 0) -> bytes:
    limit = (1 << prefix_bits) - 1
    if value < limit:
        return bytes([first | value])
    out = bytearray([first | limit])
    value -= limit
    while value >= 128:
        out.append(value % 128 + 128)
        value //= 128
    out.append(value)
    return bytes(out)


def hpack_encode(headers: list[tuple[str, str | bytes]]) -> bytes:
    """An HPACK block of literal header fields without indexing, new names, no Huffman."""
    out = bytearray()
    for name, value in headers:
        n = name.encode() if isinstance(name, str) else name
        v = value.encode() if isinstance(value, str) else value
        out += b"\x00" + hpack_int(len(n), 7) + n + hpack_int(len(v), 7) + v
    return bytes(out)


class _NV(ctypes.Structure):
    _fields_ = [("name", ctypes.POINTER(ctypes.c_uint8)), ("value", ctypes.POINTER(ctypes.c_uint8)),
                ("namelen", ctypes.c_size_t), ("valuelen", ctypes.c_size_t), ("flags", ctypes.c_uint8)]


_libnghttp2 = None


def _nghttp2():
    global _libnghttp2
    if _libnghttp2 is None:
        name = ctypes.util.find_library("nghttp2") or "libnghttp2.so.14"
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            raise RuntimeError(f"libnghttp2 is needed to decode HPACK ({e}); install libnghttp2-dev") from e
        lib.nghttp2_hd_inflate_new.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.nghttp2_hd_inflate_new.restype = ctypes.c_int
        lib.nghttp2_hd_inflate_del.argtypes = [ctypes.c_void_p]
        lib.nghttp2_hd_inflate_hd2.argtypes = [ctypes.c_void_p, ctypes.POINTER(_NV), ctypes.POINTER(ctypes.c_int),
                                               ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        lib.nghttp2_hd_inflate_hd2.restype = ctypes.c_ssize_t
        lib.nghttp2_hd_inflate_end_headers.argtypes = [ctypes.c_void_p]
        _libnghttp2 = lib
    return _libnghttp2


class HpackDecoder:
    """One connection's HPACK decoding context (libnghttp2's inflater)."""

    def __init__(self):
        self.lib = _nghttp2()
        self.ptr = ctypes.c_void_p()
        assert self.lib.nghttp2_hd_inflate_new(ctypes.byref(self.ptr)) == 0

    def __del__(self):
        if getattr(self, "ptr", None) and self.ptr.value:
            self.lib.nghttp2_hd_inflate_del(self.ptr)

    def decode(self, block: bytes) -> list[tuple[str, str]]:
        buf = ctypes.create_string_buffer(block, len(block) or 1)
        base = ctypes.addressof(buf)
        pos, fields = 0, []
        while True:
            nv, flags = _NV(), ctypes.c_int(0)
            rv = self.lib.nghttp2_hd_inflate_hd2(self.ptr, ctypes.byref(nv), ctypes.byref(flags),
                                                 base + pos, len(block) - pos, 1)
            if rv < 0:
                raise ValueError(f"HPACK decoding failed ({rv})")
            pos += rv
            if flags.value & 0x02:  # EMIT
                fields.append((ctypes.string_at(nv.name, nv.namelen).decode("latin-1"),
                               ctypes.string_at(nv.value, nv.valuelen).decode("latin-1")))
            if flags.value & 0x01:  # FINAL
                self.lib.nghttp2_hd_inflate_end_headers(self.ptr)
                return fields
            if rv == 0 and not flags.value & 0x02:
                raise ValueError("HPACK decoding made no progress")


@dataclass
class Frame:
    type: int
    flags: int
    stream: int
    payload: bytes
    headers: list[tuple[str, str]] | None = None  # decoded HEADERS block (with its CONTINUATIONs)

    @property
    def name(self) -> str:
        return FRAME_NAMES.get(self.type, f"0x{self.type:02x}")

    @property
    def error_code(self) -> int:
        """The error code of a RST_STREAM or GOAWAY frame."""
        if self.type == RST_STREAM:
            return struct.unpack(">I", self.payload[:4])[0]
        if self.type == GOAWAY:
            return struct.unpack(">I", self.payload[4:8])[0]
        raise ValueError(f"{self.name} has no error code")

    def __repr__(self) -> str:
        extra = f" {self.headers}" if self.headers is not None else ""
        if self.type in (RST_STREAM, GOAWAY):
            extra = f" code={self.error_code}"
        return f"<{self.name} flags=0x{self.flags:x} stream={self.stream} len={len(self.payload)}{extra}>"


@dataclass
class StreamResult:
    """What the server sent on one stream."""

    header_blocks: list[list[tuple[str, str]]] = field(default_factory=list)
    data: bytes = b""
    rst: int | None = None
    ended: bool = False  # END_STREAM seen
    goaway: Frame | None = None
    closed: bool = False  # the connection closed

    def first(self, name: str) -> str | None:
        for block in self.header_blocks:
            for k, v in block:
                if k == name:
                    return v
        return None

    @property
    def status(self) -> str | None:
        return self.first(":status")

    @property
    def grpc_status(self) -> int | None:
        v = self.first("grpc-status")
        return None if v is None else int(v)

    def messages(self) -> list[bytes]:
        out, data = [], self.data
        while len(data) >= 5:
            n = struct.unpack(">I", data[1:5])[0]
            out.append(data[5:5 + n])
            data = data[5 + n:]
        return out


def grpc_message(payload: bytes, compressed: bool = False) -> bytes:
    return bytes([1 if compressed else 0]) + struct.pack(">I", len(payload)) + payload


def request_headers(path: str, **overrides: str) -> list[tuple[str, str]]:
    base = {":method": "POST", ":scheme": "http", ":path": path, ":authority": "127.0.0.1",
            "content-type": "application/grpc", "te": "trailers"}
    base.update({k.replace("_", "-") if not k.startswith(":") else k: v for k, v in overrides.items()})
    pseudo = [(k, v) for k, v in base.items() if k.startswith(":")]
    return pseudo + [(k, v) for k, v in base.items() if not k.startswith(":")]


class ConnectionClosed(Exception):
    pass


class RawH2:
    """A hand-driven HTTP/2 client connection. As it reads, it ACKs the server's SETTINGS and
    PINGs and gives back the connection-level receive window of every DATA frame.

    With `tls` (the PEM of the certificate to trust), it speaks TLS to localhost with ALPN h2 and
    sends `:scheme: https`. TLS runs over memory BIOs, so that `send` controls how the encrypted
    bytes are cut into socket writes; `close` sends no close_notify (as grpcio does not)."""

    def __init__(self, port: int, *, preface: bool = True, settings: bytes = b"", timeout: float = 10.0,
                 tls: bytes | None = None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.scheme = "http"
        self._tls: ssl.SSLObject | None = None
        self._eof = False  # TLS: the server's close_notify came with the last bytes read
        if tls is not None:
            try:
                self._handshake(tls)
            except BaseException:
                self.sock.close()
                raise
            self.scheme = "https"
        self.buf = bytearray()
        self.hpack = HpackDecoder()
        self.closed = False
        self.frames: list[Frame] = []  # every frame read, in order
        self.next_stream = 1
        # Send windows (RFC 9113 §6.9): the connection's, and each stream's (from SETTINGS_INITIAL_WINDOW_SIZE).
        self.conn_window = 65535
        self.initial_window = 65535
        self.stream_windows: dict[int, int] = {}
        self.settings_acked = False
        if preface:
            self.send(PREFACE + frame(SETTINGS, 0, 0, settings))

    def _handshake(self, cert: bytes) -> None:
        context = ssl.create_default_context(cadata=cert.decode("ascii"))
        context.set_alpn_protocols(["h2"])
        self._in, self._out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self._tls = context.wrap_bio(self._in, self._out, server_hostname=TLS_HOST)
        while True:
            try:
                self._tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                self.sock.sendall(self._out.read())
                data = self.sock.recv(65536)
                if not data:
                    raise ConnectionError("the server closed the connection during the TLS handshake")
                self._in.write(data)
        self.sock.sendall(self._out.read())
        if self._tls.selected_alpn_protocol() != "h2":
            raise ConnectionError(f"the server chose ALPN {self._tls.selected_alpn_protocol()!r}, not h2")

    def _wire(self, data: bytes) -> bytes:
        """The bytes that carry `data` on the socket: itself over h2c, TLS records over TLS."""
        if self._tls is None:
            return data
        self._tls.write(data)
        return self._out.read()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self) -> "RawH2":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, data: bytes, *, split_at: int | None = None, pause: float = 0.0) -> None:
        """Sends `data`; with `split_at`, its bytes on the wire (TLS records over TLS) go out in
        two writes, the first `split_at` bytes, then the rest `pause` seconds later."""
        try:
            wire = self._wire(data)
            if split_at is None:
                self.sock.sendall(wire)
            else:
                self.sock.sendall(wire[:split_at])
                time.sleep(pause)
                self.sock.sendall(wire[split_at:])
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError) as e:
            self.closed = True
            raise ConnectionClosed(str(e)) from e

    def new_stream(self) -> int:
        sid = self.next_stream
        self.next_stream += 2
        return sid

    @staticmethod
    def headers_frames(stream: int, headers: list[tuple[str, str]], end_stream: bool = False) -> bytes:
        block = hpack_encode(headers)
        chunks = [block[i:i + MAX_FRAME] for i in range(0, len(block), MAX_FRAME)] or [b""]
        out = bytearray()
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            if i == 0:
                flags = (END_STREAM if end_stream else 0) | (END_HEADERS if last else 0)
                out += frame(HEADERS, flags, stream, chunk)
            else:
                out += frame(CONTINUATION, END_HEADERS if last else 0, stream, chunk)
        return bytes(out)

    def send_headers(self, stream: int, headers: list[tuple[str, str]], end_stream: bool = False) -> None:
        self.send(self.headers_frames(stream, headers, end_stream))

    def send_data(self, stream: int, data: bytes, end_stream: bool = False) -> None:
        out = bytearray()
        chunks = [data[i:i + MAX_FRAME] for i in range(0, len(data), MAX_FRAME)] or [b""]
        for i, chunk in enumerate(chunks):
            out += frame(DATA, END_STREAM if end_stream and i == len(chunks) - 1 else 0, stream, chunk)
        self.conn_window -= len(data)
        self.stream_windows[stream] = self.stream_windows.get(stream, self.initial_window) - len(data)
        self.send(bytes(out))

    def send_data_flow(self, stream: int, data: bytes, end_stream: bool = False, pad: int = 0,
                       chunk: int = MAX_FRAME, timeout: float = 10.0) -> None:
        """Sends `data` on `stream` within the server's flow-control windows, `chunk` bytes of data a
        frame, each frame padded with `pad` bytes; waits (reading frames) for WINDOW_UPDATEs, and
        raises TimeoutError when the window stays shut for `timeout` seconds."""
        view = memoryview(data)
        first = True
        while first or len(view):
            first = False
            cost_extra = (1 + pad) if pad else 0
            deadline = time.monotonic() + timeout
            while True:
                window = min(self.conn_window, self.stream_windows.get(stream, self.initial_window))
                size = min(chunk, len(view), MAX_FRAME - cost_extra, window - cost_extra)
                if size > 0 or (not len(view) and window >= cost_extra):
                    break
                self.read_frame(max(0.001, deadline - time.monotonic()))
                if self.closed:
                    raise ConnectionClosed("the server closed the connection while we waited for window")
            size = max(size, 0)
            part = bytes(view[:size])
            view = view[size:]
            last = not len(view)
            flags = (END_STREAM if end_stream and last else 0) | (PADDED if pad else 0)
            payload = (bytes([pad]) + part + bytes(pad)) if pad else part
            self.conn_window -= len(payload)
            self.stream_windows[stream] = self.stream_windows.get(stream, self.initial_window) - len(payload)
            self.send(frame(DATA, flags, stream, payload))

    def send_rst(self, stream: int, code: int = CANCEL) -> None:
        self.send(frame(RST_STREAM, 0, stream, struct.pack(">I", code)))

    def send_ping(self, data: bytes = b"relaypng") -> None:
        self.send(frame(PING, 0, 0, data))

    def _recv(self, deadline: float) -> bool:
        """Reads more bytes (over TLS, perhaps none yet: a record may be incomplete); False at EOF."""
        if self._eof:
            self.closed = True
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no frame from the server in time")
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout as e:
            raise TimeoutError("no frame from the server in time") from e
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        if self._tls is None:
            self.buf += chunk
            return True
        self._in.write(chunk)
        while True:
            try:
                plain = self._tls.read(65536)
            except ssl.SSLWantReadError:
                return True
            except ssl.SSLError:  # a fatal alert, or close_notify (SSLZeroReturnError)
                plain = b""
            if not plain:
                self._eof = True
                return True
            self.buf += plain

    def _raw_frame(self, deadline: float) -> Frame | None:
        while len(self.buf) < 9 or len(self.buf) < 9 + int.from_bytes(self.buf[:3], "big"):
            if not self._recv(deadline):
                return None
        n = int.from_bytes(self.buf[:3], "big")
        f = Frame(self.buf[3], self.buf[4], struct.unpack(">I", self.buf[5:9])[0] & 0x7FFFFFFF, bytes(self.buf[9:9 + n]))
        del self.buf[:9 + n]
        return f

    def read_frame(self, timeout: float = 10.0) -> Frame | None:
        """The next frame (HEADERS with its CONTINUATIONs decoded), or None once the server closed."""
        deadline = time.monotonic() + timeout
        f = self._raw_frame(deadline)
        if f is None:
            return None
        if f.type in (HEADERS, PUSH_PROMISE):
            payload = f.payload
            if f.flags & PADDED:
                pad = payload[0]
                payload = payload[1:len(payload) - pad]
            if f.flags & PRIORITY_FLAG:
                payload = payload[5:]
            block = bytearray(payload)
            flags = f.flags
            while not flags & END_HEADERS:
                c = self._raw_frame(deadline)
                if c is None:
                    return None
                assert c.type == CONTINUATION and c.stream == f.stream, f"expected CONTINUATION, got {c}"
                block += c.payload
                flags |= c.flags & END_HEADERS
            f.headers = self.hpack.decode(bytes(block))
        elif f.type == DATA and f.payload:
            # The connection's receive window is always given back at once (a peer that reads);
            # a stream's only when `collect` reads that stream.
            self._try_send(frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", len(f.payload))))
        elif f.type == SETTINGS and not f.flags & ACK:
            for i in range(0, len(f.payload) - 5, 6):
                ident, value = struct.unpack(">HI", f.payload[i:i + 6])
                if ident == 0x4:
                    delta = value - self.initial_window
                    self.initial_window = value
                    for sid in self.stream_windows:
                        self.stream_windows[sid] += delta
            self._try_send(frame(SETTINGS, ACK, 0))
        elif f.type == SETTINGS:
            self.settings_acked = True
        elif f.type == WINDOW_UPDATE:
            inc = struct.unpack(">I", f.payload[:4])[0] & 0x7FFFFFFF
            if f.stream == 0:
                self.conn_window += inc
            else:
                self.stream_windows[f.stream] = self.stream_windows.get(f.stream, self.initial_window) + inc
        elif f.type == PING and not f.flags & ACK:
            self._try_send(frame(PING, ACK, 0, f.payload))
        self.frames.append(f)
        return f

    def _try_send(self, data: bytes) -> None:
        try:
            self.sock.sendall(self._wire(data))
        except OSError:  # ssl.SSLError included
            pass

    def read_until(self, predicate, timeout: float = 10.0) -> Frame | None:
        """Reads until a frame satisfies `predicate` (returned) or the server closes (None)."""
        deadline = time.monotonic() + timeout
        while True:
            f = self.read_frame(max(0.001, deadline - time.monotonic()))
            if f is None or predicate(f):
                return f

    def read_until_closed(self, timeout: float = 10.0) -> list[Frame]:
        """Reads every frame until the server closes the connection; raises TimeoutError if it does not."""
        start = len(self.frames)
        deadline = time.monotonic() + timeout
        while self.read_frame(max(0.001, deadline - time.monotonic())) is not None:
            pass
        return self.frames[start:]

    def collect(self, stream: int, timeout: float = 10.0) -> StreamResult:
        """What the server sent on `stream` (frames already read included) until END_STREAM,
        RST_STREAM, a GOAWAY that excludes the stream, or the connection's close."""
        result = StreamResult()
        deadline = time.monotonic() + timeout
        index = 0
        while True:
            if index < len(self.frames):
                f = self.frames[index]
                index += 1
            else:
                f = self.read_frame(max(0.001, deadline - time.monotonic()))
                index = len(self.frames)
                if f is None:
                    result.closed = True
                    return result
            if f.type == GOAWAY:
                result.goaway = f
                last_stream = struct.unpack(">I", f.payload[:4])[0] & 0x7FFFFFFF
                if last_stream < stream or f.error_code != NO_ERROR:
                    return result
                continue
            if f.stream != stream:
                continue
            if f.type == HEADERS:
                result.header_blocks.append(f.headers)
            elif f.type == DATA:
                result.data += f.payload
                if f.payload:  # give the stream's window back, so long responses flow
                    self._try_send(frame(WINDOW_UPDATE, 0, stream, struct.pack(">I", len(f.payload))))
            elif f.type == RST_STREAM:
                result.rst = f.error_code
                return result
            if f.flags & END_STREAM and f.type in (HEADERS, DATA):
                result.ended = True
                return result

    def ping_ok(self, timeout: float = 5.0) -> bool:
        """Whether the connection still answers a PING (False if it closed)."""
        payload = os.urandom(8)
        try:
            self.send(frame(PING, 0, 0, payload))
            f = self.read_until(lambda f: f.type == PING and f.flags & ACK and f.payload == payload, timeout)
        except (ConnectionClosed, TimeoutError, OSError):
            return False
        return f is not None

    def unary(self, path: str, message: bytes | None, timeout: float = 10.0, **headers: str) -> StreamResult:
        """A complete unary call: HEADERS, one message with END_STREAM (or none), then the answer."""
        sid = self.new_stream()
        headers = {":scheme": self.scheme, **headers}
        if message is None:
            self.send_headers(sid, request_headers(path, **headers), end_stream=True)
        else:
            self.send(self.headers_frames(sid, request_headers(path, **headers)))
            self.send_data(sid, grpc_message(message), end_stream=True)
        return self.collect(sid, timeout)
