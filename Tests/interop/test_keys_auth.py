"""Keys, authentication, scopes and rate limits of `relay serve`, end to end: a real PostgreSQL
server, the `relay` binary, and the Python grpcio client (clients/python)."""
from __future__ import annotations

import datetime
import re
import secrets
import subprocess
import threading
import time

import grpc
import pytest
from google.protobuf import duration_pb2, field_mask_pb2, timestamp_pb2

from relay_instances import RELAY, ROOT, Instance, ScratchCluster, psql
import relay_client  # noqa: E402 (its path comes from relay_instances)

keys_pb2 = relay_client.module("relay.v1.key_service_pb2")
status_pb2 = relay_client.module("google.rpc.status_pb2")
details_pb2 = relay_client.module("google.rpc.error_details_pb2")
ALL_SCOPES = ["FULL_ACCESS", "SEND", "DOMAINS", "TEMPLATES", "SUPPRESSIONS", "ANALYTICS", "READ_ONLY"]


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
def relay(database):
    instance = Instance(database, "--key-rate-limits", "none", "--org-rate-limits", "none")
    yield instance
    assert instance.stop() == 0, "".join(instance.lines[-20:])


def client(relay, secret=None) -> relay_client.RelayClient:
    return relay_client.RelayClient(relay.target, secret)


def timestamp(when: datetime.datetime) -> timestamp_pb2.Timestamp:
    t = timestamp_pb2.Timestamp()
    t.FromDatetime(when)
    return t


def create_key(admin, scopes, name="test key", **fields):
    request = keys_pb2.CreateKeyRequest(name=name, scopes=[keys_pb2.KeyScope.Value(f"KEY_SCOPE_{s}") for s in scopes], **fields)
    response = admin.keys.CreateKey(request, timeout=10)
    return response.key, response.secret


def code_of(call) -> grpc.StatusCode:
    try:
        call()
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


def wait_for_code(call, code, seconds=5.0) -> float:
    """Calls until the status is `code`; returns how long that took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if code_of(call) == code:
            return time.monotonic() - start
        time.sleep(0.02)
    pytest.fail(f"still not {code} after {seconds} s")


def bootstrap_admin(relay):
    assert relay.secret, "the first start printed no key: " + "".join(relay.lines)
    return client(relay, relay.secret)


# --- bootstrap and credentials -------------------------------------------------------------------

def test_the_first_start_prints_one_full_access_key_and_later_starts_do_not(relay, database):
    assert re.fullmatch(r"rly_live_[0-9A-Za-z]{43}", relay.secret)
    admin = bootstrap_admin(relay)
    listed = admin.keys.ListKeys(keys_pb2.ListKeysRequest(), timeout=10)
    assert [k.name for k in listed.keys] == ["bootstrap"]
    key = listed.keys[0]
    assert list(key.scopes) == [keys_pb2.KEY_SCOPE_FULL_ACCESS]
    assert key.created_by == "bootstrap" and relay.secret.startswith(key.prefix) and len(key.prefix) == 17
    assert psql(database, "SELECT count(*) FROM api_keys WHERE secret_hash = sha256(convert_to('%s', 'UTF8'))" % relay.secret) == "1"
    assert psql(database, "SELECT count(*) FROM api_keys WHERE position('%s' in encode(secret_hash, 'escape')) > 0" % relay.secret[9:]) == "0"
    second = Instance(database, "--key-rate-limits", "none", "--org-rate-limits", "none")
    try:
        assert second.secret is None
        assert psql(database, "SELECT count(*) FROM organizations") == "1"
    finally:
        assert second.stop() == 0


def test_health_and_reflection_need_no_key(relay):
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
    channel = grpc.insecure_channel(relay.target)
    assert health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status == health_pb2.HealthCheckResponse.SERVING
    assert "relay.v1.KeyService" in ProtoReflectionDescriptorDatabase(channel).get_services()


@pytest.mark.parametrize("header, reason", [
    (None, "missing authorization"),
    ("Basic dXNlcjpwYXNz", "malformed authorization"),
    ("Bearer", "malformed authorization"),
    ("Bearer sk_live_abc", "starts with \"rly_\""),
    ("Bearer rly_live_" + "x" * 43, "unknown API key"),
    ("Bearer rly_live_" + "!" * 43, "characters"),
])
def test_missing_malformed_and_unknown_credentials_are_unauthenticated(relay, header, reason):
    channel = grpc.insecure_channel(relay.target)
    call = channel.unary_unary("/relay.v1.KeyService/ListKeys")
    metadata = [("authorization", header)] if header else None
    with pytest.raises(grpc.RpcError) as error:
        call(b"", metadata=metadata, timeout=5)
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert reason in error.value.details()


# --- scopes ------------------------------------------------------------------------------------

def readme_scope_table() -> dict[str, set[str]]:
    table = {}
    for line in (ROOT / "README.md").read_text().splitlines():
        match = re.fullmatch(r"\| `(relay\.v1\.\w+/\w+)` \| ([A-Z_, ]+) \|", line)
        if match:
            table["/" + match.group(1)] = {s.strip() for s in match.group(2).split(",")}
    return table


def contract_methods() -> dict[str, tuple[bool, bool]]:
    methods = {}
    for proto in (ROOT / "Protos" / "relay" / "v1").glob("*_service.proto"):
        pb2 = relay_client.module(f"relay.v1.{proto.stem}_pb2")
        for service in pb2.DESCRIPTOR.services_by_name.values():
            for m in service.methods:
                methods[f"/{service.full_name}/{m.name}"] = (m.client_streaming, m.server_streaming)
    return methods


def call_raw(channel, path, kinds, metadata):
    client_streaming, server_streaming = kinds
    try:
        if not client_streaming and not server_streaming:
            channel.unary_unary(path)(b"", metadata=metadata, timeout=10)
        elif not client_streaming:
            for _ in channel.unary_stream(path)(b"", metadata=metadata, timeout=10):
                break
        elif not server_streaming:
            channel.stream_unary(path)(iter([]), metadata=metadata, timeout=10)
        else:
            for _ in channel.stream_stream(path)(iter([]), metadata=metadata, timeout=10):
                break
    except grpc.RpcError as error:
        return error.code(), error.details()
    return grpc.StatusCode.OK, ""


def test_every_rpc_allows_exactly_the_scopes_of_the_readme_table(relay):
    table = readme_scope_table()
    methods = contract_methods()
    assert set(table) == set(methods), "the README's scope table and the contract differ"
    admin = bootstrap_admin(relay)
    keys = {scope: create_key(admin, [scope], name=f"scope {scope}")[1] for scope in ALL_SCOPES}
    channel = grpc.insecure_channel(relay.target)
    for path, kinds in sorted(methods.items()):
        for scope, secret in keys.items():
            code, details = call_raw(channel, path, kinds, [("authorization", f"Bearer {secret}")])
            if scope in table[path]:
                assert code not in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED), (path, scope, code, details)
            else:
                assert code == grpc.StatusCode.PERMISSION_DENIED, (path, scope, code, details)
                needed = sorted(table[path] - {"FULL_ACCESS", "READ_ONLY"}) or ["FULL_ACCESS"]
                assert f"the {needed[0]} scope" in details, (path, details)


def test_a_key_without_full_access_cannot_manage_keys_nor_grant_scopes(relay):
    admin = bootstrap_admin(relay)
    _, send_secret = create_key(admin, ["SEND", "READ_ONLY"])
    with client(relay, send_secret) as sender:
        with pytest.raises(grpc.RpcError) as error:
            create_key(sender, ["SEND"])
        assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "FULL_ACCESS" in error.value.details()


# --- key lifecycle -----------------------------------------------------------------------------

def test_create_get_list_update_with_audit(relay, database):
    admin = bootstrap_admin(relay)
    key, secret = create_key(admin, ["SEND"], name="billing", rate_limits=keys_pb2.RateLimits(per_minute=120))
    assert secret.startswith(key.prefix) and key.key_id.startswith("key_") and key.state == keys_pb2.API_KEY_STATE_ACTIVE
    got = admin.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10).key
    assert got.name == "billing" and got.rate_limits.per_minute == 120 and not got.HasField("revoke_time")
    assert secret not in str(got)
    # Pages of two cover every key once, newest first.
    seen, token = [], ""
    total = admin.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=2), timeout=10).total_size
    while True:
        page = admin.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=2, page_token=token), timeout=10)
        assert len(page.keys) <= 2 and page.total_size == total
        seen += [k.key_id for k in page.keys]
        token = page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == total and key.key_id in seen
    # Update through a field mask: name and scopes change, the minute limit stays.
    update = keys_pb2.UpdateKeyRequest(
        key=keys_pb2.ApiKey(key_id=key.key_id, name="billing v2", scopes=[keys_pb2.KEY_SCOPE_SEND, keys_pb2.KEY_SCOPE_TEMPLATES]),
        update_mask=field_mask_pb2.FieldMask(paths=["name", "scopes"]))
    updated = admin.keys.UpdateKey(update, timeout=10).key
    assert updated.name == "billing v2" and len(updated.scopes) == 2 and updated.rate_limits.per_minute == 120
    for bad in [field_mask_pb2.FieldMask(), field_mask_pb2.FieldMask(paths=["prefix"])]:
        with pytest.raises(grpc.RpcError) as error:
            admin.keys.UpdateKey(keys_pb2.UpdateKeyRequest(key=keys_pb2.ApiKey(key_id=key.key_id), update_mask=bad), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    admin_id = admin.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=500), timeout=10).keys[-1].key_id
    rows = psql(database, "SELECT action || ' ' || coalesce(replace(actor_key_id::text, '-', ''), 'none') FROM api_key_audit_log "
                          "WHERE replace(api_key_id::text, '-', '') = '%s' ORDER BY id" % key.key_id[4:]).splitlines()
    assert rows == [f"create {admin_id[4:]}", f"update {admin_id[4:]}", f"scopes {admin_id[4:]}"]
    assert secret not in psql(database, "SELECT string_agg(changes::text, ' ') FROM api_key_audit_log")


@pytest.mark.parametrize("request_fields, field", [
    (dict(name="", scopes=[keys_pb2.KEY_SCOPE_SEND]), "name"),
    (dict(name="x" * 101, scopes=[keys_pb2.KEY_SCOPE_SEND]), "name"),
    (dict(name="k", scopes=[]), "scopes"),
    (dict(name="k", scopes=[keys_pb2.KEY_SCOPE_UNSPECIFIED]), "scopes"),
    (dict(name="k", scopes=[keys_pb2.KEY_SCOPE_SEND, keys_pb2.KEY_SCOPE_SEND]), "scopes"),
    (dict(name="k", scopes=[keys_pb2.KEY_SCOPE_SEND], rate_limits=keys_pb2.RateLimits(per_second=0)), "rate_limits.per_second"),
])
def test_create_key_rejects_bad_fields_precisely(relay, request_fields, field):
    admin = bootstrap_admin(relay)
    with pytest.raises(grpc.RpcError) as error:
        admin.keys.CreateKey(keys_pb2.CreateKeyRequest(**request_fields), timeout=10)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error.value.details().startswith(field + ":")


def test_expiry_is_honoured_at_its_edge(relay):
    admin = bootstrap_admin(relay)
    with pytest.raises(grpc.RpcError) as error:
        create_key(admin, ["FULL_ACCESS"], expire_time=timestamp(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=1)))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
    key, secret = create_key(admin, ["FULL_ACCESS"], expire_time=timestamp(expires))
    with client(relay, secret) as expiring:
        get = lambda: expiring.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10)
        assert code_of(get) == grpc.StatusCode.OK
        time.sleep(max(0.0, (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds() - 0.5))
        assert code_of(get) == grpc.StatusCode.OK, "the key stopped working before its expiry"
        time.sleep(max(0.0, (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 0.1))
        with pytest.raises(grpc.RpcError) as error:
            get()
        assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED and "expired" in error.value.details()
    assert admin.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10).key.state == keys_pb2.API_KEY_STATE_EXPIRED


def test_rotation_keeps_the_old_secret_for_its_grace_period_only(relay):
    admin = bootstrap_admin(relay)
    key, old = create_key(admin, ["FULL_ACCESS"])
    rotated = admin.keys.RotateKey(keys_pb2.RotateKeyRequest(key_id=key.key_id, grace_period=duration_pb2.Duration(seconds=2)), timeout=10)
    assert rotated.secret != old and rotated.secret.startswith(rotated.key.prefix)
    grace_end = rotated.old_secret_expire_time.ToDatetime(tzinfo=datetime.timezone.utc)
    with client(relay, old) as before, client(relay, rotated.secret) as after:
        get = lambda c: (lambda: c.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10))
        assert code_of(get(after)) == grpc.StatusCode.OK
        assert code_of(get(before)) == grpc.StatusCode.OK
        time.sleep(max(0.0, (grace_end - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 0.1))
        assert code_of(get(before)) == grpc.StatusCode.UNAUTHENTICATED
        assert code_of(get(after)) == grpc.StatusCode.OK
    # The default grace period is 24 hours; a grace of 0 ends the old secret at once.
    again = admin.keys.RotateKey(keys_pb2.RotateKeyRequest(key_id=key.key_id), timeout=10)
    hours = (again.old_secret_expire_time.ToDatetime(tzinfo=datetime.timezone.utc) - datetime.datetime.now(datetime.timezone.utc)).total_seconds() / 3600
    assert 23.9 < hours <= 24
    last = admin.keys.RotateKey(keys_pb2.RotateKeyRequest(key_id=key.key_id, grace_period=duration_pb2.Duration()), timeout=10)
    with client(relay, again.secret) as previous:
        wait_for_code(lambda: previous.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10), grpc.StatusCode.UNAUTHENTICATED, 2)
    with pytest.raises(grpc.RpcError) as error:
        admin.keys.RotateKey(keys_pb2.RotateKeyRequest(key_id=key.key_id, grace_period=duration_pb2.Duration(seconds=8 * 86400)), timeout=10)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert last.secret


def test_a_revoked_key_fails_on_every_instance_within_a_bounded_time(relay, database):
    admin = bootstrap_admin(relay)
    key, secret = create_key(admin, ["FULL_ACCESS"])
    other = Instance(database, "--key-rate-limits", "none", "--org-rate-limits", "none")
    try:
        with client(other, secret) as on_other:
            get = lambda: on_other.keys.GetKey(keys_pb2.GetKeyRequest(key_id=key.key_id), timeout=10)
            assert code_of(get) == grpc.StatusCode.OK  # now cached on the other instance
            revoked = admin.keys.RevokeKey(keys_pb2.RevokeKeyRequest(key_id=key.key_id), timeout=10).key
            assert revoked.state == keys_pb2.API_KEY_STATE_REVOKED and revoked.HasField("revoke_time")
            took = wait_for_code(get, grpc.StatusCode.UNAUTHENTICATED, 5)
            assert took < 2.0
        # Revoking again returns it unchanged.
        again = admin.keys.RevokeKey(keys_pb2.RevokeKeyRequest(key_id=key.key_id), timeout=10).key
        assert again.revoke_time == revoked.revoke_time
    finally:
        assert other.stop() == 0


def test_the_last_full_access_key_cannot_be_revoked(relay, database):
    key_db = database
    admin = bootstrap_admin(relay)
    full = [k for k in admin.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=500), timeout=10).keys
            if keys_pb2.KEY_SCOPE_FULL_ACCESS in k.scopes and k.state == keys_pb2.API_KEY_STATE_ACTIVE]
    bootstrap = [k for k in full if k.name == "bootstrap"][0]
    for k in full:
        if k.key_id != bootstrap.key_id:
            admin.keys.RevokeKey(keys_pb2.RevokeKeyRequest(key_id=k.key_id), timeout=10)
    with pytest.raises(grpc.RpcError) as error:
        admin.keys.RevokeKey(keys_pb2.RevokeKeyRequest(key_id=bootstrap.key_id), timeout=10)
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert psql(key_db, "SELECT count(*) FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) "
                        "AND 1 = ANY(scopes) AND organization_id = "
                        "(SELECT organization_id FROM api_keys WHERE name = 'bootstrap')") == "1"


def test_another_organizations_keys_are_not_found(relay, database):
    admin = bootstrap_admin(relay)
    mine, _ = create_key(admin, ["SEND"])
    made = subprocess.run([RELAY, "keys", "create", "--org", "other tenant", "--scope", "FULL_ACCESS", "--database-url", database],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    other_secret = re.search(r"rly_live_[0-9A-Za-z]{43}", made.stdout).group(0)
    with client(relay, other_secret) as stranger:
        for call in [lambda: stranger.keys.GetKey(keys_pb2.GetKeyRequest(key_id=mine.key_id), timeout=10),
                     lambda: stranger.keys.RevokeKey(keys_pb2.RevokeKeyRequest(key_id=mine.key_id), timeout=10),
                     lambda: stranger.keys.RotateKey(keys_pb2.RotateKeyRequest(key_id=mine.key_id), timeout=10)]:
            assert code_of(call) == grpc.StatusCode.NOT_FOUND
        listed = stranger.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=500), timeout=10).keys
        assert len(listed) == 1 and listed[0].key_id != mine.key_id
    assert admin.keys.GetKey(keys_pb2.GetKeyRequest(key_id=mine.key_id), timeout=10).key.state == keys_pb2.API_KEY_STATE_ACTIVE
