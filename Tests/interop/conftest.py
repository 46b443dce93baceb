"""Fixtures of the codec interop tests (see README.md). Nothing here skips: a missing protoc,
grpc_tools or probe binary fails the tests that need it, with the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import harness


def _compiled_or_fail() -> harness.CompiledProtos:
    try:
        return harness.compile_protos()
    except RuntimeError as e:
        pytest.fail(f"compiling the protos failed: {e}", pytrace=False)


@pytest.fixture(scope="session")
def compiled_protos() -> harness.CompiledProtos:
    return _compiled_or_fail()


@pytest.fixture(scope="session")
def pb_classes(compiled_protos) -> dict[str, type]:
    """Full name → Python class of every message of Protos/, the test protos and their imports."""
    return dict(compiled_protos.classes)


@pytest.fixture(scope="session")
def protoc() -> str:
    try:
        return harness.find_protoc()
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def swift_probe():
    """The Swift codec probe (env RELAY_CODEC_PROBE, default .build/debug/relay-codec-probe)."""
    cmd = harness.probe_command()
    exe = Path(cmd[0])
    if not os.environ.get("RELAY_CODEC_PROBE") and not exe.is_file():
        pytest.fail(f"the Swift probe {exe} does not exist: build it with "
                    "`swift build --product relay-codec-probe` (or set RELAY_CODEC_PROBE)", pytrace=False)
    try:
        probe = harness.ProbeClient(cmd)
        probe.names()
    except (harness.ProbeCrash, harness.ProbeError) as e:
        pytest.fail(f"the Swift probe {cmd} does not work: {e}", pytrace=False)
    yield probe
    probe.close()


def _has_submessage_field(cls) -> bool:
    return any(f.type == f.TYPE_MESSAGE and not harness.is_map(f) and harness.real_oneof(f) is None
               for f in cls.DESCRIPTOR.fields)


def pytest_generate_tests(metafunc):
    """`message_name` runs a test once per message of the compiled protos (map entries
    excluded); `outer_message_name` once per message with a (non-map, non-oneof) message field."""
    for param, keep in (("message_name", lambda cls: True), ("outer_message_name", _has_submessage_field)):
        if param in metafunc.fixturenames:
            try:
                classes = harness.compile_protos().classes
                names = sorted(name for name, cls in classes.items() if keep(cls))
            except RuntimeError:
                names = ["<protos do not compile>"]  # the test then fails in the pb_classes fixture
            metafunc.parametrize(param, names)
