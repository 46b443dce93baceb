"""Golden fixtures: text-format messages (fixtures/*.txtpb) encoded by `protoc --encode`. The
Swift codecs decode protoc's bytes and re-encode the same bytes (map-free fixtures; map entry
order is not canonical), dump what Python protobuf reads from them, and `protoc --decode` reads
the Swift encoding as it reads its own."""

import subprocess

import pytest

import harness

FIXTURE_FILES = sorted(harness.FIXTURES.glob("*.txtpb"))


def header(path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1].strip()
    raise AssertionError(f"{path.name} has no '# {key}:' header line")


def protoc_run(protoc, mode: str, name: str, proto_file: str, data: bytes) -> bytes:
    proc = subprocess.run([protoc, f"--{mode}={name}", *harness.include_args(), proto_file],
                          input=data, capture_output=True, cwd=harness.REPO)
    assert proc.returncode == 0, f"protoc --{mode}={name} failed:\n{proc.stderr.decode()}"
    return proc.stdout


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_protoc_golden(swift_probe, pb_classes, compiled_protos, protoc, fixture):
    name = header(fixture, "proto-message")
    proto_file = header(fixture, "proto-file")
    assert name in pb_classes, f"{fixture.name}: no message {name} in the protos"
    assert compiled_protos.file_of(name) == proto_file, f"{fixture.name}: {name} is not declared in {proto_file}"
    cls = pb_classes[name]
    golden = protoc_run(protoc, "encode", name, proto_file, fixture.read_bytes())
    py = cls.FromString(golden)

    harness.assert_same(swift_probe.dump(name, golden), harness.normalize(py), f"{fixture.name}: Swift vs Python: ")
    out = swift_probe.roundtrip(name, golden)
    if harness.has_map_entries(py):
        assert cls.FromString(out) == py, f"{fixture.name}: Swift re-encoding reads differently"
    else:
        assert out == golden, f"{fixture.name}: Swift re-encoding differs from protoc\nprotoc: {golden.hex()}\nswift:  {out.hex()}"
    assert (protoc_run(protoc, "decode", name, proto_file, out).decode()
            == protoc_run(protoc, "decode", name, proto_file, golden).decode())


def test_fixture_inventory():
    """The fixtures the interop suite promises exist (a rename must not silently drop one)."""
    stems = {p.stem for p in FIXTURE_FILES}
    for stem in ["all_types_defaults", "all_types_extremes", "all_types_negative_int32", "all_types_unicode",
                 "all_types_nested", "all_types_oneof_string", "all_types_oneof_nested_set", "all_types_maps",
                 "send_email_request_content", "send_email_batch_request", "event"]:
        assert stem in stems, f"fixture {stem}.txtpb is missing"


def test_defaults_encode_to_nothing(protoc):
    fixture = harness.FIXTURES / "all_types_defaults.txtpb"
    assert protoc_run(protoc, "encode", "relay.test.AllTypes", "relay/test/all_types.proto", fixture.read_bytes()) == b""


def test_negative_int32_is_a_ten_byte_varint(swift_probe, protoc):
    data = protoc_run(protoc, "encode", "relay.test.AllTypes", "relay/test/all_types.proto", b"singular_int32: -1\n")
    assert data == b"\x08" + b"\xff" * 9 + b"\x01"
    assert swift_probe.roundtrip("relay.test.AllTypes", data) == data
    assert swift_probe.dump("relay.test.AllTypes", data) == {"singular_int32": -1}
    enum = protoc_run(protoc, "encode", "relay.test.AllTypes", "relay/test/all_types.proto",
                      b"singular_enum: TEST_ENUM_NEGATIVE\n")
    assert enum == b"\x80\x01" + b"\xff" * 9 + b"\x01"
    assert swift_probe.roundtrip("relay.test.AllTypes", enum) == enum
