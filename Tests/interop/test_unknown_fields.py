"""Fields a message does not declare survive a Swift decode and re-encode unchanged, in the order
read, at the top level and inside a nested message, and show in the dump as `__unknown__`."""

import random

import harness

SEEDS = 3


def unknown_fields(numbers: list[int], rng: random.Random) -> list[bytes]:
    """One field of each wire type (varint, fixed64, length-delimited, group, fixed32) spread
    over `numbers`."""
    a, b, c = (numbers * 3)[:3]
    group = harness.tag(c, 3) + harness.tag(1, 0) + harness.varint(5) + harness.length_delimited(2, b"in group") + harness.tag(c, 4)
    return [
        harness.tag(a, 0) + harness.varint(rng.choice([0, 1, 2**63, 2**64 - 1])),
        harness.tag(b, 1) + rng.randbytes(8),
        harness.length_delimited(a, "unknown ✓ 😀".encode()),
        group,
        harness.tag(b, 5) + rng.randbytes(4),
        harness.length_delimited(c, b""),
    ]


def check_preserved(probe, cls, data: bytes, context: str) -> None:
    name = cls.DESCRIPTOR.full_name
    py = cls.FromString(data)
    out = probe.roundtrip(name, data)
    if harness.has_map_entries(py):
        again = cls.FromString(out)
        assert again == py, f"{context}: the Swift re-encoding parses to a different message"
        assert harness.unknown_bytes(again) == harness.unknown_bytes(py), f"{context}: unknown fields changed"
    else:
        expected = py.SerializeToString(deterministic=True)
        assert out == expected, (f"{context}: Swift's re-encoding differs from Python's\n"
                                 f"python: {expected.hex()}\nswift:  {out.hex()}")
    harness.assert_same(probe.dump(name, data), harness.normalize(py), f"{context}: ")


def test_unknown_fields_survive(swift_probe, pb_classes, message_name):
    cls = pb_classes[message_name]
    numbers = harness.unused_field_numbers(cls.DESCRIPTOR)
    assert numbers, f"{message_name} declares every candidate field number"
    for seed in range(SEEDS):
        rng = random.Random(f"{message_name}/unknown/{seed}")
        msg = harness.random_message(cls, rng, variant=seed)
        extra = unknown_fields(numbers, rng)
        # Unknown fields before, between (after the known ones) and after: Python and Swift both
        # write the known fields first, then the unknown ones in the order read.
        data = extra[0] + msg.SerializeToString(deterministic=True) + b"".join(extra[1:])
        check_preserved(swift_probe, cls, data, f"{message_name} seed {seed}")
        assert harness.unknown_bytes(cls.FromString(data)) == b"".join(extra)


def test_unknown_fields_in_nested_messages(swift_probe, pb_classes, outer_message_name):
    message_name = outer_message_name
    cls = pb_classes[message_name]
    rng = random.Random(f"{message_name}/nested-unknown")
    msg = harness.random_message(cls, rng, variant=0)
    touched = 0
    for field in cls.DESCRIPTOR.fields:
        if field.type != field.TYPE_MESSAGE or harness.is_map(field) or harness.real_oneof(field):
            continue
        sub = getattr(msg, field.name)
        items = list(sub) if harness.is_repeated(field) else [sub]
        for item in items:
            numbers = harness.unused_field_numbers(item.DESCRIPTOR)
            item.MergeFromString(b"".join(unknown_fields(numbers, rng)))
            touched += 1
    assert touched > 0
    check_preserved(swift_probe, cls, msg.SerializeToString(deterministic=True), f"{message_name} nested")
