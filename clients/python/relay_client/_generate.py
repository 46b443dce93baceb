"""Generates the Python protobuf and gRPC modules of Relay's API from the repository's Protos/.

Run `python3 -m relay_client._generate` from clients/python (the tests and the README do); the
output goes to relay_client/generated/, which git ignores.
"""
from __future__ import annotations

import pathlib
import sys

from grpc_tools import protoc
import grpc_tools

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
PROTOS = REPO / "Protos"
OUT = HERE / "generated"


def generate(out: pathlib.Path = OUT) -> pathlib.Path:
    """Compiles every .proto under Protos/ into `out`; returns `out`."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    if not files:
        raise RuntimeError(f"no .proto files under {PROTOS}")
    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    args = ["grpc_tools.protoc", f"-I{PROTOS}", f"-I{well_known}",
            f"--python_out={out}", f"--pyi_out={out}", f"--grpc_python_out={out}", *files]
    if protoc.main(args) != 0:
        raise RuntimeError("grpc_tools.protoc failed: " + " ".join(args))
    return out


if __name__ == "__main__":
    print(generate(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
