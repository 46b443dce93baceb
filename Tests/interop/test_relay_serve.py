"""`relay serve` as the README runs it: listens, answers health checks, describes the API contract
through reflection, and stops cleanly on SIGTERM."""
import os
import pathlib
import re
import signal
import subprocess
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

ROOT = pathlib.Path(__file__).resolve().parents[2]
RELAY = os.environ.get("RELAY_BINARY", str(ROOT / ".build" / "debug" / "relay"))


@pytest.fixture
def relay(tmp_path):
    if not os.access(RELAY, os.X_OK):
        pytest.fail(f"relay binary missing at {RELAY}: build it with `swift build --product relay`")
    proc = subprocess.Popen([RELAY, "serve", "--listen", "127.0.0.1:0", "--data-dir", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 20
    port = None
    lines = []
    while time.time() < deadline and port is None:
        line = proc.stdout.readline()
        lines.append(line)
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if match:
            port = int(match.group(1))
    if port is None:
        proc.kill()
        pytest.fail("relay serve did not report `listening on`: " + "".join(lines))
    yield proc, port
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_serve_answers_health_and_reflection_then_stops_on_sigterm(relay):
    proc, port = relay
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        assert health.Check(health_pb2.HealthCheckRequest(), timeout=5).status == health_pb2.HealthCheckResponse.SERVING
        db = ProtoReflectionDescriptorDatabase(channel)
        assert "grpc.health.v1.Health" in db.get_services()
        send = db.FindFileContainingSymbol("relay.v1.SendService")
        assert send.name == "relay/v1/send_service.proto"
        assert [m.name for m in send.service[0].method] == ["SendEmail", "SendEmailBatch"]
        with pytest.raises(grpc.RpcError) as error:
            channel.unary_unary("/relay.v1.SendService/SendEmail")(b"", timeout=5)
        assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    assert "stopped" in proc.stdout.read()
