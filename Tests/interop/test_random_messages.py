"""Random messages encoded by Python protobuf, decoded, dumped and re-encoded by the Swift codecs.

For every message type and SEEDS seeds: the Swift dump equals the normalized Python message; the
Swift re-encoding parses in Python to the same message; and it is byte-identical to Python's
deterministic encoding (for maps, whose entry order is not canonical, after the maps are cleared).
"""

import random

import pytest

import harness

SEEDS = 20


def check_message(probe, cls, msg, context: str) -> None:
    name = cls.DESCRIPTOR.full_name
    data = msg.SerializeToString(deterministic=True)
    harness.assert_same(probe.dump(name, data), harness.normalize(msg), f"{context}: Swift dump vs Python: ")
    out = probe.roundtrip(name, data)
    parsed = cls.FromString(out)
    assert parsed == msg, f"{context}: Swift's re-encoding parses in Python to a different message"
    if harness.has_map_entries(msg):
        bare = cls()
        bare.CopyFrom(msg)
        harness.clear_maps(bare)
        data = bare.SerializeToString(deterministic=True)
        context += " (maps cleared)"
        out = probe.roundtrip(name, data)
    assert out == data, (f"{context}: Swift's encoding differs from Python's\n"
                         f"python: {data.hex()}\nswift:  {out.hex()}")


def test_random_messages(swift_probe, pb_classes, message_name):
    cls = pb_classes[message_name]
    assert swift_probe.roundtrip(message_name, b"") == b""
    assert swift_probe.dump(message_name, b"") == {}
    for seed in range(SEEDS):
        msg = harness.random_message(cls, random.Random(f"{message_name}/{seed}"), variant=seed)
        check_message(swift_probe, cls, msg, f"{message_name} seed {seed}")


@pytest.mark.parametrize("depth", [1, 2, 5, 20])
def test_deep_nesting(swift_probe, pb_classes, depth):
    cls = pb_classes["relay.test.AllTypes"]
    msg = cls()
    node = msg
    for level in range(depth):
        node.singular_int32 = -level - 1
        node.repeated_string.append(f"level {level} ✓")
        node = node.child
    node.SetInParent()
    check_message(swift_probe, cls, msg, f"AllTypes nested {depth} deep")


def test_every_oneof_member_at_default(swift_probe, pb_classes):
    cls = pb_classes["relay.test.AllTypes"]
    for field in cls.DESCRIPTOR.oneofs_by_name["choice"].fields:
        msg = cls()
        if field.type == field.TYPE_MESSAGE:
            getattr(msg, field.name).SetInParent()
        else:
            setattr(msg, field.name, harness._default_of(field))
        assert msg.HasField(field.name)
        check_message(swift_probe, cls, msg, f"oneof member {field.name} at its default")


def test_special_floats(swift_probe, pb_classes):
    cls = pb_classes["relay.test.AllTypes"]
    name = "relay.test.AllTypes"
    nan_double = bytes.fromhex("010000000000f87f")  # a quiet NaN with a payload
    nan_float = bytes.fromhex("0100c07f")
    data = (harness.tag(11, 5) + nan_float + harness.tag(12, 1) + nan_double
            + harness.tag(31, 5) + bytes.fromhex("00000080")  # optional_float -0.0
            + harness.tag(32, 1) + bytes.fromhex("0000000000000080"))  # optional_double -0.0
    assert swift_probe.roundtrip(name, data) == data
    dump = swift_probe.dump(name, data)
    harness.assert_same(dump, harness.normalize(cls.FromString(data)), "NaN and -0.0: ")
    minus_zero = harness.tag(12, 1) + bytes.fromhex("0000000000000080")  # plain double -0.0 is not the default
    assert swift_probe.roundtrip(name, minus_zero) == minus_zero
    assert swift_probe.roundtrip(name, harness.tag(12, 1) + bytes(8)) == b""  # +0.0 is
