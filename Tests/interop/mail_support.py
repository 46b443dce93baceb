"""What the mail tests share: a `relay serve` delivering to an SMTP relay and checking domains
against a local DNS server, domains published and verified, and waiting for conditions."""
from __future__ import annotations

import sys
import tempfile
import time

import pytest

from relay_instances import ROOT, Instance

sys.path.insert(0, str(ROOT / "Tests" / "edge"))
edge_servers = pytest.importorskip("edge_servers")

import relay_client  # noqa: E402

common_pb2 = relay_client.module("relay.v1.common_pb2")
domain_pb2 = relay_client.module("relay.v1.domain_service_pb2")
send_pb2 = relay_client.module("relay.v1.send_service_pb2")
message_pb2 = relay_client.module("relay.v1.message_service_pb2")
analytics_pb2 = relay_client.module("relay.v1.analytics_service_pb2")


def start_relay(database: str, zone, smtp_port: int, *extra: str, data_dir: str | None = None) -> Instance:
    """`relay serve` on `database`: domains checked against `zone`, mail relayed in plain SMTP to
    `smtp_port`, retries fast (from 0.3 s, at most 1 s apart), no rate limits."""
    return Instance(
        database, "--key-rate-limits", "none", "--org-rate-limits", "none",
        "--data-dir", data_dir or tempfile.mkdtemp(prefix="relay-mail-"),
        "--dns-server", zone.address, "--transport", "smtp", "--smtp-url", f"smtp://127.0.0.1:{smtp_port}",
        "--smtp-starttls", "none", "--retry-first-seconds", "0.3", "--retry-max-seconds", "1", "--mail-host", "relay.test",
        *extra)


def publish(zone, domain) -> None:
    """Serves every record the domain asks for, as a DNS provider would."""
    for record in domain.records:
        kind = domain_pb2.DnsRecordType.Name(record.type).removeprefix("DNS_RECORD_TYPE_")
        zone.resolver.records.append((record.name, kind, record.value))


def verified_domain(client, zone, name: str):
    """A new domain of `name`, its records published and verified."""
    created = client.domains.CreateDomain(domain_pb2.CreateDomainRequest(name=name), timeout=30).domain
    publish(zone, created)
    verified = client.domains.VerifyDomain(domain_pb2.VerifyDomainRequest(domain_id=created.domain_id), timeout=30)
    assert verified.verified, verified.domain
    return verified.domain


def ago(seconds: float):
    """A Timestamp `seconds` in the past."""
    t = relay_client.module("google.protobuf.timestamp_pb2").Timestamp()
    t.FromNanoseconds(int((time.time() - seconds) * 1e9))
    return t


def wait_until(predicate, seconds=20.0, what="condition"):
    """`predicate()`'s first true value, polled; fails after `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
