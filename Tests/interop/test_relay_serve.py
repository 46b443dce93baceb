"""`relay serve` as the README runs it: creates and starts its embedded PostgreSQL cluster in the
data directory, migrates it, listens, answers health checks, describes the API contract through
reflection, stops cleanly on SIGTERM (stopping the cluster too), and reuses the cluster on the
next start. Also `relay migrate` run by two processes at once."""
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

ROOT = pathlib.Path(__file__).resolve().parents[2]
RELAY = os.environ.get("RELAY_BINARY", str(ROOT / ".build" / "debug" / "relay"))
MIGRATIONS = ROOT / "Sources" / "RelayStore" / "Migrations"


@pytest.fixture
def data_dir():
    """A data directory the postgres system user can reach (pytest's own tmp_path is private)."""
    if not os.access(RELAY, os.X_OK):
        pytest.fail(f"relay binary missing at {RELAY}: build it with `swift build --product relay`")
    path = pathlib.Path(tempfile.mkdtemp(prefix="relay-serve-"))
    path.chmod(0o755)
    yield path
    subprocess.run([RELAY, "db", "stop", "--data-dir", str(path)], capture_output=True, timeout=60)
    shutil.rmtree(path, ignore_errors=True)


def start_serve(data_dir: pathlib.Path):
    env = {k: v for k, v in os.environ.items() if k != "RELAY_DATABASE_URL"}
    proc = subprocess.Popen([RELAY, "serve", "--listen", "127.0.0.1:0", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.time() + 60
    lines = []
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        lines.append(line)
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if match:
            return proc, int(match.group(1)), "".join(lines)
    proc.kill()
    pytest.fail("relay serve did not report `listening on`: " + "".join(lines))


def cluster_running(data_dir: pathlib.Path) -> bool:
    """Whether a postgres server runs on the cluster under `data_dir` (from its postmaster.pid)."""
    pid_file = data_dir / "postgres" / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().split()[0])
    return pathlib.Path(f"/proc/{pid}").exists()


def stop(proc) -> str:
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    return proc.stdout.read()


def test_serve_runs_on_its_embedded_database_and_stops_on_sigterm(data_dir):
    proc, port, startup = start_serve(data_dir)
    try:
        assert "database: embedded PostgreSQL" in startup
        assert "schema migrated to version" in startup
        assert cluster_running(data_dir)
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
            assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
            # The first start of an empty database printed a FULL_ACCESS key; with it, a service
            # not built yet says so, and a built one checks the request.
            secret = re.search(r"^(rly_live_[0-9A-Za-z]{43})$", startup, re.M).group(1)
            with pytest.raises(grpc.RpcError) as error:
                channel.unary_unary("/relay.v1.TemplateService/ListTemplates")(
                    b"", metadata=[("authorization", f"Bearer {secret}")], timeout=5)
            assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
            with pytest.raises(grpc.RpcError) as error:
                channel.unary_unary("/relay.v1.SendService/SendEmail")(b"", metadata=[("authorization", f"Bearer {secret}")], timeout=5)
            assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        output = stop(proc)
        assert "embedded PostgreSQL stopped" in output and "stopped" in output
        assert not cluster_running(data_dir)
    finally:
        if proc.poll() is None:
            proc.kill()

    # The next start reuses the cluster and finds the schema current.
    proc, port, startup = start_serve(data_dir)
    try:
        assert "schema is at version" in startup, startup
        assert "rly_live_" not in startup, "a second start printed another key"
        stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_two_migrate_processes_at_once_end_with_one_schema(data_dir):
    started = subprocess.run([RELAY, "db", "start", "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    conninfo = started.stdout.strip()
    assert conninfo.startswith("host=")
    runs = [subprocess.Popen([RELAY, "migrate", "--database-url", conninfo], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    summaries = sorted(out.strip() for out, _ in outputs)
    versions = sorted(int(path.name[:4]) for path in MIGRATIONS.glob("*.sql"))
    latest, listed = versions[-1], ", ".join(map(str, versions))
    assert summaries == [f"schema version {latest}; applied: {listed}", f"schema version {latest}; applied: none"], summaries
    psql = shutil.which("psql") or "/usr/bin/psql"
    counted = subprocess.run([psql, conninfo, "-Atc",
                              "SELECT (SELECT count(*) FROM schema_migrations) || ' ' || "
                              "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public')"],
                             capture_output=True, text=True, timeout=30)
    assert counted.returncode == 0, counted.stderr
    migrations, tables = map(int, counted.stdout.split())
    assert migrations == len(versions) and tables >= 20
