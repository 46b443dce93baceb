"""The first end-to-end slice with real peers: a domain created, its records served by a local
DNS server (dnslib) and verified, messages sent through the grpcio client, delivered DKIM-signed
to an aiosmtpd SMTP relay and verified there with dkimpy, and every step watched live on
StreamEvents."""
from __future__ import annotations

import queue
import threading
import time

import grpc
import pytest

from mail_support import (ago, analytics_pb2, common_pb2, domain_pb2, edge_servers, message_pb2, publish, send_pb2,
                          start_relay, verified_domain, wait_until)
from relay_instances import ScratchCluster, psql

dkim = pytest.importorskip("dkim")

import relay_client  # noqa: E402

DOMAIN = "shop.example.test"


@pytest.fixture(scope="module")
def cluster():
    c = ScratchCluster()
    yield c
    c.close()


@pytest.fixture(scope="module")
def database(cluster):
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture(scope="module")
def zone():
    z = edge_servers.serve_zone([])
    yield z
    z.stop()


@pytest.fixture(scope="module")
def sink():
    state = edge_servers.SinkState()
    controller, port = edge_servers.start_sink(state)
    yield state, port
    controller.stop()


@pytest.fixture(scope="module")
def relay(database, zone, sink):
    instance = start_relay(database, zone, sink[1], "--max-attempts", "3", "--domain-recheck-seconds", "1")
    yield instance
    assert instance.stop() == 0, "".join(instance.lines[-30:])


@pytest.fixture(scope="module")
def admin(relay):
    with relay_client.RelayClient(relay.target, relay.secret) as c:
        yield c


@pytest.fixture(scope="module")
def domain(admin, zone):
    return verified_domain(admin, zone, DOMAIN)


def address(text: str, name: str = "") -> common_pb2.EmailAddress:
    return common_pb2.EmailAddress(address=text, name=name)


def message(to: list[str], subject="Your order", key="", **fields) -> send_pb2.SendEmailRequest:
    return send_pb2.SendEmailRequest(
        **{"from": address(f"orders@{DOMAIN}", "Shop Orders")}, to=[address(t) for t in to], subject=subject,
        content=send_pb2.EmailContent(html_body="<p>Thanks for your order – ça marche</p>", text_body="Thanks for your order"),
        idempotency_key=key, **fields)


def dns_txt(zone):
    def lookup(name, timeout=5):
        wanted = name.decode().rstrip(".")
        for n, kind, value in zone.resolver.records:
            if n == wanted and kind == "TXT":
                return value.encode()
        return None
    return lookup


def delivered_to(sink_state, recipient: str):
    return [m for m in sink_state.messages if recipient in m.recipients]


def test_a_new_domain_explains_its_missing_records_and_cannot_send(admin, zone):
    created = admin.domains.CreateDomain(domain_pb2.CreateDomainRequest(name="New.Example.TEST.", dkim_algorithm=2), timeout=30).domain
    assert created.name == "new.example.test" and created.status == domain_pb2.DOMAIN_STATUS_PENDING
    purposes = [domain_pb2.DnsRecordPurpose.Name(r.purpose) for r in created.records]
    assert purposes.count("DNS_RECORD_PURPOSE_DKIM") == 1 and "DNS_RECORD_PURPOSE_RETURN_PATH" in purposes
    dkim_record = next(r for r in created.records if r.purpose == domain_pb2.DNS_RECORD_PURPOSE_DKIM)
    assert dkim_record.name == f"{created.dkim_key.selector}._domainkey.new.example.test"
    assert dkim_record.value.startswith("v=DKIM1; k=ed25519; p=") and created.dkim_key.public_key in dkim_record.value
    checked = admin.domains.VerifyDomain(domain_pb2.VerifyDomainRequest(domain_id=created.domain_id), timeout=30)
    assert not checked.verified and checked.domain.status == domain_pb2.DOMAIN_STATUS_FAILED
    states = {r.name: domain_pb2.DnsRecordCheckState.Name(r.check_state) for r in checked.domain.records}
    assert states[dkim_record.name] == "DNS_RECORD_CHECK_STATE_MISSING"
    assert "DKIM record missing" in checked.domain.status_detail
    with pytest.raises(grpc.RpcError) as failure:
        admin.send.SendEmail(send_pb2.SendEmailRequest(
            **{"from": address("a@new.example.test")}, to=[address("x@y.test")], subject="s",
            content=send_pb2.EmailContent(text_body="t")), timeout=10)
    assert failure.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "new.example.test is not verified" in failure.value.details()
    # A wrong key published: mismatched, with the reason.
    zone.resolver.records.append((dkim_record.name, "TXT", "v=DKIM1; k=ed25519; p=AAAA"))
    checked = admin.domains.VerifyDomain(domain_pb2.VerifyDomainRequest(domain_id=created.domain_id), timeout=30)
    record = next(r for r in checked.domain.records if r.name == dkim_record.name)
    assert record.check_state == domain_pb2.DNS_RECORD_CHECK_STATE_MISMATCHED and "AAAA" in " ".join(record.found_values)
    # Bad names are refused precisely.
    for bad in ["", "localhost", "bad_label.example.com", "-x.example.com"]:
        with pytest.raises(grpc.RpcError) as failure:
            admin.domains.CreateDomain(domain_pb2.CreateDomainRequest(name=bad), timeout=10)
        assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT, bad


def test_a_pending_domain_is_checked_on_its_own_until_it_verifies(admin, zone):
    created = admin.domains.CreateDomain(domain_pb2.CreateDomainRequest(name="auto.example.test"), timeout=30).domain
    assert created.status == domain_pb2.DOMAIN_STATUS_PENDING and created.next_check_time.seconds > 0
    time.sleep(2.5)
    still = admin.domains.GetDomain(domain_pb2.GetDomainRequest(domain_id=created.domain_id), timeout=10).domain
    assert still.status == domain_pb2.DOMAIN_STATUS_PENDING and still.last_check_time.seconds > 0, still
    publish(zone, created)

    def verified():
        got = admin.domains.GetDomain(domain_pb2.GetDomainRequest(domain_id=created.domain_id), timeout=10).domain
        return got if got.status == domain_pb2.DOMAIN_STATUS_VERIFIED else None
    got = wait_until(verified, seconds=15, what="the automatic check")
    assert got.sending_allowed and got.verify_time.seconds > 0


def test_sent_mail_is_delivered_dkim_signed_and_streamed_live(admin, domain, sink, zone):
    state, _ = sink
    events: queue.Queue = queue.Queue()
    # From a moment ago: the message's events are streamed whether the subscription is in place
    # before they happen or not (then they come as backlog).
    stream = admin.analytics.StreamEvents(analytics_pb2.StreamEventsRequest(domains=[DOMAIN], start_time=ago(5)), timeout=60)

    def read():
        try:
            for item in stream:
                events.put(item)
        except grpc.RpcError:
            pass
    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.3)
    sent = admin.send.SendEmail(message(["ada@mail.test", "Bob@Mail.test"], cc=[address("carol@mail.test")],
                                        bcc=[address("dave@mail.test")], tags=["orders"], metadata={"order": "1042"}), timeout=30)
    assert sent.status == common_pb2.MESSAGE_STATUS_QUEUED and sent.message_id.startswith("msg_")
    assert [r.address for r in sent.recipients] == ["ada@mail.test", "Bob@Mail.test", "carol@mail.test", "dave@mail.test"]
    received = wait_until(lambda: delivered_to(state, "dave@mail.test"), what="delivery to the sink")[0]
    assert sorted(received.recipients) == ["Bob@Mail.test", "ada@mail.test", "carol@mail.test", "dave@mail.test"]
    assert received.mail_from == f"bounces+{sent.message_id}@rp.{DOMAIN}"
    content = received.content
    assert b"\nBcc:" not in content and b"dave@mail.test" not in content.split(b"\r\n\r\n", 1)[0]
    assert dkim.verify(content, dnsfunc=dns_txt(zone)), content[:600]
    assert f"Message-ID: <{sent.message_id}@relay.test>".encode() in content
    # Tampering breaks the signature.
    assert not dkim.verify(content.replace(b"Thanks for your order", b"Thanks for your ORDER"), dnsfunc=dns_txt(zone))
    # The message ends DELIVERED, with its events.
    def delivered():
        got = admin.messages.GetMessage(message_pb2.GetMessageRequest(message_id=sent.message_id), timeout=10)
        return got if got.message.status == common_pb2.MESSAGE_STATUS_DELIVERED else None
    got = wait_until(delivered, what="status DELIVERED")
    assert got.message.metadata["order"] == "1042" and got.message.domain == DOMAIN
    types = [common_pb2.EventType.Name(e.type) for e in got.events]
    assert types[0] == "EVENT_TYPE_QUEUED" and types.count("EVENT_TYPE_DELIVERED") == 4
    # The subscriber saw the same events, live, in cursor order.
    seen = []
    deadline = time.time() + 10
    while time.time() < deadline and sum(1 for e in seen if e.type == common_pb2.EVENT_TYPE_DELIVERED) < 4:
        try:
            item = events.get(timeout=0.5)
        except queue.Empty:
            continue
        if item.WhichOneof("payload") == "event" and item.event.message_id == sent.message_id:
            seen.append(item.event)
    stream.cancel()
    assert [e.cursor for e in seen] == [e.cursor for e in got.events]
    assert seen[0].tags == ["orders"] and seen[0].metadata["order"] == "1042"


def test_a_batch_accepts_each_valid_message_and_explains_the_others(admin, domain, sink):
    state, _ = sink
    batch = send_pb2.SendEmailBatchRequest(messages=[
        message(["b1@mail.test"]), message(["not an address"]), message(["b3@mail.test"], subject="bad\r\nsubject"),
        message(["b4@mail.test"]),
    ])
    response = admin.send.SendEmailBatch(batch, timeout=30)
    assert response.accepted_count == 2 and response.rejected_count == 2
    outcomes = [r.WhichOneof("outcome") for r in response.results]
    assert outcomes == ["response", "error", "error", "response"]
    assert response.results[1].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "messages[1].to[0].address" in response.results[1].error.message
    assert "messages[2].subject" in response.results[2].error.message
    wait_until(lambda: delivered_to(state, "b1@mail.test") and delivered_to(state, "b4@mail.test"), what="batch delivery")
    with pytest.raises(grpc.RpcError) as failure:
        admin.send.SendEmailBatch(send_pb2.SendEmailBatchRequest(messages=[message(["x@mail.test"])] * 51), timeout=10)
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_idempotency_keys_replay_the_first_result_and_refuse_another_request(admin, domain, sink):
    state, _ = sink
    first = admin.send.SendEmail(message(["idem@mail.test"], key="order-77"), timeout=10)
    again = admin.send.SendEmail(message(["idem@mail.test"], key="order-77"), timeout=10)
    assert again.idempotent_replay and not first.idempotent_replay
    assert again.message_id == first.message_id and again.create_time == first.create_time
    with pytest.raises(grpc.RpcError) as failure:
        admin.send.SendEmail(message(["someone-else@mail.test"], key="order-77"), timeout=10)
    assert failure.value.code() == grpc.StatusCode.ALREADY_EXISTS
    wait_until(lambda: delivered_to(state, "idem@mail.test"), what="delivery")
    time.sleep(0.5)
    assert len(delivered_to(state, "idem@mail.test")) == 1


def test_validation_is_precise_and_validate_only_stores_nothing(admin, domain):
    cases = [
        (message([]), "to"),
        (message(["a@mail.test"], headers=[common_pb2.Header(name="Subject", value="x")]), "headers[0].name"),
        (message(["a@mail.test"], headers=[common_pb2.Header(name="X-Ok", value="a\nb")]), "headers[0].value"),
        (message(["a@mail.test"], tags=["no spaces allowed"]), "tags[0]"),
        (message(["a@mail.test"] * 1 + [f"r{i}@mail.test" for i in range(50)]), "to"),
        (message(["a@mail.test"], key="é"), "idempotency_key"),
        (send_pb2.SendEmailRequest(to=[address("a@mail.test")], subject="s", content=send_pb2.EmailContent(text_body="t")), "from"),
    ]
    for request, field in cases:
        with pytest.raises(grpc.RpcError) as failure:
            admin.send.SendEmail(request, timeout=10)
        assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT, field
        assert failure.value.details().startswith(field), (field, failure.value.details())
    checked = admin.send.SendEmail(message(["v@mail.test"], validate_only=True), timeout=10)
    assert checked.message_id == "" and checked.status == common_pb2.MESSAGE_STATUS_QUEUED


def test_suppressed_recipients_are_skipped_with_the_reason(admin, domain, database, relay):
    org = psql(database, "SELECT id FROM organizations ORDER BY created_at LIMIT 1")
    psql(database, f"INSERT INTO suppressions (organization_id, address, reason, origin) VALUES ('{org}', 'gone@mail.test', 1, 2)")
    sent = admin.send.SendEmail(message(["gone@mail.test", "here@mail.test"]), timeout=10)
    skipped = {r.address: r for r in sent.recipients}
    assert not skipped["gone@mail.test"].accepted and skipped["gone@mail.test"].reason == "suppressed: hard bounce"
    assert skipped["gone@mail.test"].suppression_id.startswith("sup_") and skipped["here@mail.test"].accepted
    only = admin.send.SendEmail(message(["Gone@Mail.test"]), timeout=10)
    assert only.status == common_pb2.MESSAGE_STATUS_SUPPRESSED


def test_temporary_failures_are_retried_and_permanent_ones_bounce(admin, domain, sink):
    state, _ = sink
    state.tempfail.add("later@mail.test")
    state.permfail.add("never@mail.test")
    sent = admin.send.SendEmail(message(["later@mail.test", "never@mail.test", "now@mail.test"]), timeout=10)

    def recipients():
        got = admin.messages.GetMessage(message_pb2.GetMessageRequest(message_id=sent.message_id), timeout=10)
        return {r.address: r for r in got.message.recipients}, got
    wait_until(lambda: recipients()[0]["later@mail.test"].status == common_pb2.MESSAGE_STATUS_DEFERRED, what="a deferral")
    by_address, got = recipients()
    assert by_address["never@mail.test"].status == common_pb2.MESSAGE_STATUS_BOUNCED
    assert by_address["never@mail.test"].smtp_code == 550 and "no such mailbox" in by_address["never@mail.test"].detail
    assert by_address["now@mail.test"].status == common_pb2.MESSAGE_STATUS_DELIVERED
    assert by_address["later@mail.test"].smtp_code == 451 and by_address["later@mail.test"].next_attempt_time.seconds > 0
    state.tempfail.discard("later@mail.test")
    wait_until(lambda: recipients()[0]["later@mail.test"].status == common_pb2.MESSAGE_STATUS_DELIVERED, what="the retry")
    by_address, got = recipients()
    assert by_address["later@mail.test"].attempts == 2
    types = [common_pb2.EventType.Name(e.type) for e in got.events]
    assert "EVENT_TYPE_DEFERRED" in types and "EVENT_TYPE_BOUNCED" in types
    assert got.message.status == common_pb2.MESSAGE_STATUS_DELIVERED
    assert len(delivered_to(state, "later@mail.test")) == 1


def test_a_resumed_stream_misses_nothing_and_repeats_nothing(admin, domain):
    start = admin.analytics.StreamEvents(analytics_pb2.StreamEventsRequest(
        types=[common_pb2.EVENT_TYPE_QUEUED], heartbeat_interval={"seconds": 5}, start_time=ago(5)), timeout=30)
    first = admin.send.SendEmail(message(["s1@mail.test"]), timeout=10)
    got = next(item for item in start if item.WhichOneof("payload") == "event" and item.event.message_id == first.message_id)
    cursor = got.event.cursor
    start.cancel()
    later = [admin.send.SendEmail(message([f"s{i}@mail.test"]), timeout=10).message_id for i in range(2, 5)]
    resumed = admin.analytics.StreamEvents(analytics_pb2.StreamEventsRequest(
        types=[common_pb2.EVENT_TYPE_QUEUED], resume_cursor=cursor), timeout=30)
    ids = []
    for item in resumed:
        if item.WhichOneof("payload") == "event":
            ids.append(item.event.message_id)
            if len(ids) == 3:
                break
    resumed.cancel()
    assert ids == later
    with pytest.raises(grpc.RpcError) as failure:
        list(admin.analytics.StreamEvents(analytics_pb2.StreamEventsRequest(resume_cursor="nonsense"), timeout=10))
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_a_rotated_key_signs_once_its_record_verifies(admin, domain, sink, zone):
    state, _ = sink
    old_selector = domain.dkim_key.selector
    rotated = admin.domains.RotateDkimKey(domain_pb2.RotateDkimKeyRequest(domain_id=domain.domain_id, algorithm=2), timeout=30)
    assert rotated.retiring_selector == old_selector
    pending = rotated.domain.pending_dkim_key
    assert pending.selector != old_selector and pending.algorithm == domain_pb2.DKIM_KEY_ALGORITHM_ED25519
    assert rotated.new_record.name == f"{pending.selector}._domainkey.{DOMAIN}" and pending.public_key in rotated.new_record.value
    # Until its record is published and verified, the old key signs.
    sent = admin.send.SendEmail(message(["before-rotation@mail.test"]), timeout=10)
    received = wait_until(lambda: delivered_to(state, "before-rotation@mail.test"), what="delivery")[0]
    assert f"s={old_selector};".encode() in received.content.replace(b"\r\n ", b"")
    with pytest.raises(grpc.RpcError) as failure:
        admin.domains.RotateDkimKey(domain_pb2.RotateDkimKeyRequest(domain_id=domain.domain_id), timeout=10)
    assert failure.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    zone.resolver.records.append((rotated.new_record.name, "TXT", rotated.new_record.value))
    verified = admin.domains.VerifyDomain(domain_pb2.VerifyDomainRequest(domain_id=domain.domain_id), timeout=30)
    assert verified.verified and verified.domain.dkim_key.selector == pending.selector
    assert verified.domain.retiring_dkim_key.selector == old_selector and not verified.domain.HasField("pending_dkim_key")
    sent = admin.send.SendEmail(message(["after-rotation@mail.test"]), timeout=10)
    received = wait_until(lambda: delivered_to(state, "after-rotation@mail.test"), what="delivery")[0]
    content = received.content
    assert f"s={pending.selector};".encode() in content.replace(b"\r\n ", b"") and b"a=ed25519-sha256" in content
    assert dkim.verify(content, dnsfunc=dns_txt(zone))
