"""A thin Python client for The One Relay.

The messages and stubs are generated from Protos/ by `python3 -m relay_client._generate`; this
module adds what every call needs: the channel (h2c or TLS) and the API key sent as
`authorization: Bearer <key>` metadata on every call.
"""
from __future__ import annotations

import importlib
import pathlib
import sys
from typing import Optional

import grpc

_GENERATED = pathlib.Path(__file__).resolve().parent / "generated"

#: The Relay services, as (module path under the generated root, stub class name).
SERVICES = {
    "send": ("relay.v1.send_service_pb2_grpc", "SendServiceStub"),
    "messages": ("relay.v1.message_service_pb2_grpc", "MessageServiceStub"),
    "domains": ("relay.v1.domain_service_pb2_grpc", "DomainServiceStub"),
    "keys": ("relay.v1.key_service_pb2_grpc", "KeyServiceStub"),
    "templates": ("relay.v1.template_service_pb2_grpc", "TemplateServiceStub"),
    "suppressions": ("relay.v1.suppression_service_pb2_grpc", "SuppressionServiceStub"),
    "analytics": ("relay.v1.analytics_service_pb2_grpc", "AnalyticsServiceStub"),
    "inbound": ("relay.v1.inbound_service_pb2_grpc", "InboundServiceStub"),
    "organizations": ("relay.v1.organization_service_pb2_grpc", "OrganizationServiceStub"),
}


def _ensure_generated() -> None:
    if not (_GENERATED / "relay" / "v1").is_dir():
        from . import _generate
        _generate.generate()
    if str(_GENERATED) not in sys.path:
        sys.path.insert(0, str(_GENERATED))


def module(name: str):
    """Imports a generated module by its proto path, such as `relay.v1.send_service_pb2`."""
    _ensure_generated()
    return importlib.import_module(name)


class _BearerAuth(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                  grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds `authorization: Bearer <key>` to every call."""

    def __init__(self, api_key: str):
        self._header = ("authorization", f"Bearer {api_key}")

    def _details(self, details):
        metadata = list(details.metadata or []) + [self._header]
        return details._replace(metadata=metadata) if hasattr(details, "_replace") else _Details(details, metadata)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_stream_unary(self, continuation, details, requests):
        return continuation(self._details(details), requests)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._details(details), requests)


class _Details(grpc.ClientCallDetails):
    def __init__(self, base, metadata):
        self.method = base.method
        self.timeout = base.timeout
        self.metadata = metadata
        self.credentials = base.credentials
        self.wait_for_ready = getattr(base, "wait_for_ready", None)
        self.compression = getattr(base, "compression", None)


class RelayClient:
    """One channel to Relay and a stub per service: `client.send.SendEmail(...)`."""

    def __init__(self, target: str, api_key: Optional[str] = None, *, tls: bool = False,
                 root_certificates: Optional[bytes] = None):
        _ensure_generated()
        if tls:
            channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates))
        else:
            channel = grpc.insecure_channel(target)
        if api_key:
            channel = grpc.intercept_channel(channel, _BearerAuth(api_key))
        self.channel = channel
        for attribute, (module_name, stub) in SERVICES.items():
            setattr(self, attribute, getattr(importlib.import_module(module_name), stub)(channel))

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> "RelayClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
