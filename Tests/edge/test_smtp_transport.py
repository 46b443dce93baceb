"""SMTPTransport (libcurl) against a real aiosmtpd server: plain, STARTTLS and AUTH; one outcome
per recipient (4xx deferred, 5xx rejected with the code); a server that is down defers; many
messages go over few connections."""

from __future__ import annotations

import pytest

pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (scripts/setup.sh installs it)")

import edge_servers as servers  # noqa: E402


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return servers.make_certificate(tmp_path_factory.mktemp("smtp-tls"))


@pytest.fixture
def sink():
    started = []

    def start(**kwargs):
        state = servers.SinkState(tempfail=kwargs.pop("tempfail", set()), permfail=kwargs.pop("permfail", set()))
        controller, port = servers.start_sink(state, **kwargs)
        started.append(controller)
        return state, port

    yield start
    for controller in started:
        controller.stop()


def send(probe, port, *extra, to="ann@example.net", count=1, scheme="smtp"):
    return probe.run("send", "--url", f"{scheme}://127.0.0.1:{port}", "--from", "bounce@rp.example.test",
                     "--to", to, "--count", str(count), *extra)


def test_a_message_goes_over_plain_smtp_with_its_envelope_and_dot_lines(edge_probe, sink):
    state, port = sink()
    results = send(edge_probe, port, "--starttls", "none", to="ann@example.net,bob@example.net")
    assert [o["outcome"] for o in results[0]] == ["accepted", "accepted"]
    assert results[0][0]["detail"] == "250 2.0.0 queued as m1"
    [message] = state.messages
    assert message.mail_from == "bounce@rp.example.test"
    assert message.recipients == ["ann@example.net", "bob@example.net"]
    assert b"Subject: probe 0\r\n" in message.content
    assert b"\r\n.a line that starts with a dot\r\n" in message.content  # dot-stuffed and unstuffed


def test_starttls_required_delivers_over_tls_with_the_ca_file(edge_probe, sink, certificate):
    state, port = sink(certificate=certificate, require_starttls=True)
    results = send(edge_probe, port, "--starttls", "required", "--ca-file", str(certificate[0]))
    assert results[0][0]["outcome"] == "accepted", results
    assert len(state.messages) == 1


def test_starttls_required_with_an_untrusted_certificate_defers(edge_probe, sink, certificate):
    state, port = sink(certificate=certificate, require_starttls=True)
    results = send(edge_probe, port, "--starttls", "required")  # system CAs: the self-signed one is unknown
    assert results[0][0]["outcome"] == "deferred"
    assert "certificate" in results[0][0]["detail"].lower() or "ssl" in results[0][0]["detail"].lower()
    assert state.messages == []


def test_starttls_required_against_a_server_without_it_defers(edge_probe, sink):
    state, port = sink()
    results = send(edge_probe, port, "--starttls", "required", "--insecure")
    assert results[0][0]["outcome"] == "deferred"
    assert state.messages == []


def test_opportunistic_starttls_falls_back_to_plain_text(edge_probe, sink):
    state, port = sink()
    results = send(edge_probe, port, "--starttls", "opportunistic")
    assert results[0][0]["outcome"] == "accepted"
    assert len(state.messages) == 1


@pytest.mark.parametrize("mechanism", ["plain", "login"])
def test_auth_over_starttls_uses_the_asked_mechanism(edge_probe, sink, certificate, mechanism):
    state, port = sink(certificate=certificate, require_starttls=True, users={"relay": "s3cret"})
    results = send(edge_probe, port, "--starttls", "required", "--insecure", "--user", "relay",
                   "--password", "s3cret", "--mechanism", mechanism)
    assert results[0][0]["outcome"] == "accepted", results
    assert state.logins == [(mechanism.upper(), "relay")]


def test_auth_over_plain_text_and_a_wrong_password_defers(edge_probe, sink):
    state, port = sink(users={"relay": "s3cret"})
    good = send(edge_probe, port, "--starttls", "none", "--user", "relay", "--password", "s3cret")
    bad = send(edge_probe, port, "--starttls", "none", "--user", "relay", "--password", "wrong")
    assert good[0][0]["outcome"] == "accepted"
    assert bad[0][0]["outcome"] == "deferred"
    assert "login" in bad[0][0]["detail"].lower() or "535" in bad[0][0]["detail"]
    assert len(state.messages) == 1


def test_each_recipient_gets_its_own_outcome(edge_probe, sink):
    state, port = sink(tempfail={"busy@example.net"}, permfail={"gone@example.net"})
    results = send(edge_probe, port, "--starttls", "none", to="ann@example.net,busy@example.net,gone@example.net")
    accepted, deferred, rejected = results[0]
    assert accepted["outcome"] == "accepted"
    assert deferred == {"outcome": "deferred", "detail": "RCPT TO: 451 4.3.0 mailbox busy, try later"}
    assert rejected == {"outcome": "rejected", "code": 550, "detail": "550 5.1.1 no such mailbox"}
    [message] = state.messages
    assert message.recipients == ["ann@example.net"]


def test_all_recipients_refused_sends_nothing_and_the_next_message_still_goes(edge_probe, sink):
    state, port = sink(permfail={"gone@example.net"}, tempfail={"busy@example.net"})
    results = send(edge_probe, port, "--starttls", "none", "--pool", "1", to="gone@example.net,busy@example.net")
    assert [o["outcome"] for o in results[0]] == ["rejected", "deferred"]
    assert state.messages == []
    again = send(edge_probe, port, "--starttls", "none")
    assert again[0][0]["outcome"] == "accepted"


def test_a_server_that_is_down_defers_every_recipient(edge_probe):
    port = servers.free_port()
    results = send(edge_probe, port, "--starttls", "none", to="ann@example.net,bob@example.net")
    assert [o["outcome"] for o in results[0]] == ["deferred", "deferred"]
    assert "connect" in results[0][0]["detail"].lower()


def test_many_messages_share_few_connections(edge_probe, sink, certificate):
    state, port = sink(certificate=certificate, require_starttls=True)
    results = send(edge_probe, port, "--starttls", "required", "--insecure", "--pool", "2", count=30)
    assert all(r[0]["outcome"] == "accepted" for r in results)
    assert len(state.messages) == 30
    assert 1 <= state.connections <= 2


def test_one_worker_sends_everything_over_one_connection(edge_probe, sink):
    state, port = sink()
    results = send(edge_probe, port, "--starttls", "none", "--pool", "1", count=12)
    assert all(r[0]["outcome"] == "accepted" for r in results)
    assert sorted(m.content.split(b"Subject: probe ")[1].split(b"\r\n")[0] for m in state.messages) == \
        sorted(str(i).encode() for i in range(12))
    assert state.connections == 1


def test_a_connection_the_server_closed_is_reopened(edge_probe, sink):
    state, port = sink(idle_timeout=0.5)
    results = send(edge_probe, port, "--starttls", "none", "--pool", "1", "--pause-ms", "1200", count=3)
    assert [r[0]["outcome"] for r in results] == ["accepted"] * 3
    assert len(state.messages) == 3
    assert state.connections == 3  # each pause outlasted the server's idle time-out
