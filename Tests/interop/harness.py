"""Shared machinery of the codec interop tests: compiling the protos with grpc_tools.protoc,
talking to a codec probe (the line protocol of the probes, see README.md), random messages that
fill every field, and the normalized JSON dump of a Python message.

The other interop suites (the protobuf-c probe) import these names; keep them stable:
ProbeClient, ProbeError, ProbeCrash, probe_command, random_message, normalize, message_classes,
assert_same, has_map_entries, is_map, is_repeated, unused_field_numbers, tag, varint,
length_delimited, FD.
"""

from __future__ import annotations

import atexit
import base64
import json
import math
import os
import queue
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROTOS = REPO / "Protos"
TEST_PROTOS = REPO / "Tests" / "interop" / "protos"
FIXTURES = REPO / "Tests" / "interop" / "fixtures"
SYSTEM_INCLUDE = Path("/usr/include")
DEFAULT_PROBE = REPO / ".build" / "debug" / "relay-codec-probe"


# --------------------------------------------------------------------------------------------
# Compiling the protos


def proto_files(root: Path) -> list[str]:
    """The .proto files under `root`, as paths relative to it, in byte-wise sorted order."""
    return sorted((p.relative_to(root).as_posix() for p in root.rglob("*.proto")), key=lambda s: s.encode())


def all_proto_files() -> list[str]:
    """Every .proto of Protos/ and of the test protos, relative to their include roots."""
    return proto_files(PROTOS) + proto_files(TEST_PROTOS)


def include_args() -> list[str]:
    return ["-I", str(PROTOS), "-I", str(TEST_PROTOS), "-I", str(SYSTEM_INCLUDE)]


class CompiledProtos:
    """The result of compiling every proto with grpc_tools.protoc: the generated Python modules
    (in `out_dir`), the descriptor set, a private descriptor pool and one class per message.

    The classes come from a private pool built from the descriptor set, not from importing the
    generated modules: that keeps them apart from any same-named types that installed packages
    (grpcio-health-checking, googleapis-common-protos) register in the default pool."""

    def __init__(self, out_dir: Path, output: str):
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

        self.out_dir = out_dir
        self.output = output  # what protoc printed (must be empty)
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString((out_dir / "descriptors.binpb").read_bytes())
        self.pool = descriptor_pool.DescriptorPool()
        for file_proto in fds.file:
            self.pool.Add(file_proto)
        self.files = [f.name for f in fds.file]
        self.classes: dict[str, type] = {}
        for file_name in self.files:
            file_desc = self.pool.FindFileByName(file_name)
            for desc in file_desc.message_types_by_name.values():
                self._collect(desc, message_factory)

    def _collect(self, desc, message_factory) -> None:
        if desc.GetOptions().map_entry:
            return
        self.classes[desc.full_name] = message_factory.GetMessageClass(desc)
        for nested in desc.nested_types:
            self._collect(nested, message_factory)

    def file_of(self, message_name: str) -> str:
        """The .proto file (relative to its include root) that declares `message_name`."""
        return self.pool.FindMessageTypeByName(message_name).file.name


_compiled: CompiledProtos | None = None


def compile_protos() -> CompiledProtos:
    """Compiles every proto once per process (a temporary directory removed at exit)."""
    global _compiled
    if _compiled is not None:
        return _compiled
    try:
        import grpc_tools.protoc  # noqa: F401
    except ImportError as e:  # pragma: no cover - environment problem
        raise RuntimeError(f"grpc_tools is not installed ({e}); run scripts/setup.sh") from e
    out_dir = Path(tempfile.mkdtemp(prefix="relay-interop-"))
    atexit.register(shutil.rmtree, out_dir, True)
    cmd = [sys.executable, "-m", "grpc_tools.protoc", *include_args(),
           f"--python_out={out_dir}", f"--descriptor_set_out={out_dir / 'descriptors.binpb'}",
           "--include_imports", *all_proto_files()]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"grpc_tools.protoc failed (exit {proc.returncode}):\n{output}")
    _compiled = CompiledProtos(out_dir, output)
    return _compiled


def message_classes() -> dict[str, type]:
    """Full name → Python class of every message in the compiled protos and their imports
    (map-entry types excluded)."""
    return dict(compile_protos().classes)


def find_protoc() -> str:
    path = shutil.which("protoc")
    if path is None:
        raise RuntimeError("protoc is not on PATH: install the apt package protobuf-compiler "
                           "(scripts/setup.sh does)")
    return path


# --------------------------------------------------------------------------------------------
# The probe client


class ProbeError(Exception):
    """The probe answered `ERR ...` (the message is the probe's description)."""


class ProbeCrash(RuntimeError):
    """The probe died, hung or answered out of protocol. The next request starts a new one."""


class ProbeClient:
    """A probe process speaking the line protocol on stdin/stdout."""

    def __init__(self, cmd: list[str], timeout: float = 60.0):
        self.cmd = list(cmd)
        self.timeout = timeout
        self._proc: subprocess.Popen | None = None
        self._lines: queue.Queue = queue.Queue()
        self._stderr: list[bytes] = []
        self._start()

    def _start(self) -> None:
        try:
            self._proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, cwd=REPO)
        except OSError as e:
            raise ProbeCrash(f"cannot start probe {self.cmd}: {e}") from e
        self._lines = queue.Queue()
        self._stderr = []
        proc, lines, errs = self._proc, self._lines, self._stderr

        def read_out() -> None:
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        def read_err() -> None:
            for chunk in iter(lambda: proc.stderr.read(4096), b""):
                errs.append(chunk)
                del errs[:-16]

        threading.Thread(target=read_out, daemon=True).start()
        threading.Thread(target=read_err, daemon=True).start()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _crash(self, what: str) -> ProbeCrash:
        proc = self._proc
        self._proc = None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            code = proc.returncode
        else:
            code = None
        tail = b"".join(self._stderr).decode("utf-8", "replace")[-3000:]
        return ProbeCrash(f"probe {what} (exit status {code}); stderr:\n{tail}")

    def request(self, line: str) -> str:
        """Sends one request line; returns the text after `OK ` or raises ProbeError."""
        if not self.alive:
            if self._proc is not None:
                raise self._crash("had exited before the request")
            self._start()
        try:
            self._proc.stdin.write(line.encode("utf-8") + b"\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._crash("closed its input") from None
        try:
            answer = self._lines.get(timeout=self.timeout)
        except queue.Empty:
            raise self._crash(f"did not answer within {self.timeout} s: {line[:200]}") from None
        if answer is None:
            raise self._crash(f"exited while answering: {line[:200]}")
        text = answer.decode("utf-8").rstrip("\n")
        if text.startswith("OK "):
            return text[3:]
        if text == "OK":
            return ""
        if text.startswith("ERR"):
            raise ProbeError(text[4:])
        raise self._crash(f"answered out of protocol: {text[:200]!r}")

    def names(self) -> set[str]:
        return set(self.request("list").split())

    def roundtrip(self, name: str, data: bytes) -> bytes:
        answer = self.request(f"roundtrip {name} {encode_payload(data)}")
        return b"" if answer == "-" else base64.b64decode(answer, validate=True)

    def dump(self, name: str, data: bytes) -> dict:
        return json.loads(self.request(f"dump {name} {encode_payload(data)}"))

    def close(self) -> None:
        proc = self._proc
        self._proc = None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()


def encode_payload(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii") if data else "-"


def probe_command() -> list[str]:
    """The Swift probe's command: env RELAY_CODEC_PROBE (a command line), else the debug build."""
    env = os.environ.get("RELAY_CODEC_PROBE")
    return shlex.split(env) if env else [str(DEFAULT_PROBE)]


# --------------------------------------------------------------------------------------------
# Descriptor helpers

from google.protobuf.descriptor import FieldDescriptor as FD  # noqa: E402

INT_RANGES = {
    FD.TYPE_INT32: (-(2**31), 2**31 - 1), FD.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FD.TYPE_SFIXED32: (-(2**31), 2**31 - 1), FD.TYPE_INT64: (-(2**63), 2**63 - 1),
    FD.TYPE_SINT64: (-(2**63), 2**63 - 1), FD.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FD.TYPE_UINT32: (0, 2**32 - 1), FD.TYPE_FIXED32: (0, 2**32 - 1),
    FD.TYPE_UINT64: (0, 2**64 - 1), FD.TYPE_FIXED64: (0, 2**64 - 1),
}


def is_map(field) -> bool:
    return field.type == FD.TYPE_MESSAGE and field.message_type.GetOptions().map_entry


def is_repeated(field) -> bool:
    return field.is_repeated


_proto3_optional: dict[str, set[str]] = {}


def real_oneof(field):
    """The field's oneof, unless it is the synthetic oneof of a proto3 `optional`."""
    oneof = field.containing_oneof
    if oneof is None:
        return None
    desc = field.containing_type
    names = _proto3_optional.get(desc.full_name)
    if names is None:
        from google.protobuf import descriptor_pb2

        proto = descriptor_pb2.DescriptorProto()
        desc.CopyToProto(proto)
        names = {f.name for f in proto.field if f.proto3_optional}
        _proto3_optional[desc.full_name] = names
    return None if field.name in names else oneof


# --------------------------------------------------------------------------------------------
# The normalized dump of a Python message (probe-protocol.md)


def _is_default(field, value) -> bool:
    if field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
        return struct.pack("<d", value) == b"\0" * 8
    if field.type == FD.TYPE_MESSAGE:
        return False
    return not value


def _value(field, value):
    if field.type == FD.TYPE_MESSAGE:
        return normalize(value)
    if field.type == FD.TYPE_BYTES:
        return base64.b64encode(value).decode("ascii")
    if field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
        return float(value)
    if field.type == FD.TYPE_BOOL:
        return bool(value)
    if field.type == FD.TYPE_STRING:
        return value
    return int(value)


def _map_key(key) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def unknown_bytes(msg) -> bytes:
    """The raw unknown fields of `msg` (top level only), in the order read."""
    copy = type(msg)()
    copy.CopyFrom(msg)
    for field in copy.DESCRIPTOR.fields:
        copy.ClearField(field.name)
    return copy.SerializeToString()


def normalize(msg) -> dict:
    """The normalized JSON dump of a Python message, as a probe's `dump` gives it."""
    out: dict = {}
    for field in msg.DESCRIPTOR.fields:
        value = getattr(msg, field.name)
        if is_map(field):
            if len(value):
                value_field = field.message_type.fields_by_name["value"]
                out[field.name] = {_map_key(k): _value(value_field, value[k]) for k in value}
        elif is_repeated(field):
            if len(value):
                out[field.name] = [_value(field, v) for v in value]
        elif field.has_presence:
            if msg.HasField(field.name):
                out[field.name] = _value(field, value)
        elif not _is_default(field, value):
            out[field.name] = _value(field, value)
    unknown = unknown_bytes(msg)
    if unknown:
        out["__unknown__"] = base64.b64encode(unknown).decode("ascii")
    return out


def _first_difference(a, b, path: str) -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a:
                return f"{path}.{key}: missing on the left, right has {b[key]!r}"
            if key not in b:
                return f"{path}.{key}: missing on the right, left has {a[key]!r}"
            diff = _first_difference(a[key], b[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} elements vs {len(b)}: {a!r} vs {b!r}"
        for i, (x, y) in enumerate(zip(a, b)):
            diff = _first_difference(x, y, f"{path}[{i}]")
            if diff:
                return diff
        return None
    if type(a) is not type(b):
        return f"{path}: {a!r} ({type(a).__name__}) vs {b!r} ({type(b).__name__})"
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        if struct.pack("<d", a) != struct.pack("<d", b):
            return f"{path}: {a!r} vs {b!r} (different bit patterns)"
        return None
    if a != b:
        return f"{path}: {a!r} vs {b!r}"
    return None


def dump_difference(left, right) -> str | None:
    """The first difference between two dumps (types strict, floats by bit pattern, NaN equal
    to NaN), or None when they are the same."""
    return _first_difference(left, right, "$")


def assert_same(left, right, context: str = "") -> None:
    diff = dump_difference(left, right)
    assert diff is None, f"{context}dumps differ at {diff}\nleft:  {json.dumps(left)[:2000]}\nright: {json.dumps(right)[:2000]}"


# --------------------------------------------------------------------------------------------
# Random messages


MAX_DEPTH = 3

STRINGS = [
    "", "a", "hello, world", "ünïcödé ✓ café", "日本語のテキスト", "😀🎉𝄞𐍈🀄",
    "\x00\x01\x1f\x7f\x80", "quote \" backslash \\ slash /", "line\nbreak\r\ttab",
    "\u2028\u2029\ufeff\ufffd", "e\u0301 combining", "x" * 300, "\U0010FFFF\U00010000",
]
BYTES = [b"", b"\x00", b"\xff\xfe\x00\x80", bytes(range(256)), b"plain ascii"]
FLOATS = [0.0, -0.0, 1.0, -1.5, 0.1, 3.4028234663852886e38, -3.4028234663852886e38,
          1.401298464324817e-45, 1.1754943508222875e-38, 16777216.0, 16777217.0, 1e-7,
          math.inf, -math.inf]
DOUBLES = [0.0, -0.0, 1.0, -2.5, 0.1, 1.7976931348623157e308, -1.7976931348623157e308,
           5e-324, 2.2250738585072014e-308, 1e16, 1e-7, 123456.789, 9007199254740993.0,
           math.inf, -math.inf]


def _random_string(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(STRINGS)
    ranges = [(0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x3FF), (0x4E00, 0x9FFF), (0xE000, 0xFFFD),
              (0x1F300, 0x1FAFF), (0x10000, 0x10FFFF), (0x0, 0x1F)]
    chars = []
    for _ in range(rng.randint(1, 24)):
        lo, hi = rng.choice(ranges)
        chars.append(chr(rng.randint(lo, hi)))
    return "".join(chars)


def _random_bytes(rng: random.Random) -> bytes:
    if rng.random() < 0.4:
        return rng.choice(BYTES)
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))


def _random_int(rng: random.Random, field_type: int) -> int:
    lo, hi = INT_RANGES[field_type]
    r = rng.random()
    if r < 0.35:
        return rng.choice([lo, hi, 0, 1, -1 if lo < 0 else 2, 127, 128, 300, 16383, 16384,
                           lo + 1 if lo < 0 else hi - 1, -(2**31) if lo < -(2**31) else lo,
                           2**32 - 1 if hi >= 2**32 else hi])
    if r < 0.7:
        bits = rng.choice([7, 14, 21, 28, 31, 35, 49, 56, 63, 64])
        v = rng.getrandbits(bits)
        if lo < 0 and rng.random() < 0.5:
            v = -v
        return max(lo, min(hi, v))
    return rng.randint(lo, hi)


def random_scalar(field, rng: random.Random):
    """A random value for a non-message field (for an enum: usually a declared value,
    sometimes a number the enum does not declare)."""
    t = field.type
    if t in INT_RANGES:
        return _random_int(rng, t)
    if t == FD.TYPE_BOOL:
        return rng.random() < 0.7
    if t == FD.TYPE_FLOAT:
        v = rng.choice(FLOATS) if rng.random() < 0.6 else rng.uniform(-1e6, 1e6)
        return struct.unpack("<f", struct.pack("<f", v))[0]
    if t == FD.TYPE_DOUBLE:
        return rng.choice(DOUBLES) if rng.random() < 0.6 else rng.uniform(-1e12, 1e12)
    if t == FD.TYPE_STRING:
        return _random_string(rng)
    if t == FD.TYPE_BYTES:
        return _random_bytes(rng)
    if t == FD.TYPE_ENUM:
        numbers = [v.number for v in field.enum_type.values]
        if rng.random() < 0.15:
            return rng.choice([999, -7, 2**31 - 1, -(2**31)])
        return rng.choice(numbers)
    raise TypeError(f"no random value for field type {t}")


def _nonzero_scalar(field, rng: random.Random):
    for _ in range(20):
        v = random_scalar(field, rng)
        if not _is_default(field, v):
            return v
    return random_scalar(field, rng)


def random_message(cls, rng: random.Random, depth: int = 0, variant: int | None = None):
    """A message of `cls` with every field set: plain fields to non-default values, `optional`
    fields sometimes to their default, repeated fields and maps to several values, nested
    messages to a bounded depth (past it, present but empty). One member of each oneof is set,
    chosen by `variant` when given (so consecutive seeds take each member in turn, then none),
    else at random."""
    msg = cls()
    _fill(msg, rng, depth, variant)
    return msg


def _fill(msg, rng: random.Random, depth: int, variant: int | None) -> None:
    desc = msg.DESCRIPTOR
    chosen = set()
    for oneof in desc.oneofs:
        if real_oneof(oneof.fields[0]) is None:
            continue
        options = list(oneof.fields) + [None]
        pick = options[variant % len(options)] if variant is not None else rng.choice(options)
        if pick is not None:
            chosen.add(pick.name)
    shallow = depth >= 1
    for field in desc.fields:
        if real_oneof(field) is not None and field.name not in chosen:
            continue
        if is_map(field):
            _fill_map(msg, field, rng, depth)
        elif is_repeated(field):
            count = rng.randint(1, 2 if shallow else 4)
            target = getattr(msg, field.name)
            for _ in range(count):
                if field.type == FD.TYPE_MESSAGE:
                    _fill_child(target.add(), rng, depth)
                else:
                    target.append(random_scalar(field, rng))
        elif field.type == FD.TYPE_MESSAGE:
            _fill_child(getattr(msg, field.name), rng, depth)
        elif field.has_presence:
            # `optional` or a oneof member: sometimes set to the default, which must still show.
            value = random_scalar(field, rng) if rng.random() < 0.75 else _default_of(field)
            setattr(msg, field.name, value)
        else:
            setattr(msg, field.name, _nonzero_scalar(field, rng))


def _default_of(field):
    return {FD.TYPE_STRING: "", FD.TYPE_BYTES: b"", FD.TYPE_BOOL: False,
            FD.TYPE_FLOAT: 0.0, FD.TYPE_DOUBLE: 0.0}.get(field.type, 0)


def _fill_child(child, rng: random.Random, depth: int) -> None:
    """Fills a sub-message that is already present (the caller touched it); past the depth
    bound it stays empty but present."""
    child.SetInParent()
    if depth + 1 < MAX_DEPTH:
        _fill(child, rng, depth + 1, None)


def _fill_map(msg, field, rng: random.Random, depth: int) -> None:
    key_field = field.message_type.fields_by_name["key"]
    value_field = field.message_type.fields_by_name["value"]
    target = getattr(msg, field.name)
    for _ in range(rng.randint(1, 2) if depth >= 1 else rng.randint(2, 4)):
        key = random_scalar(key_field, rng)
        if value_field.type == FD.TYPE_MESSAGE:
            _fill_child(target[key], rng, depth)
        else:
            target[key] = random_scalar(value_field, rng)


# --------------------------------------------------------------------------------------------
# Map helpers (maps have no canonical byte order across implementations)


def has_map_entries(msg) -> bool:
    """Whether `msg` or any message inside it has a non-empty map."""
    for field, value in msg.ListFields():
        if is_map(field):
            if len(value):
                return True
        elif field.type == FD.TYPE_MESSAGE:
            items = value if is_repeated(field) else [value]
            if any(has_map_entries(m) for m in items):
                return True
    return False


def clear_maps(msg) -> None:
    """Empties every map in `msg` and in the messages inside it."""
    for field, value in msg.ListFields():
        if is_map(field):
            msg.ClearField(field.name)
        elif field.type == FD.TYPE_MESSAGE:
            for m in (value if is_repeated(field) else [value]):
                clear_maps(m)


# --------------------------------------------------------------------------------------------
# Hand-made wire bytes


def varint(n: int) -> bytes:
    """The varint of `n` (negative numbers as their 64-bit two's complement)."""
    n &= (1 << 64) - 1
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def tag(number: int, wire_type: int) -> bytes:
    return varint(number << 3 | wire_type)


def length_delimited(number: int, payload: bytes) -> bytes:
    return tag(number, 2) + varint(len(payload)) + payload


def unused_field_numbers(desc, count: int = 3) -> list[int]:
    """Field numbers that `desc` does not declare (outside the reserved 19000-19999)."""
    used = {f.number for f in desc.fields}
    candidates = [max(used, default=0) + 1, 7777, 99, 1000, 16, 3, 536870910, 250000]
    out = []
    for n in candidates:
        if 1 <= n <= 536870911 and n not in used and not 19000 <= n <= 19999 and n not in out:
            out.append(n)
        if len(out) == count:
            break
    return out
