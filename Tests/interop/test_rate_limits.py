"""Rate limits of `relay serve`, end to end: each of the four windows of a key driven past its
limit (status, RetryInfo, QuotaFailure, retry-after), an organization's limit over all its keys,
and two instances on one database holding one combined budget."""
from __future__ import annotations

import datetime
import math
import threading
import time

import grpc
import pytest

from relay_instances import Instance, ScratchCluster
import relay_client  # noqa: E402 (its path comes from relay_instances)

keys_pb2 = relay_client.module("relay.v1.key_service_pb2")
status_pb2 = relay_client.module("google.rpc.status_pb2")
details_pb2 = relay_client.module("google.rpc.error_details_pb2")
WINDOW_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@pytest.fixture(scope="module")
def cluster():
    c = ScratchCluster()
    yield c
    c.close()


@pytest.fixture
def database(cluster):
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


def start(database, *limits) -> Instance:
    return Instance(database, *(limits or ("--key-rate-limits", "none", "--org-rate-limits", "none")))


def key_with_limits(instance, **limits):
    with relay_client.RelayClient(instance.target, instance.secret) as admin:
        response = admin.keys.CreateKey(keys_pb2.CreateKeyRequest(
            name="limited", scopes=[keys_pb2.KEY_SCOPE_FULL_ACCESS], rate_limits=keys_pb2.RateLimits(**limits)), timeout=10)
    return response.key, response.secret


def list_call(instance, secret):
    channel = relay_client.RelayClient(instance.target, secret)
    return channel, lambda: channel.keys.ListKeys.with_call(keys_pb2.ListKeysRequest(page_size=1), timeout=10)


def at_window_start(seconds: int, budget: float) -> None:
    """Waits until at least `budget` seconds are left in the current window of `seconds`."""
    left = seconds - time.time() % seconds
    if left < budget:
        time.sleep(left + 0.05)


def details_of(error: grpc.RpcError):
    raw = dict(error.trailing_metadata())["grpc-status-details-bin"]
    status = status_pb2.Status.FromString(raw)
    found = {}
    for any_detail in status.details:
        for kind in (details_pb2.RetryInfo, details_pb2.QuotaFailure):
            if any_detail.Is(kind.DESCRIPTOR):
                message = kind()
                any_detail.Unpack(message)
                found[kind.__name__] = message
    return found


@pytest.mark.parametrize("window", ["second", "minute", "hour", "day"])
def test_each_window_of_a_key_stops_at_its_limit_and_says_when_to_retry(database, window):
    instance = start(database)
    try:
        limit = 3
        key, secret = key_with_limits(instance, **{f"per_{window}": limit})
        channel, call = list_call(instance, secret)
        with channel:
            at_window_start(WINDOW_SECONDS[window], 0.6 if window == "second" else 5)
            for _ in range(limit):
                call()
            with pytest.raises(grpc.RpcError) as error:
                call()
            now = time.time()
        e = error.value
        assert e.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert f"at most {limit} calls per {window} for key:{key.key_id}" in e.details()
        expected = WINDOW_SECONDS[window] - now % WINDOW_SECONDS[window]
        retry_after = int(dict(e.trailing_metadata())["retry-after"])
        assert retry_after == math.ceil(expected) or abs(retry_after - expected) <= 1.5, (retry_after, expected)
        found = details_of(e)
        delay = found["RetryInfo"].retry_delay.seconds + found["RetryInfo"].retry_delay.nanos / 1e9
        assert abs(delay - expected) < 1.5 and 0 < delay <= WINDOW_SECONDS[window]
        violation = found["QuotaFailure"].violations[0]
        assert violation.subject == f"key:{key.key_id}" and violation.quota_id == f"calls-per-{window}" and violation.quota_value == limit
        if window == "second":
            time.sleep(expected + 0.05)
            with relay_client.RelayClient(instance.target, secret) as again:
                again.keys.ListKeys(keys_pb2.ListKeysRequest(page_size=1), timeout=10)
    finally:
        assert instance.stop() == 0


def test_an_organizations_limit_counts_all_its_keys(database):
    instance = start(database, "--key-rate-limits", "none", "--org-rate-limits", "minute=10")
    try:
        at_window_start(60, 10)
        _, first = key_with_limits(instance)  # CreateKey is the org's first call of the minute
        _, second = key_with_limits(instance)
        admitted = 2
        codes = []
        for secret in [first, second] * 6:
            channel, call = list_call(instance, secret)
            with channel:
                try:
                    call()
                    admitted += 1
                except grpc.RpcError as error:
                    codes.append(error.code())
                    assert "per minute for organization:org_" in error.details()
        assert admitted == 10 and codes and set(codes) == {grpc.StatusCode.RESOURCE_EXHAUSTED}
    finally:
        assert instance.stop() == 0


def test_two_instances_on_one_database_hold_one_combined_budget(database):
    a = start(database)
    b = start(database)
    try:
        limit = 200
        _, secret = key_with_limits(a, per_minute=limit)
        at_window_start(60, 25)
        admitted = [0, 0]
        exhausted = [0, 0]
        lock = threading.Lock()

        def hammer(index, instance):
            channel, call = list_call(instance, secret)
            with channel:
                for _ in range(80):
                    try:
                        call()
                        with lock:
                            admitted[index] += 1
                    except grpc.RpcError as error:
                        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, error
                        with lock:
                            exhausted[index] += 1

        threads = [threading.Thread(target=hammer, args=(i % 2, (a, b)[i % 2])) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(admitted)
        # Never more than the limit; fewer by at most one lease (limit / 20) per instance.
        assert limit - 2 * (limit // 20) <= total <= limit, (admitted, exhausted)
        assert admitted[0] > 0 and admitted[1] > 0 and sum(exhausted) == 640 - total
    finally:
        assert a.stop() == 0
        assert b.stop() == 0


def test_an_organization_lowers_its_own_limits_through_the_api_but_cannot_raise_them(database):
    orgs_pb2 = relay_client.module("relay.v1.organization_service_pb2")
    from google.protobuf import field_mask_pb2
    instance = start(database, "--key-rate-limits", "none", "--org-rate-limits", "minute=50")
    try:
        with relay_client.RelayClient(instance.target, instance.secret) as admin:
            org = admin.organizations.GetOrganization(orgs_pb2.GetOrganizationRequest(), timeout=10).organization
            assert org.name == "default" and org.organization_id.startswith("org_")
            assert not org.HasField("rate_limits") and org.effective_rate_limits.per_minute == 50

            def update(paths, **fields):
                return admin.organizations.UpdateOrganization(orgs_pb2.UpdateOrganizationRequest(
                    organization=orgs_pb2.Organization(**fields), update_mask=field_mask_pb2.FieldMask(paths=paths)), timeout=10)

            for paths, fields, field in [
                (["rate_limits.per_minute"], dict(rate_limits=keys_pb2.RateLimits(per_minute=51)), "organization.rate_limits.per_minute"),
                (["default_key_rate_limits"], dict(default_key_rate_limits=keys_pb2.RateLimits(per_minute=60)),
                 "organization.default_key_rate_limits.per_minute"),
                (["name"], dict(name=""), "organization.name"),
                ([], {}, "update_mask"),
            ]:
                with pytest.raises(grpc.RpcError) as error:
                    update(paths, **fields)
                assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error.value.details().startswith(field + ":"), error.value
            at_window_start(60, 15)
            lowered = update(["name", "rate_limits.per_minute"], name="Contoso", rate_limits=keys_pb2.RateLimits(per_minute=6)).organization
            assert lowered.name == "Contoso" and lowered.rate_limits.per_minute == 6 and lowered.effective_rate_limits.per_minute == 6
        # Every key's cached credential is dropped: the lower limit holds at once.
        channel, call = list_call(instance, instance.secret)
        with channel:
            codes = []
            for _ in range(12):
                try:
                    call()
                    codes.append(grpc.StatusCode.OK)
                except grpc.RpcError as error:
                    codes.append(error.code())
                    assert "per minute for organization:org_" in error.details()
        assert grpc.StatusCode.RESOURCE_EXHAUSTED in codes and codes.count(grpc.StatusCode.OK) <= 6, codes
    finally:
        assert instance.stop() == 0
