"""Malformed input must be refused with `ERR` (never a crash), and the probe keeps answering.

Where Python protobuf also refuses the bytes, that is checked too, so every vector here is
malformed by more than our own reading; wrong wire types are the exception (upb keeps a field
whose wire type does not match as an unknown field, our codecs refuse it, as docs/CODECS.md says).
"""

import random

import pytest
from google.protobuf.message import DecodeError

import harness
from harness import length_delimited as ld, tag, varint

NAME = "relay.test.AllTypes"


def nested(depth: int) -> bytes:
    """`depth` levels of AllTypes.child, the innermost empty."""
    data = b""
    for _ in range(depth):
        data = ld(18, data)
    return data


def groups(depth: int) -> bytes:
    """`depth` nested unknown groups."""
    data = b""
    for _ in range(depth):
        data = tag(999, 3) + data + tag(999, 4)
    return data


# (id, bytes, whether Python protobuf refuses them too)
MALFORMED = [
    ("truncated-varint-value", tag(1, 0) + b"\x80", True),
    ("truncated-varint-tag", b"\x80", True),
    ("truncated-varint-in-nested", ld(17, tag(1, 0) + b"\xff"), True),
    ("varint-over-10-bytes", tag(1, 0) + b"\xff" * 10 + b"\x01", True),
    ("truncated-fixed32", tag(7, 5) + b"\x01\x02", True),
    ("truncated-fixed64", tag(8, 1) + b"\x01\x02\x03\x04", True),
    ("truncated-packed-fixed32", ld(47, b"\x01\x02\x03"), True),
    ("truncated-packed-varint", ld(41, b"\x01\x80"), True),
    ("string-length-past-end", tag(14, 2) + varint(5) + b"ab", True),
    ("bytes-length-past-end", tag(15, 2) + varint(2**31) + b"ab", True),
    ("message-length-past-end", tag(17, 2) + varint(3) + b"\x08", True),
    ("packed-length-past-end", tag(41, 2) + varint(9) + b"\x01\x02", True),
    ("nested-length-past-parent", ld(17, tag(2, 2) + varint(10) + b"xyz"), True),
    ("map-entry-length-past-end", tag(71, 2) + varint(20) + b"\x0a\x01a", True),
    ("invalid-utf8-byte", ld(14, b"ok \xff"), True),
    ("invalid-utf8-surrogate", ld(14, b"\xed\xa0\x80"), True),
    ("invalid-utf8-overlong", ld(14, b"\xc0\x80"), True),
    ("invalid-utf8-truncated", ld(14, b"\xe2\x82"), True),
    ("invalid-utf8-above-max", ld(14, b"\xf4\x90\x80\x80"), True),
    ("invalid-utf8-optional", ld(34, b"\xff"), True),
    ("invalid-utf8-repeated", ld(54, b"fine") + ld(54, b"\x80"), True),
    ("invalid-utf8-oneof", ld(112, b"\xfe"), True),
    ("invalid-utf8-nested", ld(17, ld(2, b"\xff")), True),
    ("invalid-utf8-map-key", ld(71, ld(1, b"\xff") + ld(2, b"v")), True),
    ("invalid-utf8-map-value", ld(77, tag(1, 0) + varint(1) + ld(2, b"\xff")), True),
    ("field-number-0-varint", b"\x00\x01", True),
    ("field-number-0-len", b"\x02\x00", True),
    ("field-number-above-max", tag(2**29, 0) + b"\x01", True),
    ("wire-type-6", b"\x0e", True),
    ("wire-type-7", b"\x0f\x00", True),
    ("end-group-without-start", tag(5, 4), True),
    ("unterminated-group", tag(999, 3) + tag(1, 0) + b"\x01", True),
    ("mismatched-end-group", tag(999, 3) + tag(998, 4), True),
    ("nesting-depth-101", nested(101), True),
    ("group-nesting-depth-101", groups(101), True),
    ("wrong-wire-type-int32-as-len", ld(1, b"\x01"), False),
    ("wrong-wire-type-string-as-varint", tag(14, 0) + b"\x01", False),
    ("wrong-wire-type-message-as-varint", tag(17, 0) + b"\x01", False),
    ("wrong-wire-type-fixed32-as-fixed64", tag(7, 1) + bytes(8), False),
    ("wrong-wire-type-double-as-fixed32", tag(12, 5) + bytes(4), False),
    ("wrong-wire-type-packed-as-fixed32", tag(41, 5) + bytes(4), False),
    ("wrong-wire-type-oneof-as-fixed64", tag(111, 1) + bytes(8), False),
    ("wrong-wire-type-map-as-varint", tag(71, 0) + b"\x01", False),
    ("wrong-wire-type-in-map-entry", ld(72, tag(1, 2) + varint(0)), False),
    ("wrong-wire-type-in-nested", ld(17, tag(1, 5) + bytes(4)), False),
]


def assert_still_answers(probe) -> None:
    assert probe.alive, "the probe died"
    assert NAME in probe.names()
    assert probe.roundtrip(NAME, tag(1, 0) + b"\x2a") == tag(1, 0) + b"\x2a"


@pytest.mark.parametrize("data,python_refuses", [pytest.param(d, p, id=i) for i, d, p in MALFORMED])
def test_malformed_is_refused(swift_probe, pb_classes, data, python_refuses):
    if python_refuses:
        with pytest.raises(DecodeError):
            pb_classes[NAME].FromString(data)
    for op in (swift_probe.roundtrip, swift_probe.dump):
        with pytest.raises(harness.ProbeError):
            op(NAME, data)
    assert_still_answers(swift_probe)


@pytest.mark.parametrize("depth", [99, 100])
def test_nesting_up_to_the_limit_is_accepted(swift_probe, pb_classes, depth):
    for data in (nested(depth), groups(depth)):
        assert swift_probe.roundtrip(NAME, data) == data
        assert pb_classes[NAME].FromString(data).SerializeToString() == data


@pytest.mark.parametrize("request_line", [
    "", "frobnicate", "list extra", "roundtrip", f"roundtrip {NAME}", f"dump {NAME} CAE= extra",
    "roundtrip no.such.Message CAE=", f"roundtrip {NAME} not*base64", f"dump {NAME} CAE",
    f"dump {NAME} ====", f"roundtrip {NAME} CA=E",
])
def test_bad_requests_are_refused(swift_probe, request_line):
    with pytest.raises(harness.ProbeError):
        swift_probe.request(request_line)
    assert_still_answers(swift_probe)


def test_strings_of_every_message_refuse_invalid_utf8(swift_probe, pb_classes, message_name):
    """Each top-level `string` field (plain, optional, repeated or oneof member) validates UTF-8:
    a codec that reads one as bytes is caught here."""
    cls = pb_classes[message_name]
    fields = [f for f in cls.DESCRIPTOR.fields if f.type == f.TYPE_STRING]
    for field in fields:
        data = ld(field.number, b"bad \xc3\x28 utf-8")
        with pytest.raises(DecodeError):
            cls.FromString(data)
        with pytest.raises(harness.ProbeError):
            swift_probe.roundtrip(message_name, data)
    assert_still_answers(swift_probe)


def test_truncations_agree_with_python(swift_probe, pb_classes, message_name):
    """A valid encoding cut short: Swift refuses it exactly when Python does, and when both
    accept the prefix they read the same message."""
    cls = pb_classes[message_name]
    rng = random.Random(f"{message_name}/truncate")
    data = harness.random_message(cls, rng, variant=1).SerializeToString(deterministic=True)
    cuts = sorted({rng.randrange(len(data)) for _ in range(12)}) if data else []
    for cut in cuts:
        prefix = data[:cut]
        try:
            expected = harness.normalize(cls.FromString(prefix))
        except DecodeError:
            expected = None
        if expected is None:
            with pytest.raises(harness.ProbeError):
                swift_probe.dump(message_name, prefix)
        else:
            harness.assert_same(swift_probe.dump(message_name, prefix), expected, f"cut at {cut}: ")
    assert_still_answers(swift_probe)
