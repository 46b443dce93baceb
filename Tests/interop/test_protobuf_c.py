"""Cross-check of the Swift codecs against protobuf-c 1.4.1, an independent C implementation.

The protobuf-c probe (Tests/interop/pbc, built here into a temporary directory) speaks the same
line protocol as the Swift probe. For every message both probes list (and Python compiles), over
SEEDS random messages (harness.random_message, some with unknown fields appended):
  - Python's bytes: the protobuf-c dump, the Swift dump and harness.normalize all agree;
  - Swift's re-encoding: protobuf-c decodes it to that same dump;
  - protobuf-c's re-encoding: Swift decodes it to that same dump;
  - without maps (whose entry order is not canonical), both re-encodings are byte-identical.

What protobuf-c 1.4.1 cannot represent, and how it is handled (PBC_LIMITATIONS):
  - proto3 `optional`: protoc-c 1.4.1 refuses it; the build rewrites each such field as a
    one-field oneof (the same wire format and presence; see pbc/gen_registry.py);
  - strings containing U+0000: protobuf-c stores strings NUL-terminated and cuts them there;
    random messages get U+0000 replaced by U+0001 (test_pbc_cuts_strings_at_nul shows the cut);
  - -0.0 in a float/double field without presence: protobuf-c's encoder compares with `0 ==`
    and drops it, so after a protobuf-c re-encoding the field reads back as absent
    (test_pbc_drops_negative_zero).

Malformed input: both probes answer ERR to every case of BOTH_REJECT. LEGITIMATE_DIFFERENCES
lists where they differ on purpose, and asserts each side's documented behaviour.
"""

from __future__ import annotations

import base64
import functools
import random
import struct
import subprocess
from pathlib import Path

import pytest

import harness
from harness import FD, length_delimited, tag, varint

SEEDS = 20
PBC_DIR = Path(__file__).resolve().parent / "pbc"
ALL_TYPES = "relay.test.AllTypes"

PBC_LIMITATIONS = {
    "proto3 optional": "rewritten as a one-field oneof at build time (protoc-c 1.4.1 rejects it)",
    "U+0000 in strings": "strings are NUL-terminated in protobuf-c; replaced by U+0001 in random messages",
    "-0.0 without presence": "protobuf-c's encoder drops it; expected absent after a protobuf-c re-encoding",
}


# --------------------------------------------------------------------------------------------
# Building the protobuf-c probe


@functools.lru_cache(maxsize=1)
def build_pbc_probe() -> str:
    """Builds the probe once per process (Tests/interop/pbc/build.sh into a temporary directory)."""
    import atexit
    import shutil
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="relay-pbc-"))
    atexit.register(shutil.rmtree, out, True)
    proc = subprocess.run([str(PBC_DIR / "build.sh"), str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"Tests/interop/pbc/build.sh failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def pbc_probe():
    try:
        exe = build_pbc_probe()
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)
    probe = harness.ProbeClient([exe])
    yield probe
    probe.close()


@functools.lru_cache(maxsize=1)
def common_names() -> list[str]:
    """The messages both probes list and Python compiles."""
    pbc = harness.ProbeClient([build_pbc_probe()])
    swift = harness.ProbeClient(harness.probe_command())
    try:
        return sorted(pbc.names() & swift.names() & set(harness.message_classes()))
    finally:
        pbc.close()
        swift.close()


def pytest_generate_tests(metafunc):
    if "common_name" in metafunc.fixturenames:
        try:
            names = common_names()
        except (RuntimeError, harness.ProbeCrash, harness.ProbeError) as e:
            names = [f"<no probes: {str(e)[:200]}>"]  # fails in the fixtures with the reason
        metafunc.parametrize("common_name", names)


# --------------------------------------------------------------------------------------------
# Adapting messages to protobuf-c's limitations


def _fields_of(msg):
    return msg.ListFields()


def replace_nul(msg) -> None:
    """Replaces U+0000 in every string of `msg` (and of the messages inside it) by U+0001."""
    for field, value in _fields_of(msg):
        if harness.is_map(field):
            key_field = field.message_type.fields_by_name["key"]
            value_field = field.message_type.fields_by_name["value"]
            items = list(value.items())
            msg.ClearField(field.name)
            target = getattr(msg, field.name)
            for k, v in items:
                if key_field.type == FD.TYPE_STRING:
                    k = k.replace("\0", "\1")
                if value_field.type == FD.TYPE_MESSAGE:
                    replace_nul(v)
                    target[k].CopyFrom(v)
                elif value_field.type == FD.TYPE_STRING:
                    target[k] = v.replace("\0", "\1")
                else:
                    target[k] = v
        elif field.type == FD.TYPE_MESSAGE:
            for m in (value if harness.is_repeated(field) else [value]):
                replace_nul(m)
        elif field.type == FD.TYPE_STRING:
            if harness.is_repeated(field):
                value[:] = [s.replace("\0", "\1") for s in value]
            else:
                setattr(msg, field.name, value.replace("\0", "\1"))


def _is_minus_zero(v: float) -> bool:
    return struct.pack("<d", v) == struct.pack("<d", -0.0)


def clear_minus_zero(msg) -> None:
    """What a protobuf-c re-encoding does to `msg`: a float/double without presence holding -0.0
    (also a map value, which has no presence inside its entry) becomes absent (0.0)."""
    for field, value in _fields_of(msg):
        if harness.is_map(field):
            value_field = field.message_type.fields_by_name["value"]
            for k in list(value.keys()):
                if value_field.type == FD.TYPE_MESSAGE:
                    clear_minus_zero(value[k])
                elif value_field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE) and _is_minus_zero(value[k]):
                    value[k] = 0.0
        elif field.type == FD.TYPE_MESSAGE:
            for m in (value if harness.is_repeated(field) else [value]):
                clear_minus_zero(m)
        elif (field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE) and not harness.is_repeated(field)
              and not field.has_presence and _is_minus_zero(value)):
            setattr(msg, field.name, 0.0)


def unknown_tail(desc, rng: random.Random) -> bytes:
    """A few unknown fields of every wire type protobuf-c supports (no groups)."""
    a, b, c = harness.unused_field_numbers(desc, 3)
    return (tag(a, 0) + varint(rng.getrandbits(64)) + tag(b, 5) + rng.randbytes(4)
            + tag(c, 1) + rng.randbytes(8) + length_delimited(a, rng.randbytes(rng.randint(0, 9))))


# --------------------------------------------------------------------------------------------
# Random messages through both implementations


def check_cross(swift, pbc, cls, data: bytes, context: str) -> None:
    name = cls.DESCRIPTOR.full_name
    parsed = cls.FromString(data)
    expected = harness.normalize(parsed)
    harness.assert_same(pbc.dump(name, data), expected, f"{context}: protobuf-c dump vs Python: ")
    harness.assert_same(swift.dump(name, data), expected, f"{context}: Swift dump vs Python: ")

    swift_bytes = swift.roundtrip(name, data)
    harness.assert_same(pbc.dump(name, swift_bytes), expected, f"{context}: protobuf-c dump of Swift's encoding: ")

    pbc_bytes = pbc.roundtrip(name, data)
    after_pbc = cls()
    after_pbc.CopyFrom(parsed)
    clear_minus_zero(after_pbc)
    harness.assert_same(swift.dump(name, pbc_bytes), harness.normalize(after_pbc),
                        f"{context}: Swift dump of protobuf-c's encoding: ")

    if not harness.has_map_entries(parsed) and after_pbc == parsed:
        assert pbc_bytes == swift_bytes, (f"{context}: protobuf-c and Swift encode differently\n"
                                          f"pbc:   {pbc_bytes.hex()}\nswift: {swift_bytes.hex()}")


def test_pbc_lists_every_compiled_message(pbc_probe, pb_classes):
    """The generated descriptor table is complete: protobuf-c knows every compiled message."""
    assert pbc_probe.names() == set(pb_classes)


def test_cross_check(swift_probe, pbc_probe, pb_classes, common_name):
    cls = pb_classes[common_name]
    assert pbc_probe.roundtrip(common_name, b"") == b""
    assert pbc_probe.dump(common_name, b"") == {}
    for seed in range(SEEDS):
        rng = random.Random(f"pbc/{common_name}/{seed}")
        msg = harness.random_message(cls, rng, variant=seed)
        replace_nul(msg)
        data = msg.SerializeToString(deterministic=True)
        if seed % 4 == 3:
            data += unknown_tail(cls.DESCRIPTOR, rng)
        check_cross(swift_probe, pbc_probe, cls, data, f"{common_name} seed {seed}")


def test_deep_nesting_within_limits(swift_probe, pbc_probe, pb_classes):
    cls = pb_classes[ALL_TYPES]
    msg = cls()
    node = msg
    for level in range(50):
        node.singular_int32 = -level - 1
        node.optional_string = f"level {level}"
        node = node.child
    node.SetInParent()
    check_cross(swift_probe, pbc_probe, cls, msg.SerializeToString(), "AllTypes nested 50 deep")


# --------------------------------------------------------------------------------------------
# Malformed input

# (description, AllTypes bytes): both implementations must reject these.
BOTH_REJECT = [
    ("truncated varint", tag(1, 0) + b"\x80"),
    ("varint longer than 10 bytes", tag(1, 0) + b"\xff" * 10 + b"\x01"),
    ("truncated tag", b"\x80"),
    ("field number 0", b"\x00\x01"),
    ("wire type 6", bytes([1 << 3 | 6]) + b"\x00"),
    ("wire type 7", bytes([1 << 3 | 7]) + b"\x00"),
    ("end group without start", tag(1, 4)),
    ("truncated fixed32", tag(7, 5) + b"\x01\x02"),
    ("truncated fixed64", tag(8, 1) + b"\x01\x02\x03"),
    ("length past the end", tag(14, 2) + varint(5) + b"ab"),
    ("length prefix over 2 GiB", tag(15, 2) + varint(1 << 31) + b"x"),
    ("string with varint wire type", tag(14, 0) + b"\x01"),
    ("int32 with length-delimited wire type", tag(1, 2) + varint(1) + b"\x01"),
    ("message with varint wire type", tag(17, 0) + b"\x01"),
    ("truncated varint inside a nested message", length_delimited(17, tag(1, 0) + b"\x80")),
    ("nested length past its parent", tag(17, 2) + varint(4) + tag(2, 2) + varint(9) + b"ab"),
    ("packed int32 ending inside a varint", length_delimited(41, b"\x01\x80")),
    ("packed fixed32 of 3 bytes", length_delimited(47, b"\x01\x02\x03")),
    ("packed double of 7 bytes", length_delimited(52, b"\x00" * 7)),
    ("truncated unknown field", tag(99, 2) + varint(3) + b"a"),
    ("map entry with a truncated key", length_delimited(71, tag(1, 2) + varint(3) + b"k")),
    ("oneof string with fixed64 wire type", tag(112, 1) + b"\x00" * 8),
]


@pytest.mark.parametrize("case", BOTH_REJECT, ids=[c[0] for c in BOTH_REJECT])
def test_both_reject(swift_probe, pbc_probe, case):
    _, data = case
    for probe, who in ((swift_probe, "Swift"), (pbc_probe, "protobuf-c")):
        for request in (probe.roundtrip, probe.dump):
            with pytest.raises(harness.ProbeError):
                request(ALL_TYPES, data)
                pytest.fail(f"{who} accepted malformed input")


def test_both_reject_bad_requests(swift_probe, pbc_probe):
    for probe in (swift_probe, pbc_probe):
        with pytest.raises(harness.ProbeError):
            probe.request("roundtrip relay.test.NoSuchMessage -")
        with pytest.raises(harness.ProbeError):
            probe.request(f"dump {ALL_TYPES} not*base64")
        assert probe.dump(ALL_TYPES, b"") == {}  # still answering


def _swift_rejects(swift, data: bytes) -> None:
    with pytest.raises(harness.ProbeError):
        swift.roundtrip(ALL_TYPES, data)


# Where the two implementations legitimately differ. Each entry: (description, AllTypes bytes,
# what protobuf-c's roundtrip does, what Swift's does), each "accepts" (returns the same bytes),
# "rejects" (ERR) or the exact bytes returned. All follow from protobuf-c 1.4.1's source
# (protobuf-c/protobuf-c.c) and from proto3's rules that the Swift codecs implement.
LEGITIMATE_DIFFERENCES = [
    # protobuf-c does not validate UTF-8 (parse_required_member copies string bytes as they
    # are); proto3 requires valid UTF-8 and the Swift codecs reject it.
    ("invalid UTF-8 in a string", tag(14, 2) + varint(2) + b"\xc3\x28", "accepts", "rejects"),
    ("UTF-8 surrogate in a repeated string", length_delimited(54, b"\xed\xa0\x80"), "accepts", "rejects"),
    ("overlong UTF-8 in a map key", length_delimited(71, length_delimited(1, b"\xc0\xaf")), "accepts", "rejects"),
    # protobuf-c 1.4.1 has no group support: wire types 3/4 are an "unsupported tag" even in
    # unknown fields; Swift skips a well-formed group into the unknown fields.
    ("unknown group", tag(99, 3) + tag(1, 0) + b"\x05" + tag(99, 4), "rejects", "accepts"),
    # protobuf-c reads tags of up to 32 bits; field numbers above 2^29 - 1 are invalid protobuf.
    ("field number 2^29", tag(1 << 29, 0) + b"\x01", "accepts", "rejects"),
    # protobuf-c's parse_boolean does not check the wire type of a singular bool field: it reads
    # the bytes as a varint and re-encodes a plain `singular_bool: true`.
    ("bool with length-delimited wire type", tag(13, 2) + varint(1) + b"\x01", tag(13, 0) + b"\x01", "rejects"),
]


def _nested_children(depth: int) -> bytes:
    data = b""
    for _ in range(depth):
        data = length_delimited(18, data)
    return data


@pytest.mark.parametrize("case", LEGITIMATE_DIFFERENCES, ids=[c[0] for c in LEGITIMATE_DIFFERENCES])
def test_legitimate_differences(swift_probe, pbc_probe, case):
    _, data, pbc_does, swift_does = case
    for probe, does in ((pbc_probe, pbc_does), (swift_probe, swift_does)):
        if does == "rejects":
            with pytest.raises(harness.ProbeError):
                probe.roundtrip(ALL_TYPES, data)
        elif does == "accepts":
            assert probe.roundtrip(ALL_TYPES, data) == data
        else:
            assert probe.roundtrip(ALL_TYPES, data) == does


def test_nesting_beyond_swift_limit(swift_probe, pbc_probe):
    """Swift's decoder stops at DecodingOptions.maxDepth (100); protobuf-c has no depth limit."""
    deep = _nested_children(150)
    assert pbc_probe.roundtrip(ALL_TYPES, deep) == deep
    _swift_rejects(swift_probe, deep)
    shallow = _nested_children(90)
    assert swift_probe.roundtrip(ALL_TYPES, shallow) == shallow
    assert pbc_probe.roundtrip(ALL_TYPES, shallow) == shallow


def test_repeated_oneof_message_member(swift_probe, pbc_probe, pb_classes):
    """A oneof message member given twice: protobuf (and Swift) merge the two, protobuf-c 1.4.1
    (parse_oneof_member) frees the first and keeps only the second."""
    data = length_delimited(114, tag(1, 0) + varint(7)) + length_delimited(114, length_delimited(2, b"x"))
    merged = harness.normalize(pb_classes[ALL_TYPES].FromString(data))
    assert merged == {"oneof_nested": {"a": 7, "b": "x"}}
    harness.assert_same(swift_probe.dump(ALL_TYPES, data), merged, "Swift merges: ")
    harness.assert_same(pbc_probe.dump(ALL_TYPES, data), {"oneof_nested": {"b": "x"}}, "protobuf-c replaces: ")


def test_repeated_singular_message(swift_probe, pbc_probe, pb_classes):
    """A singular (non-oneof) message field given twice is merged. Swift merges as protobuf does;
    protobuf-c 1.4.1 (merge_messages) concatenates repeated fields and merges fields with
    presence, but keeps only the later occurrence's proto3 scalars without presence: `a` of the
    first occurrence is lost."""
    first = tag(1, 0) + varint(7) + length_delimited(3, varint(2))  # a: 7, c: [1]
    second = length_delimited(2, b"x") + length_delimited(3, varint(4))  # b: "x", c: [2]
    data = length_delimited(17, first) + length_delimited(17, second)
    merged = harness.normalize(pb_classes[ALL_TYPES].FromString(data))
    assert merged == {"singular_nested": {"a": 7, "b": "x", "c": [1, 2]}}
    harness.assert_same(swift_probe.dump(ALL_TYPES, data), merged, "Swift: ")
    harness.assert_same(pbc_probe.dump(ALL_TYPES, data), {"singular_nested": {"b": "x", "c": [1, 2]}}, "protobuf-c: ")


def test_both_last_map_key_wins(swift_probe, pbc_probe):
    entry = lambda k, v: length_delimited(71, length_delimited(1, k) + length_delimited(2, v))  # noqa: E731
    data = entry(b"k", b"first") + entry(b"j", b"other") + entry(b"k", b"second")
    want = {"map_string_string": {"k": "second", "j": "other"}}
    harness.assert_same(swift_probe.dump(ALL_TYPES, data), want, "Swift: ")
    harness.assert_same(pbc_probe.dump(ALL_TYPES, data), want, "protobuf-c: ")


def test_pbc_cuts_strings_at_nul(swift_probe, pbc_probe):
    data = tag(14, 2) + varint(3) + b"a\x00b"
    assert swift_probe.dump(ALL_TYPES, data) == {"singular_string": "a\x00b"}
    assert swift_probe.roundtrip(ALL_TYPES, data) == data
    assert pbc_probe.dump(ALL_TYPES, data) == {"singular_string": "a"}
    assert pbc_probe.roundtrip(ALL_TYPES, data) == tag(14, 2) + varint(1) + b"a"


def test_pbc_drops_negative_zero(swift_probe, pbc_probe):
    minus_zero = struct.pack("<d", -0.0)
    plain = tag(12, 1) + minus_zero  # singular_double: no presence
    assert swift_probe.roundtrip(ALL_TYPES, plain) == plain
    assert pbc_probe.roundtrip(ALL_TYPES, plain) == b""
    with_presence = tag(32, 1) + minus_zero  # optional_double keeps it in both
    assert swift_probe.roundtrip(ALL_TYPES, with_presence) == with_presence
    assert pbc_probe.roundtrip(ALL_TYPES, with_presence) == with_presence
    dump = pbc_probe.dump(ALL_TYPES, plain + with_presence)
    assert set(dump) == {"singular_double", "optional_double"}
    assert all(struct.pack("<d", v) == minus_zero for v in dump.values())


def test_pbc_dump_of_invalid_utf8_stays_valid_json(pbc_probe):
    """The protobuf-c probe writes each byte of an invalid UTF-8 sequence as U+FFFD."""
    data = tag(14, 2) + varint(3) + b"a\xffb"
    assert pbc_probe.dump(ALL_TYPES, data) == {"singular_string": "a\ufffdb"}


def test_payload_base64_is_strict(pbc_probe):
    good = base64.b64encode(tag(1, 0) + varint(5)).decode()
    assert pbc_probe.request(f"dump {ALL_TYPES} {good}") == '{"singular_int32":5}'
    for bad in (good[:-1], good + "=", "ab=c", "@@@@"):
        with pytest.raises(harness.ProbeError):
            pbc_probe.request(f"dump {ALL_TYPES} {bad}")
