"""Real peers for the edge tests: a DNS server (dnslib) serving the zone a test defines, and an
SMTP server (aiosmtpd) that records messages and connections and can answer 4xx/5xx per
recipient, over plain text or STARTTLS, with or without AUTH."""

from __future__ import annotations

import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from dnslib import AAAA, CNAME, MX, QTYPE, RCODE, RR, TXT, A
from dnslib.dns import DNSError
from dnslib.server import BaseResolver, DNSServer

# ---------------------------------------------------------------------------------------------
# DNS


class _QuietLogger:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def txt_strings(value: str) -> list[bytes]:
    """A TXT value as DNS providers publish it: strings of at most 255 bytes."""
    raw = value.encode()
    return [raw[i:i + 255] for i in range(0, len(raw), 255)] or [b""]


class ZoneResolver(BaseResolver):
    """Answers from `records` [(name, type, value)], following CNAMEs inside the zone as a
    recursive resolver would. Names in `servfail` answer SERVFAIL; names in `silent` never answer."""

    def __init__(self, records, servfail=(), silent=()):
        self.records = [(n.lower().rstrip("."), t.upper(), v) for n, t, v in records]
        self.servfail = {n.lower() for n in servfail}
        self.silent = {n.lower() for n in silent}
        self.queries: list[tuple[str, str]] = []

    def _rr(self, name, rtype, value):
        if rtype == "TXT":
            rdata = TXT(value if isinstance(value, list) else txt_strings(value))
        elif rtype == "CNAME":
            rdata = CNAME(value + ".")
        elif rtype == "MX":
            priority, host = value.split()
            rdata = MX(host + ".", int(priority))
        elif rtype == "A":
            rdata = A(value)
        elif rtype == "AAAA":
            rdata = AAAA(value)
        else:
            raise ValueError(rtype)
        return RR(name + ".", getattr(QTYPE, rtype), rdata=rdata, ttl=60)

    def resolve(self, request, handler):
        name = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        self.queries.append((name, qtype))
        if name in self.silent:
            raise DNSError("silent name")  # the server drops the query: the client times out
        reply = request.reply()
        if name in self.servfail:
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        seen = set()
        while True:
            alias = [v for n, t, v in self.records if n == name and t == "CNAME"]
            if alias and qtype != "CNAME" and name not in seen:
                seen.add(name)
                reply.add_answer(self._rr(name, "CNAME", alias[0]))
                name = alias[0].lower()
                continue
            break
        matches = [(n, t, v) for n, t, v in self.records if n == name and t == qtype]
        for n, t, v in matches:
            reply.add_answer(self._rr(n, t, v))
        exists = any(n == name or n.endswith("." + name) for n, _, _ in self.records)
        if not matches and not seen and not exists:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


@dataclass
class DNSZone:
    resolver: ZoneResolver
    server: DNSServer
    port: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self):
        self.server.stop()


def serve_zone(records, servfail=(), silent=()) -> DNSZone:
    resolver = ZoneResolver(records, servfail, silent)
    server = DNSServer(resolver, port=0, address="127.0.0.1", logger=_QuietLogger())
    server.start_thread()
    return DNSZone(resolver, server, server.server.server_address[1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# SMTP


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    content: bytes


@dataclass
class SinkState:
    tempfail: set[str] = field(default_factory=set)
    permfail: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)
    peers: set = field(default_factory=set)  # (address, port) of each connection
    startup_peers: set = field(default_factory=set)  # the controller's own readiness probe
    logins: list[tuple[str, str]] = field(default_factory=list)

    @property
    def connections(self) -> int:
        """The TCP connections clients made (a STARTTLS upgrade is no new connection)."""
        return len(self.peers - self.startup_peers)


class SinkHandler:
    def __init__(self, state: SinkState):
        self.state = state

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.state.permfail:
            return "550 5.1.1 no such mailbox"
        if address in self.state.tempfail:
            return "451 4.3.0 mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.state.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return f"250 2.0.0 queued as m{len(self.state.messages)}"


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


def start_sink(state: SinkState, *, certificate=None, require_starttls=False, users=None, idle_timeout=None):
    """An aiosmtpd server on 127.0.0.1; returns (controller, port). `users` {login: password}
    turns on AUTH (required), over TLS only when `certificate` is given; `idle_timeout` (seconds)
    closes connections that stay idle that long."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            super().connection_made(transport)
            state.peers.add(self.transport.get_extra_info("peername"))

    kwargs = {}
    if idle_timeout is not None:
        kwargs["timeout"] = idle_timeout
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(certificate[0]), str(certificate[1]))
        kwargs.update(tls_context=context, require_starttls=require_starttls)
    if users is not None:
        def authenticate(server, session, envelope, mechanism, auth_data):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            if users.get(login) == password:
                state.logins.append((mechanism, login))
                return AuthResult(success=True)
            return AuthResult(success=False, handled=False)
        kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=certificate is not None)

    class SinkController(Controller):
        def factory(self):
            return CountingSMTP(self.handler, **self.SMTP_kwargs)

    port = free_port()
    controller = SinkController(SinkHandler(state), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    state.startup_peers = set(state.peers)
    return controller, port
