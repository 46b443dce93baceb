"""Unusual but valid wire input: the Swift codecs read it as Python protobuf does (same dump) and
re-encode it canonically (same bytes as Python's re-encoding, or the same message for maps)."""

import pytest

import harness
from harness import length_delimited as ld, tag, varint

NAME = "relay.test.AllTypes"

CASES = [
    ("non-canonical-varint", tag(1, 0) + b"\x81\x80\x80\x00"),
    ("ten-byte-varint-high-bits-ignored", tag(4, 0) + b"\xff" * 9 + b"\x7f"),
    ("int32-from-64-bit-varint", tag(1, 0) + varint(2**40 + 5)),
    ("uint32-from-64-bit-varint", tag(3, 0) + varint(2**33 + 7)),
    ("sint32-from-64-bit-varint", tag(5, 0) + varint(2**35 + 3)),
    ("bool-from-large-varint", tag(13, 0) + varint(2**40)),
    ("enum-unknown-value", tag(16, 0) + varint(12345)),
    ("enum-negative-unknown", tag(16, 0) + varint(-12345)),
    ("plain-field-at-default-on-wire", tag(1, 0) + b"\x00" + ld(14, b"")),
    ("duplicate-scalar-last-wins", tag(1, 0) + b"\x01" + tag(1, 0) + b"\x02"),
    ("duplicate-message-merges", ld(17, tag(1, 0) + b"\x05") + ld(17, ld(2, b"x") + tag(1, 0) + b"\x07")),
    ("repeated-nested-in-message-merge", ld(17, ld(3, b"\x02")) + ld(17, ld(3, b"\x04"))),
    ("packed-sent-unpacked", tag(41, 0) + b"\x01" + tag(41, 0) + b"\x7f"),
    ("unpacked-sent-packed", ld(61, b"\x01\x02\x03")),
    ("packed-and-unpacked-mixed", ld(47, bytes(4)) + tag(47, 5) + b"\x01\x00\x00\x00" + ld(47, b"")),
    ("empty-packed-run", ld(42, b"")),
    ("oneof-last-member-wins", ld(112, b"first") + tag(111, 0) + b"\x09"),
    ("oneof-message-member-merges", ld(114, tag(1, 0) + b"\x01") + ld(114, ld(2, b"b"))),
    ("oneof-message-then-scalar", ld(114, tag(1, 0) + b"\x01") + tag(117, 0) + b"\x00"),
    ("fields-out-of-order", ld(14, b"s") + tag(1, 0) + b"\x02" + tag(12, 1) + bytes(7) + b"\x40"),
    ("optional-at-default", tag(21, 0) + b"\x00" + ld(34, b"") + tag(33, 0) + b"\x00"),
    ("empty-nested-message", ld(17, b"") + ld(18, b"")),
    ("map-entry-missing-key", ld(72, tag(2, 0) + b"\x05")),
    ("map-entry-missing-value", ld(71, ld(1, b"k"))),
    ("map-entry-empty", ld(74, b"")),
    ("map-entry-value-before-key", ld(77, ld(2, b"v") + tag(1, 0) + b"\x03")),
    ("map-duplicate-key-last-wins", ld(71, ld(1, b"k") + ld(2, b"1")) + ld(71, ld(1, b"k") + ld(2, b"2"))),
    ("map-entry-repeated-key-field", ld(71, ld(1, b"a") + ld(1, b"b") + ld(2, b"v"))),
    ("max-field-number", tag(536870911, 0) + varint(-1 & 0xFFFFFFFF)),
    ("negative-int32-ten-bytes", tag(1, 0) + varint(-1)),
]


@pytest.mark.parametrize("data", [pytest.param(d, id=i) for i, d in CASES])
def test_read_like_python(swift_probe, pb_classes, data):
    cls = pb_classes[NAME]
    py = cls.FromString(data)
    harness.assert_same(swift_probe.dump(NAME, data), harness.normalize(py))
    out = swift_probe.roundtrip(NAME, data)
    if harness.has_map_entries(py):
        assert cls.FromString(out) == py
    else:
        assert out == py.SerializeToString(deterministic=True)


def test_map_entry_with_an_unknown_field(swift_probe):
    """Implementations differ here: upb keeps the whole entry as an unknown field of the parent,
    C++ keeps the entry with its unknown field. Ours keeps the entry and drops what the entry
    does not declare (map entries have no unknown-field storage)."""
    data = ld(72, tag(1, 0) + b"\x01" + tag(9, 0) + b"\x01" + tag(2, 0) + b"\x02")
    assert swift_probe.dump(NAME, data) == {"map_int32_int32": {"1": 2}}
    assert swift_probe.roundtrip(NAME, data) == ld(72, tag(1, 0) + b"\x01" + tag(2, 0) + b"\x02")
