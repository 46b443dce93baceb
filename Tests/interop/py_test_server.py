"""A Python grpcio server for relay.test.TestService, the peer our Swift client is tested against
(Tests/RelayRPCTests/Live/PythonPeerTests.swift). Same behaviour as Sources/RelayTestSupport's
TestService. Prints `listening on 127.0.0.1:PORT` once it serves; runs until killed.

With `--tls` it serves TLS (grpc.ssl_server_credentials, ALPN h2) with a throwaway self-signed
certificate for localhost and 127.0.0.1, and prints `listening on 127.0.0.1:PORT tls-cert=PATH`,
PATH being the certificate (PEM) a client must trust."""
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc
from grpc_tools import protoc
import grpc_tools

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(tempfile.mkdtemp(prefix="relay-py-peer-"))
WELL_KNOWN = pathlib.Path(grpc_tools.__file__).parent / "_proto"
for include, files in [
    (ROOT / "Tests/interop/protos", ["relay/test/test_service.proto"]),
    (ROOT / "Protos", ["google/rpc/status.proto", "google/rpc/error_details.proto"]),
]:
    args = ["protoc", f"-I{include}", f"-I{WELL_KNOWN}", f"--python_out={OUT}", f"--grpc_python_out={OUT}", *files]
    if protoc.main(args) != 0:
        sys.exit("protoc failed")
sys.path.insert(0, str(OUT))

from relay.test import test_service_pb2 as pb, test_service_pb2_grpc as pb_grpc  # noqa: E402
from google.rpc import status_pb2, error_details_pb2  # noqa: E402


class TestService(pb_grpc.TestServiceServicer):
    def _prepare(self, request, context):
        trailing = []
        if request.echo_metadata:
            pairs = [(k, v) for k, v in context.invocation_metadata() if k.startswith("x-")]
            context.send_initial_metadata([("echo-" + k, v) for k, v in pairs])
            trailing += [("trailer-" + k, v) for k, v in pairs]
            context.set_trailing_metadata(trailing)
        if request.delay_ms:
            time.sleep(request.delay_ms / 1000)
        if request.status_code:
            if request.details:
                status = status_pb2.Status(code=request.status_code, message=request.status_message)
                info = error_details_pb2.ErrorInfo(reason="TEST_REASON", domain="test.relay", metadata={"key": "value"})
                status.details.add().Pack(info)
                trailing.append(("grpc-status-details-bin", status.SerializeToString()))
            if trailing:
                context.set_trailing_metadata(trailing)
            context.abort(grpc.StatusCode(_code(request.status_code)), request.status_message)

    def _response(self, request, index, context):
        payload = b"\x5a" * request.payload_size if request.payload_size else request.payload
        response = pb.EchoResponse(text=request.text, payload=payload, index=index)
        if request.echo_metadata:
            for k, v in context.invocation_metadata():
                response.metadata[k] = v if isinstance(v, str) else v.hex()
        return response

    def Unary(self, request, context):
        self._prepare(request, context)
        return self._response(request, 0, context)

    def ServerStream(self, request, context):
        self._prepare(request, context)
        for i in range(request.repeat):
            yield self._response(request, i, context)

    def ClientStream(self, request_iterator, context):
        texts, last = [], pb.EchoRequest()
        for request in request_iterator:
            self._prepare(request, context)
            texts.append(request.text)
            last = request
        response = self._response(last, len(texts), context)
        response.text = ",".join(texts)
        return response

    def Bidi(self, request_iterator, context):
        for i, request in enumerate(request_iterator):
            self._prepare(request, context)
            yield self._response(request, i, context)


def _code(number):
    for code in grpc.StatusCode:
        if code.value[0] == number:
            return code.value
    return grpc.StatusCode.UNKNOWN.value


def _certificate():
    """A self-signed certificate for localhost and 127.0.0.1: (cert.pem, key.pem) in OUT."""
    cert, key = OUT / "cert.pem", OUT / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _exit_with_parent():
    """Exits once the process that started us is gone (a test run killed before it could stop us)."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main():
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    tls = "--tls" in sys.argv[1:]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=[
        ("grpc.max_receive_message_length", 8 << 20), ("grpc.max_send_message_length", 8 << 20)])
    pb_grpc.add_TestServiceServicer_to_server(TestService(), server)
    if tls:
        cert, key = _certificate()
        credentials = grpc.ssl_server_credentials([(key.read_bytes(), cert.read_bytes())])
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening on 127.0.0.1:{port}" + (f" tls-cert={cert}" if tls else ""), flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
