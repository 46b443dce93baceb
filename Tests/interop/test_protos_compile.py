"""The protos compile without a word from protoc and from grpc_tools.protoc, and the committed
descriptor set (served by server reflection) is the one the protos produce today."""

import subprocess
import sys

import harness

DESCRIPTOR_SET = harness.REPO / "Sources" / "RelayAPI" / "Resources" / "relay.binpb"


def test_protoc_compiles_cleanly(protoc):
    files = harness.all_proto_files()
    assert any(f.startswith("relay/v1/") for f in files) and "relay/test/all_types.proto" in files
    proc = subprocess.run([protoc, *harness.include_args(), "-o", "/dev/null", *files],
                          capture_output=True, text=True, cwd=harness.REPO)
    assert proc.returncode == 0, f"protoc failed:\n{proc.stderr}"
    assert proc.stdout + proc.stderr == "", f"protoc printed warnings:\n{proc.stdout}{proc.stderr}"


def test_grpc_tools_protoc_compiles_cleanly(compiled_protos):
    assert compiled_protos.output == "", f"grpc_tools.protoc printed warnings:\n{compiled_protos.output}"
    generated = sorted(p.relative_to(compiled_protos.out_dir).as_posix()
                       for p in compiled_protos.out_dir.rglob("*_pb2.py"))
    expected = sorted(f[: -len(".proto")] + "_pb2.py" for f in harness.all_proto_files())
    assert generated == expected


def test_generated_python_modules_import(compiled_protos):
    """The generated modules load in a fresh interpreter (kept out of this process, whose
    default descriptor pool may already hold same-named types of installed packages)."""
    files = [f for f in harness.all_proto_files() if f.startswith(("relay/", "google/rpc/"))]
    modules = [f[: -len(".proto")].replace("/", ".") + "_pb2" for f in files]
    code = ("import importlib, sys\n"
            f"sys.path.insert(0, {str(compiled_protos.out_dir)!r})\n"
            f"for m in {modules!r}: importlib.import_module(m)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_committed_descriptor_set_is_fresh(protoc, tmp_path):
    fresh = tmp_path / "relay.binpb"
    proc = subprocess.run(["bash", str(harness.REPO / "scripts" / "gen-descriptors.sh"), str(fresh)],
                          capture_output=True, text=True, cwd=harness.REPO)
    assert proc.returncode == 0, f"scripts/gen-descriptors.sh failed:\n{proc.stderr}"
    assert DESCRIPTOR_SET.is_file(), f"{DESCRIPTOR_SET} is missing: run scripts/gen-descriptors.sh"
    same = DESCRIPTOR_SET.read_bytes() == fresh.read_bytes()
    assert same, (
        f"{DESCRIPTOR_SET.relative_to(harness.REPO)} is stale (it differs from what the protos in "
        "Protos/ produce now): run scripts/gen-descriptors.sh and commit the result")
