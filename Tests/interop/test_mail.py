"""The Swift mail layer (RelayMail through relay-mail-probe) against independent implementations:
dkimpy verifies its DKIM signatures (rsa-sha256 and ed25519-sha256, relaxed/relaxed), and
Python's `email` package (policy.default) parses its MIME: decoded subjects and display names,
parts and attachment bytes equal what was asked for. Tampering breaks the signatures.

The probe is env RELAY_MAIL_PROBE (a command line), else .build/debug/relay-mail-probe. Nothing
here needs PostgreSQL."""

from __future__ import annotations

import base64
import email
import json
import os
import random
import shlex
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

import dkim

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PROBE = REPO / ".build" / "debug" / "relay-mail-probe"
ALGORITHMS = ["rsa", "ed25519"]
DOMAIN = "example.com"
SELECTOR = "rly2024"


class ProbeRefused(Exception):
    """The probe answered with an error (exit status 2)."""


def probe_command() -> list[str]:
    env = os.environ.get("RELAY_MAIL_PROBE")
    return shlex.split(env) if env else [str(DEFAULT_PROBE)]


@pytest.fixture(scope="session")
def mail_probe() -> list[str]:
    cmd = probe_command()
    if not os.environ.get("RELAY_MAIL_PROBE") and not Path(cmd[0]).is_file():
        pytest.fail(f"the mail probe {cmd[0]} does not exist: build it with "
                    "`swift build --product relay-mail-probe` (or set RELAY_MAIL_PROBE)", pytrace=False)
    return cmd


def run_probe(cmd: list[str], request: dict) -> dict:
    done = subprocess.run(cmd, input=json.dumps(request).encode(), capture_output=True, timeout=120)
    assert done.returncode in (0, 2), f"probe crashed ({done.returncode}): {done.stderr.decode(errors='replace')}"
    answer = json.loads(done.stdout)
    if done.returncode == 2:
        raise ProbeRefused(answer["error"])
    return answer


@pytest.fixture(scope="session")
def private_keys(mail_probe) -> dict[str, str]:
    """One key per algorithm for the session (RSA generation is the slow part)."""
    keys = {}
    for algorithm in ALGORITHMS:
        answer = run_probe(mail_probe, {"raw_b64": base64.b64encode(b"From: a@example.com\r\n\r\nx\r\n").decode(),
                                        "dkim": {"algorithm": algorithm, "domain": DOMAIN, "selector": SELECTOR}})
        keys[algorithm] = answer["private_key_pem"]
    return keys


def dkim_options(algorithm: str, keys: dict[str, str], **extra) -> dict:
    return {"algorithm": algorithm, "domain": DOMAIN, "selector": SELECTOR, "private_key_pem": keys[algorithm], **extra}


def verifies(signed: bytes, answer: dict, algorithm: str) -> bool:
    record = answer["dns_record"]
    assert record == f"v=DKIM1; k={algorithm}; p={answer['public_key']}"

    def dnsfunc(name, timeout=5):
        assert name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode()
        return record.encode()

    return dkim.verify(signed, dnsfunc=dnsfunc)


def check_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    assert max(len(line) for line in data.split(b"\r\n")) <= 998


def header_block(data: bytes) -> bytes:
    return data.split(b"\r\n\r\n", 1)[0]


SUBJECT = "Grüße aus München — 注文 #1042 は発送されました 🎉 and a long tail of ASCII words to force folding"
TEXT = ("Hello  Zoë,\n"
        "trailing spaces and a tab here \t\n"
        + "A long line " + "with many words " * 80 + "end\n"
        + "=?not-an-encoded-word?= and = signs and ..dots\n"
        + ".leading dot line\n"
        + "From the start of a line\n\n\n")
HTML = ("<html><body><p>Grüße, <b>Zoë</b></p><img src=\"cid:logo@relay\">"
        + "<p>" + "lorem ipsum " * 200 + "</p></body></html>")


def rich_message(rng: random.Random) -> tuple[dict, dict]:
    """A message with every feature, and the attachments' bytes by file name."""
    files = {
        "report résumé 2024 — a rather long file name to force RFC 2231 continuations.pdf": bytes(rng.randrange(256) for _ in range(5000)),
        "data.bin": bytes(rng.randrange(256) for _ in range(1)),
        "empty.txt": b"",
    }
    logo = bytes(rng.randrange(256) for _ in range(300))
    attachments = [{"filename": name, "content_type": "application/pdf" if name.endswith(".pdf") else "",
                    "content_b64": base64.b64encode(data).decode()} for name, data in files.items()]
    attachments.append({"filename": "logo.png", "content_type": "image/png", "content_b64": base64.b64encode(logo).decode(),
                        "content_id": "logo@relay"})
    message = {
        "from": {"address": "noreply@example.com", "name": "Relay Ünïcode Sender, Inc."},
        "to": [{"address": "ada@example.org", "name": "Ada Lovelace"},
               {"address": "zoe@bücher.example", "name": "Zoë “Quotes” Ñúñez"},
               {"address": "plain@example.net"}],
        "cc": [{"address": "carol@example.org", "name": "Lovelace, Carol"}],
        "bcc": [{"address": "hidden@example.net", "name": "Hidden Person"}],
        "reply_to": [{"address": "support@example.com", "name": "Support — 支持"}],
        "subject": SUBJECT,
        "text": TEXT,
        "html": HTML,
        "attachments": attachments,
        "headers": [{"name": "X-Ticket-Id", "value": "T-1042"}, {"name": "X-Note", "value": "für dich, with ümlauts"}],
        "list_unsubscribe": {"https_url": "https://example.com/unsubscribe?token=abc123", "mailto": "unsubscribe@example.com",
                             "one_click": True},
        "date": 1_700_000_000,
    }
    return message, {**files, "logo.png": logo}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_rich_message_verifies_with_dkimpy_and_parses_back(mail_probe, private_keys, algorithm):
    message, files = rich_message(random.Random(algorithm))
    answer = run_probe(mail_probe, {"message": message, "dkim": dkim_options(algorithm, private_keys, timestamp=1_700_000_100)})
    signed = base64.b64decode(answer["signed_b64"])
    check_lines(signed)
    assert signed.startswith(b"DKIM-Signature: v=1; a=" + f"{algorithm}-sha256".encode())
    assert verifies(signed, answer, algorithm)
    assert answer["recipients"] == ["ada@example.org", "zoe@xn--bcher-kva.example", "plain@example.net",
                                    "carol@example.org", "hidden@example.net"]
    assert answer["smtputf8"] is False
    assert b"hidden" not in signed.lower() and b"bcc" not in header_block(signed).lower()
    assert max(len(line) for line in header_block(signed).split(b"\r\n")) <= 78

    parsed = BytesParser(policy=policy.default).parsebytes(signed)
    assert parsed["Subject"] == SUBJECT
    assert [(a.display_name, a.addr_spec) for a in parsed["From"].addresses] == [("Relay Ünïcode Sender, Inc.", "noreply@example.com")]
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [
        ("Ada Lovelace", "ada@example.org"), ("Zoë “Quotes” Ñúñez", "zoe@xn--bcher-kva.example"), ("", "plain@example.net")]
    assert [(a.display_name, a.addr_spec) for a in parsed["Cc"].addresses] == [("Lovelace, Carol", "carol@example.org")]
    assert [(a.display_name, a.addr_spec) for a in parsed["Reply-To"].addresses] == [("Support — 支持", "support@example.com")]
    assert parsed["Bcc"] is None
    assert parsed["X-Ticket-Id"] == "T-1042"
    assert parsed["X-Note"] == "für dich, with ümlauts"
    assert parsed["List-Unsubscribe"] == "<https://example.com/unsubscribe?token=abc123>, <mailto:unsubscribe@example.com>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Message-ID"] == f"<{answer['message_id']}>" and answer["message_id"].endswith("@example.com")
    assert parsed["Date"].datetime.timestamp() == 1_700_000_000
    assert parsed["MIME-Version"] == "1.0"

    # mixed [ alternative [ text, related [ html, logo ] ], three attachments ]
    structure = [(part.get_content_type(), part.get_content_disposition()) for part in parsed.walk()]
    assert structure == [
        ("multipart/mixed", None), ("multipart/alternative", None), ("text/plain", None),
        ("multipart/related", None), ("text/html", None), ("image/png", "inline"),
        ("application/pdf", "attachment"), ("application/octet-stream", "attachment"),
        ("application/octet-stream", "attachment")]
    for part in parsed.walk():
        assert not part.defects, (part.get_content_type(), part.defects)
    text_part = parsed.get_body(("plain",))
    html_part = parsed.get_body(("html",))
    assert text_part.get_content().replace("\r\n", "\n") == TEXT
    assert html_part.get_content().replace("\r\n", "\n") == HTML
    assert text_part["Content-Transfer-Encoding"] == "quoted-printable"
    related = next(p for p in parsed.walk() if p.get_content_type() == "multipart/related")
    assert related.get_param("type") == "text/html"
    logo = next(p for p in parsed.walk() if p.get_content_type() == "image/png")
    assert logo["Content-ID"] == "<logo@relay>"
    assert logo.get_content() == files["logo.png"]
    got = {part.get_filename(): part.get_content() for part in parsed.iter_attachments()}
    # iter_attachments of the root lists the mixed part's attachments (the inline logo is inside
    # the alternative part).
    assert got == {name: data for name, data in files.items() if name != "logo.png"}
    for line in signed.split(b"\r\n\r\n", 1)[1].split(b"\r\n"):
        if line and all(c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=" for c in line):
            assert len(line) <= 76


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_tampering_breaks_the_signature(mail_probe, private_keys, algorithm):
    message, _ = rich_message(random.Random(1))
    answer = run_probe(mail_probe, {"message": message, "dkim": dkim_options(algorithm, private_keys)})
    signed = base64.b64decode(answer["signed_b64"])
    assert verifies(signed, answer, algorithm)

    head, body = signed.split(b"\r\n\r\n", 1)
    flipped = body.replace(b"lorem ipsum", b"lorem ipsun", 1)
    assert flipped != body
    assert not verifies(head + b"\r\n\r\n" + flipped, answer, algorithm)
    assert not verifies(head + b"\r\n\r\n" + body + b"P.S. added\r\n", answer, algorithm)
    assert not verifies(signed.replace(b"X-Ticket-Id: T-1042", b"X-Ticket-Id: T-1042", 1).replace(b"Subject: ", b"Subject: Re: ", 1),
                        answer, algorithm)
    # A second From (or Subject) added in transit breaks it too: the signer over-signs them.
    dkim_end = head.index(b"\r\nDate: ") + 2
    for extra in (b"From: attacker@example.net\r\n", b"Subject: urgent\r\n", b"Cc: more@example.net\r\n"):
        assert not verifies(head[:dkim_end] + extra + head[dkim_end:] + b"\r\n\r\n" + body, answer, algorithm), extra
    # Unsigned headers may be added without harm.
    assert verifies(head[:dkim_end] + b"Received: from relay by mx; Tue, 14 Nov 2023 22:13:20 +0000\r\n"
                    + head[dkim_end:] + b"\r\n\r\n" + body, answer, algorithm)
    # The wrong key does not verify.
    other = run_probe(mail_probe, {"raw_b64": base64.b64encode(b"From: a@example.com\r\n\r\nx\r\n").decode(),
                                   "dkim": {"algorithm": algorithm, "domain": DOMAIN, "selector": SELECTOR}})
    assert not verifies(signed, {**answer, "dns_record": other["dns_record"], "public_key": other["public_key"]}, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_relaxed_canonicalization_survives_whitespace_changes_in_transit(mail_probe, private_keys, algorithm):
    message, _ = rich_message(random.Random(2))
    answer = run_probe(mail_probe, {"message": message, "dkim": dkim_options(algorithm, private_keys)})
    signed = base64.b64decode(answer["signed_b64"])
    head, body = signed.split(b"\r\n\r\n", 1)
    # Refolded and re-spaced headers, trailing whitespace and extra blank lines in the body.
    respaced_head = head.replace(b"Subject: ", b"Subject:   ", 1).replace(b"\r\n ", b"\r\n\t", 3)
    respaced_body = body.replace(b"\r\n", b"  \r\n", 5) + b"\r\n\r\n"
    assert verifies(respaced_head + b"\r\n\r\n" + respaced_body, answer, algorithm)


RAW_MESSAGES = {
    "trailing whitespace and blank lines": b"From: Joe <joe@example.com>\r\nTo: a@example.org\r\nSubject: hi\r\n\r\n"
                                            b"line one   \r\n\tindented\t\twith  tabs \r\n\r\n\r\n \r\n\r\n",
    "empty body": b"From: joe@example.com\r\nSubject: nothing\r\n\r\n",
    "no body at all": b"From: joe@example.com\r\nSubject: nothing\r\n",
    "body without final line break": b"From: joe@example.com\r\n\r\nno newline at the end",
    "folded headers": b"From: Joe\r\n\t<joe@example.com>\r\nSubject:  folded\r\n  over\t\r\n lines \r\nTo:a@example.org\r\n\r\nbody\r\n",
    "two To fields": b"From: joe@example.com\r\nTo: a@example.org\r\nTo: b@example.org\r\n\r\nbody\r\n",
    "upper-case names": b"FROM: joe@example.com\r\nSUBJECT: Shouting\r\n\r\nbody\r\n",
    "8-bit body": "From: joe@example.com\r\n\r\nGrüße  \r\n".encode(),
}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("case", sorted(RAW_MESSAGES))
def test_raw_messages_canonicalize_as_dkimpy_does(mail_probe, private_keys, algorithm, case):
    raw = RAW_MESSAGES[case]
    answer = run_probe(mail_probe, {"raw_b64": base64.b64encode(raw).decode(), "dkim": dkim_options(algorithm, private_keys)})
    signed = base64.b64decode(answer["signed_b64"])
    assert signed.endswith(raw)
    assert verifies(signed, answer, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_internationalized_recipient_needs_smtputf8_and_verifies(mail_probe, private_keys, algorithm):
    message = {"from": {"address": "news@example.com", "name": "新闻"},
               "to": [{"address": "用户@例子.广告", "name": "用户"}],
               "subject": "你好", "text": "短信\n"}
    answer = run_probe(mail_probe, {"message": message, "dkim": dkim_options(algorithm, private_keys)})
    signed = base64.b64decode(answer["signed_b64"])
    assert answer["smtputf8"] is True
    assert answer["recipients"] == ["用户@xn--fsqu00a.xn--4rr70v"]
    assert verifies(signed, answer, algorithm)
    parsed = email.message_from_string(signed.decode("utf-8"), policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [("用户", "用户@xn--fsqu00a.xn--4rr70v")]
    assert parsed["Subject"] == "你好"
    assert parsed.get_content().replace("\r\n", "\n") == "短信\n"


def test_a_text_only_ascii_message_is_one_7bit_part(mail_probe, private_keys):
    message = {"from": {"address": "a@example.com"}, "to": [{"address": "b@example.org"}], "subject": "Plain",
               "text": "Just a short line.\nAnd another.\n", "message_id": "fixed-id@example.com"}
    answer = run_probe(mail_probe, {"message": message, "dkim": dkim_options("ed25519", private_keys)})
    signed = base64.b64decode(answer["signed_b64"])
    parsed = BytesParser(policy=policy.default).parsebytes(signed)
    assert parsed.get_content_type() == "text/plain" and not parsed.is_multipart()
    assert parsed["Content-Transfer-Encoding"] == "7bit"
    assert parsed["Message-ID"] == "<fixed-id@example.com>"
    assert parsed.get_content().replace("\r\n", "\n") == "Just a short line.\nAnd another.\n"
    assert answer["size"] == len(signed) - signed.index(b"\r\nDate: ") - 2


@pytest.mark.parametrize("field,value,reason", [
    ("subject", "Hello\r\nBcc: victim@example.org", "line break"),
    ("headers", [{"name": "X-Evil", "value": "a\nb"}], "line break"),
    ("headers", [{"name": "Content-Type", "value": "text/html"}], "cannot be set"),
    ("to", [{"address": "no-at-sign.example.com"}], "no @"),
    ("to", [{"address": "a@b.c", "name": "Evil\r\nBcc: x@y.z"}], "control character"),
])
def test_invalid_input_is_refused_with_a_reason(mail_probe, private_keys, field, value, reason):
    message = {"from": {"address": "a@example.com"}, "to": [{"address": "b@example.org"}], "subject": "s", "text": "t", field: value}
    with pytest.raises(ProbeRefused, match=reason):
        run_probe(mail_probe, {"message": message, "dkim": dkim_options("ed25519", private_keys)})


def test_the_size_limit_counts_the_encoded_message(mail_probe, private_keys):
    message = {"from": {"address": "a@example.com"}, "to": [{"address": "b@example.org"}], "subject": "s", "text": "t",
               "attachments": [{"filename": "big.bin", "content_b64": base64.b64encode(b"\0" * 30_000).decode()}]}
    with pytest.raises(ProbeRefused, match="the limit is 40000"):
        run_probe(mail_probe, {"message": message, "maximum_size": 40_000, "dkim": dkim_options("ed25519", private_keys)})
    answer = run_probe(mail_probe, {"message": message, "maximum_size": 45_000, "dkim": dkim_options("ed25519", private_keys)})
    assert 40_000 < answer["size"] <= 45_000
