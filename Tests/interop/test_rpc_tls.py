"""TLS: relay-test-server with a certificate (RELAY_TLS_CERT/RELAY_TLS_KEY) serves gRPC over TLS
with ALPN h2 to the Python grpcio client; a cleartext client and a client that does not trust the
certificate are refused, and the server keeps serving."""
import os
import pathlib
import re
import ssl
import socket
import subprocess
import warnings

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVER = os.environ.get("RELAY_TEST_SERVER", str(ROOT / ".build" / "debug" / "relay-test-server"))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    if not os.access(SERVER, os.X_OK):
        pytest.fail(f"relay-test-server missing at {SERVER}: run `swift build`")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    proc = subprocess.Popen([SERVER, "0"], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "RELAY_TLS_CERT": str(cert), "RELAY_TLS_KEY": str(key)})
    line = proc.stdout.readline()
    match = re.search(r":(\d+)", line)
    if not match:
        proc.kill()
        pytest.fail(f"relay-test-server did not start with TLS: {line!r}")
    yield int(match.group(1)), cert.read_bytes()
    proc.kill()
    proc.wait()


def health_check(channel):
    return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status


def test_grpcio_over_tls_with_alpn_h2(tls_server):
    port, cert = tls_server
    creds = grpc.ssl_channel_credentials(root_certificates=cert)
    with grpc.secure_channel(f"localhost:{port}", creds) as channel:
        assert health_check(channel) == health_pb2.HealthCheckResponse.SERVING
        # Many calls on the one TLS connection.
        for _ in range(50):
            assert health_check(channel) == health_pb2.HealthCheckResponse.SERVING


def test_alpn_and_minimum_version(tls_server):
    port, cert = tls_server
    context = ssl.create_default_context(cadata=cert.decode())
    context.set_alpn_protocols(["h2"])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.selected_alpn_protocol() == "h2"
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.load_verify_locations(cadata=cert.decode())
    with warnings.catch_warnings():  # TLS 1.1 is deprecated: that is the point
        warnings.simplefilter("ignore", DeprecationWarning)
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        old.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with pytest.raises(ssl.SSLError):
            old.wrap_socket(raw, server_hostname="localhost")


def test_cleartext_and_untrusting_clients_fail_and_the_server_goes_on(tls_server):
    port, cert = tls_server
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        with pytest.raises(grpc.RpcError):
            health_check(channel)
    with grpc.secure_channel(f"localhost:{port}", grpc.ssl_channel_credentials()) as channel:
        with pytest.raises(grpc.RpcError) as error:
            health_check(channel)
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE
    creds = grpc.ssl_channel_credentials(root_certificates=cert)
    with grpc.secure_channel(f"localhost:{port}", creds) as channel:
        assert health_check(channel) == health_pb2.HealthCheckResponse.SERVING
