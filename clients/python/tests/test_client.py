"""Tests of the Python client: generation from Protos/, stubs for every service, and the API key
sent on every call to a real gRPC server."""
from concurrent import futures
import pathlib
import tempfile

import grpc
import pytest

import relay_client
from relay_client import _generate

PROTOS = pathlib.Path(__file__).resolve().parents[3] / "Protos"


def test_generation_compiles_every_proto():
    with tempfile.TemporaryDirectory() as tmp:
        out = _generate.generate(pathlib.Path(tmp))
        for proto in PROTOS.rglob("*.proto"):
            rel = proto.relative_to(PROTOS).with_suffix("")
            assert (out / f"{rel}_pb2.py").is_file(), f"{rel}_pb2.py was not generated"


def test_every_relay_service_has_a_stub_with_its_methods():
    relay_client._ensure_generated()
    for attribute, (module_name, stub_name) in relay_client.SERVICES.items():
        pb2 = relay_client.module(module_name.replace("_pb2_grpc", "_pb2"))
        service_name = stub_name.removesuffix("Stub")
        service = pb2.DESCRIPTOR.services_by_name[service_name]
        stub_class = getattr(relay_client.module(module_name), stub_name)
        stub = stub_class(grpc.insecure_channel("localhost:1"))
        for method in service.methods:
            assert hasattr(stub, method.name), f"{service.full_name}.{method.name} has no stub method"
    declared = {
        s.full_name
        for p in PROTOS.joinpath("relay", "v1").glob("*_service.proto")
        for s in relay_client.module(f"relay.v1.{p.stem}_pb2").DESCRIPTOR.services_by_name.values()
    }
    covered = {f"relay.v1.{stub.removesuffix('Stub')}" for _, stub in relay_client.SERVICES.values()}
    assert declared == covered


@pytest.fixture
def recording_send_server():
    send_pb2 = relay_client.module("relay.v1.send_service_pb2")
    seen = []

    def send_email(request, context):
        seen.append((dict(context.invocation_metadata()), request))
        return send_pb2.SendEmailResponse(message_id="msg_test")

    handler = grpc.method_handlers_generic_handler("relay.v1.SendService", {
        "SendEmail": grpc.unary_unary_rpc_method_handler(
            send_email,
            request_deserializer=send_pb2.SendEmailRequest.FromString,
            response_serializer=send_pb2.SendEmailResponse.SerializeToString),
    })
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}", seen
    server.stop(None)


def test_client_sends_the_api_key_as_bearer_metadata(recording_send_server):
    target, seen = recording_send_server
    send_pb2 = relay_client.module("relay.v1.send_service_pb2")
    with relay_client.RelayClient(target, api_key="rly_test_secret") as client:
        reply = client.send.SendEmail(send_pb2.SendEmailRequest(subject="hello"), timeout=5)
    assert reply.message_id == "msg_test"
    metadata, request = seen[0]
    assert metadata["authorization"] == "Bearer rly_test_secret"
    assert request.subject == "hello"


def test_client_without_key_sends_no_authorization(recording_send_server):
    target, seen = recording_send_server
    send_pb2 = relay_client.module("relay.v1.send_service_pb2")
    with relay_client.RelayClient(target) as client:
        client.send.SendEmail(send_pb2.SendEmailRequest(), timeout=5)
    assert "authorization" not in seen[0][0]
