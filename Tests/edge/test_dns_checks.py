"""DNSClient (c-ares) and the domain-record checks against a real DNS server (dnslib) serving
the zone each test defines: verified, missing, mismatched and failed lookups, with the
explanations the API returns."""

from __future__ import annotations

import base64
import os

import pytest

pytest.importorskip("dnslib", reason="dnslib is not installed (scripts/setup.sh installs it)")

import edge_servers as servers  # noqa: E402

DOMAIN = "example.test"
KEY = base64.b64encode(os.urandom(294)).decode()  # the size of an RSA-2048 SubjectPublicKeyInfo
OTHER_KEY = base64.b64encode(os.urandom(294)).decode()
DKIM_NAME = f"s1._domainkey.{DOMAIN}"
RELAY_SPF = "spf.relay.test"


def good_zone(**replace):
    records = {
        "dkim": [(DKIM_NAME, "TXT", f"v=DKIM1; k=rsa; p={KEY}")],
        "spf": [(DOMAIN, "TXT", f"v=spf1 include:_spf.other.test include:{RELAY_SPF} ~all"),
                (DOMAIN, "TXT", "google-site-verification=abc")],
        "includes": [("_spf.other.test", "TXT", "v=spf1 ip4:198.51.100.0/24 -all"),
                     (RELAY_SPF, "TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
        "dmarc": [(f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test")],
        "return_path": [(f"rp.{DOMAIN}", "CNAME", "rp.relay.test")],
    }
    records.update(replace)
    return [r for group in records.values() for r in group]


@pytest.fixture
def zone():
    started = []

    def serve(records, **kwargs):
        z = servers.serve_zone(records, **kwargs)
        started.append(z)
        return z

    yield serve
    for z in started:
        z.stop()


def check(probe, z, *extra, key=KEY, algorithm="rsa"):
    records = probe.run("check", "--server", z.address, "--timeout-ms", "300", "--tries", "1",
                        "--domain", DOMAIN, "--selector", "s1", "--algorithm", algorithm, "--public-key", key,
                        "--spf-include", RELAY_SPF, "--return-path-target", "rp.relay.test",
                        "--rua", "dmarc@example.test", *extra)
    return {r["purpose"]: r for r in records}


def lookup(probe, z, name, rtype):
    return probe.run("lookup", "--server", z.address, "--timeout-ms", "300", "--tries", "1", name, rtype)


def test_lookups_map_answers_and_join_split_txt_strings(edge_probe, zone):
    z = zone([(DKIM_NAME, "TXT", f"v=DKIM1; k=rsa; p={KEY}"), (DOMAIN, "MX", "10 mx1.example.test"),
              (DOMAIN, "MX", "20 mx2.example.test"), (DOMAIN, "A", "192.0.2.7"), (f"rp.{DOMAIN}", "CNAME", "rp.relay.test"),
              ("multi.test", "TXT", ["first ", "second"]), ("multi.test", "TXT", "other")])
    assert len(f"v=DKIM1; k=rsa; p={KEY}") > 255  # served as two strings
    assert lookup(edge_probe, z, DKIM_NAME, "TXT") == {"answer": "records", "records": [f"v=DKIM1; k=rsa; p={KEY}"]}
    assert lookup(edge_probe, z, "multi.test", "TXT") == {"answer": "records", "records": ["first second", "other"]}
    assert lookup(edge_probe, z, DOMAIN, "MX") == {"answer": "records", "records": ["10 mx1.example.test", "20 mx2.example.test"]}
    assert lookup(edge_probe, z, DOMAIN + ".", "A") == {"answer": "records", "records": ["192.0.2.7"]}
    assert lookup(edge_probe, z, f"rp.{DOMAIN}", "CNAME") == {"answer": "records", "records": ["rp.relay.test"]}
    assert lookup(edge_probe, z, DOMAIN, "TXT") == {"answer": "no_data"}
    assert lookup(edge_probe, z, f"nothing.{DOMAIN}", "TXT") == {"answer": "no_such_name"}


def test_failures_are_unavailable_with_the_reason(edge_probe, zone):
    z = zone([], servfail=["broken.test"], silent=["slow.test"])
    servfail = lookup(edge_probe, z, "broken.test", "TXT")
    assert servfail["answer"] == "error" and "unavailable" in servfail["error"] and "SERVFAIL" in servfail["error"]
    timeout = lookup(edge_probe, z, "slow.test", "TXT")
    assert timeout["answer"] == "error" and "no answer in time (300 ms per try, 1 try)" in timeout["error"]
    refused = edge_probe.run("lookup", "--server", f"127.0.0.1:{servers.free_udp_port()}", "--timeout-ms", "300",
                             "--tries", "1", "x.test", "TXT")
    assert refused["answer"] == "error" and "unavailable" in refused["error"]


def test_a_domain_with_every_record_right_is_verified(edge_probe, zone):
    result = check(edge_probe, zone(good_zone()))
    assert {p: r["state"] for p, r in result.items()} == {
        "dkim": "verified", "spf": "verified", "dmarc": "verified", "return_path": "verified"}
    assert result["dkim"]["found"] == [f"v=DKIM1; k=rsa; p={KEY}"]
    assert "split" in result["dkim"]["note"]  # longer than one TXT string
    assert result["spf"]["found"] == [f"v=spf1 include:_spf.other.test include:{RELAY_SPF} ~all"]
    assert result["spf"]["spf_add_include"] is True
    assert result["spf"]["value"] == result["spf"]["found"][0]
    assert all(r["explanation"] == "" for p, r in result.items())
    assert result["dkim"]["host"] == "s1._domainkey" and result["spf"]["host"] == "@"


def test_a_domain_with_no_records_is_missing_and_gets_new_ones(edge_probe, zone):
    result = check(edge_probe, zone([(RELAY_SPF, "TXT", "v=spf1 -all")]))
    assert {p: r["state"] for p, r in result.items()} == {
        "dkim": "missing", "spf": "missing", "dmarc": "missing", "return_path": "missing"}
    assert result["spf"]["value"] == f"v=spf1 include:{RELAY_SPF} ~all"
    assert result["spf"]["spf_add_include"] is False
    assert result["dmarc"]["value"] == "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test"


def test_another_key_is_mismatched(edge_probe, zone):
    result = check(edge_probe, zone(good_zone(dkim=[(DKIM_NAME, "TXT", f"v=DKIM1; k=rsa; p={OTHER_KEY}")])))
    assert result["dkim"]["state"] == "mismatched"
    assert result["dkim"]["explanation"] == "the published key differs from Relay's key"


def test_an_rsa_tag_on_an_ed25519_key_is_mismatched(edge_probe, zone):
    ed_key = base64.b64encode(os.urandom(32)).decode()
    result = check(edge_probe, zone(good_zone(dkim=[(DKIM_NAME, "TXT", f"v=DKIM1; k=rsa; p={ed_key}")])),
                   key=ed_key, algorithm="ed25519")
    assert result["dkim"]["state"] == "mismatched"
    assert result["dkim"]["explanation"] == "k=rsa but the key is ed25519"


def test_a_dkim_cname_to_another_provider_is_explained(edge_probe, zone):
    records = good_zone(dkim=[(DKIM_NAME, "CNAME", "s1.dkim.other-esp.test"),
                              ("s1.dkim.other-esp.test", "TXT", f"v=DKIM1; p={OTHER_KEY}")])
    result = check(edge_probe, zone(records))
    assert result["dkim"]["state"] == "mismatched"
    assert result["dkim"]["explanation"].startswith("CNAME points to another provider (s1.dkim.other-esp.test)")
    assert result["dkim"]["found"] == [f"v=DKIM1; p={OTHER_KEY}"]


def test_two_spf_records_are_an_error(edge_probe, zone):
    records = good_zone(spf=[(DOMAIN, "TXT", f"v=spf1 include:{RELAY_SPF} ~all"), (DOMAIN, "TXT", "v=spf1 mx -all")])
    result = check(edge_probe, zone(records))
    assert result["spf"]["state"] == "mismatched"
    assert result["spf"]["explanation"].startswith("several SPF records")
    assert sorted(result["spf"]["found"]) == sorted([f"v=spf1 include:{RELAY_SPF} ~all", "v=spf1 mx -all"])


def test_an_spf_chain_of_eleven_lookups_is_an_error(edge_probe, zone):
    # include:spf.relay.test (1) include:c1 (2); c1: a mx include:c2 (5); c2: a mx exists ptr include:c3 (10);
    # c3: a (11)
    spf = [(DOMAIN, "TXT", f"v=spf1 include:{RELAY_SPF} include:c1.test ~all"),
           ("c1.test", "TXT", "v=spf1 a mx include:c2.test -all"),
           ("c2.test", "TXT", "v=spf1 a mx exists:%{i}.x.test ptr include:c3.test -all"),
           ("c3.test", "TXT", "v=spf1 a -all")]
    result = check(edge_probe, zone(good_zone(spf=spf)))
    assert result["spf"]["state"] == "mismatched"
    assert result["spf"]["explanation"].startswith("more than 10 SPF DNS lookups")
    # one lookup fewer verifies
    spf[3] = ("c3.test", "TXT", "v=spf1 ip4:203.0.113.1 -all")
    assert check(edge_probe, zone(good_zone(spf=spf)))["spf"]["state"] == "verified"


def test_an_spf_record_without_relay_gets_the_include_before_all(edge_probe, zone):
    result = check(edge_probe, zone(good_zone(spf=[(DOMAIN, "TXT", "v=spf1 mx ip4:203.0.113.9 -all")])))
    assert result["spf"]["state"] == "mismatched"
    assert result["spf"]["value"] == f"v=spf1 mx ip4:203.0.113.9 include:{RELAY_SPF} -all"
    assert result["spf"]["spf_add_include"] is True
    assert result["spf"]["explanation"] == f"the SPF record does not include include:{RELAY_SPF}"


def test_relay_reached_through_a_nested_include_is_verified(edge_probe, zone):
    spf = [(DOMAIN, "TXT", "v=spf1 include:_spf.other.test -all"),
           ("_spf.other.test", "TXT", f"v=spf1 include:{RELAY_SPF} ~all")]
    result = check(edge_probe, zone(good_zone(spf=spf, includes=[(RELAY_SPF, "TXT", "v=spf1 -all")])))
    assert result["spf"]["state"] == "verified"
    assert "reached through include:_spf.other.test" in result["spf"]["explanation"]


def test_dmarc_p_none_is_verified_with_a_warning(edge_probe, zone):
    result = check(edge_probe, zone(good_zone(dmarc=[(f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=none")])))
    assert result["dmarc"]["state"] == "verified"
    assert result["dmarc"]["explanation"] == ("DMARC p=none: receivers take no action on failing mail; "
                                              "no rua= address: nobody receives the aggregate reports")


def test_two_dmarc_records_and_a_bad_policy_are_mismatched(edge_probe, zone):
    two = good_zone(dmarc=[(f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=none"), (f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=reject")])
    assert check(edge_probe, zone(two))["dmarc"]["explanation"].startswith("several DMARC records")
    bad = check(edge_probe, zone(good_zone(dmarc=[(f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=block")])))["dmarc"]
    assert bad["state"] == "mismatched" and bad["explanation"].startswith("invalid DMARC policy p=block")


def test_a_return_path_cname_elsewhere_is_mismatched(edge_probe, zone):
    result = check(edge_probe, zone(good_zone(return_path=[(f"rp.{DOMAIN}", "CNAME", "bounces.other-esp.test")])))
    assert result["return_path"]["state"] == "mismatched"
    assert result["return_path"]["explanation"].startswith("CNAME points to another provider (bounces.other-esp.test)")


def test_failed_lookups_are_lookup_failed(edge_probe, zone):
    z = zone(good_zone(), servfail=[f"_dmarc.{DOMAIN}"], silent=[DKIM_NAME])
    result = check(edge_probe, z)
    assert result["dmarc"]["state"] == "lookup_failed" and "SERVFAIL" in result["dmarc"]["explanation"]
    assert result["dkim"]["state"] == "lookup_failed" and "no answer in time" in result["dkim"]["explanation"]
    assert result["spf"]["state"] == "verified"
