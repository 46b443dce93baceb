"""Driver of bench/send/run.sh (see there): a throwaway cluster, pgbench, relay serve under h2load,
delivery into smtp-sink, and 100 event subscribers."""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "clients" / "python"))
import relay_client  # noqa: E402

common_pb2 = relay_client.module("relay.v1.common_pb2")
send_pb2 = relay_client.module("relay.v1.send_service_pb2")
analytics_pb2 = relay_client.module("relay.v1.analytics_service_pb2")

FROM = "billing@relay.localhost"
BODY = "b" * 220  # the anchors' row: a ~220-byte body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url: str, sql: str) -> str:
    done = subprocess.run(["psql", url, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return done.stdout.strip()


def frame(message) -> bytes:
    data = message.SerializeToString()
    return b"\x00" + len(data).to_bytes(4, "big") + data


def send_request(i: int) -> send_pb2.SendEmailRequest:
    return send_pb2.SendEmailRequest(
        **{"from": common_pb2.EmailAddress(address=FROM)}, to=[common_pb2.EmailAddress(address=f"user{i}@example.com")],
        subject="Your invoice is ready for review", content=send_pb2.EmailContent(text_body=BODY))


SECRET: list[str] = []  # the bootstrap key, printed by the first start only


class Relay:
    def __init__(self, binary: str, url: str, data: str, *extra: str):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["taskset", "-c", "0", binary, "serve", "--listen", f"127.0.0.1:{self.port}", "--database-url", url, "--data-dir", data,
             "--key-rate-limits", "none", "--org-rate-limits", "none", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.log = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            self.log.append(line)
            if re.fullmatch(r"rly_live_[0-9A-Za-z]{43}\n", line):
                SECRET.append(line.strip())
            if "listening on" in line:
                break
        else:
            raise RuntimeError("relay did not start: " + "".join(self.log))
        self.secret = SECRET[0]
        import threading
        threading.Thread(target=lambda: [self.log.append(l) for l in self.proc.stdout], daemon=True).start()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def h2load(relay: Relay, path: str, body: Path, clients: int, streams: int, seconds: int) -> str:
    done = subprocess.run(
        ["taskset", "-c", "1", "h2load", "-D", str(seconds), "-c", str(clients), "-m", str(streams),
         "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", f"authorization: Bearer {relay.secret}",
         "-d", str(body), f"http://127.0.0.1:{relay.port}{path}"], capture_output=True, text=True, timeout=seconds + 120)
    return done.stdout


def checkpoint(url: str) -> None:
    """Every measurement starts after a checkpoint, so none pays for the previous one's writes."""
    psql(url, "CHECKPOINT")


def pgbench(anchors: Path, url: str, script: str, seconds: int) -> float:
    checkpoint(url)
    done = subprocess.run(["pgbench", "-n", "-c", "8", "-j", "2", "-T", str(seconds), "-f", str(anchors / "pg" / script), url],
                          capture_output=True, text=True, timeout=seconds + 120)
    match = re.search(r"^tps = ([0-9.]+)", done.stdout, re.M)
    if not match:
        raise RuntimeError(done.stdout + done.stderr)
    return float(match.group(1))


def count_between(url: str, start: float, end: float) -> int:
    return int(psql(url, f"SELECT count(*) FROM messages WHERE created_at >= to_timestamp({start}) AND created_at < to_timestamp({end})"))


def accept_phase(args, url, relay_url, work, results):
    bench_url = f"{url} dbname=bench"
    psql(url, "CREATE DATABASE bench")
    psql(bench_url, (args.anchors / "pg" / "schema.sql").read_text())
    results["pgbench insert1 tps"] = tps1 = pgbench(args.anchors, bench_url, "insert1.sql", args.seconds)
    results["pgbench insert50 rows/s"] = rows50 = pgbench(args.anchors, bench_url, "insert50.sql", args.seconds) * 50
    relay = Relay(args.relay, relay_url, str(work / "data"), "--delivery-workers", "0")
    try:
        single = work / "single.bin"
        single.write_bytes(frame(send_request(1)))
        batch = work / "batch.bin"
        batch.write_bytes(frame(send_pb2.SendEmailBatchRequest(messages=[send_request(i) for i in range(50)])))
        for name, path, body, clients, streams in [
            ("SendEmail", "/relay.v1.SendService/SendEmail", single, 16, 16),
            ("SendEmailBatch of 50", "/relay.v1.SendService/SendEmailBatch", batch, 8, 1),
        ]:
            checkpoint(relay_url)
            start = time.time()
            output = h2load(relay, path, body, clients, streams, args.seconds)
            end = time.time()
            failed = re.search(r"(\d+) failed, (\d+) errored", output)
            # The steady part of the run: from 2 s in to 1 s before the end.
            accepted = count_between(relay_url, start + 2, end - 1) / (end - 1 - (start + 2))
            results[f"{name} messages/s"] = accepted
            results[f"{name} h2load"] = " ".join(output.split("\n")[-12:-11]) if failed is None else f"{failed.group(0)}"
        results["SendEmail / pgbench insert1"] = results["SendEmail messages/s"] / tps1
        results["SendEmailBatch / pgbench insert50 rows"] = results["SendEmailBatch of 50 messages/s"] / rows50
    finally:
        relay.stop()


def delivery_phase(args, relay_url, work, results):
    queued = int(psql(relay_url, "SELECT count(*) FROM delivery_jobs"))
    if queued < 5000:
        relay = Relay(args.relay, relay_url, str(work / "data"), "--delivery-workers", "0")
        body = work / "single.bin"
        body.write_bytes(frame(send_request(1)))
        h2load(relay, "/relay.v1.SendService/SendEmail", body, 16, 8, 10)
        relay.stop()
        queued = int(psql(relay_url, "SELECT count(*) FROM delivery_jobs"))
    port = free_port()
    sink = subprocess.Popen(["taskset", "-c", "1", "/usr/sbin/smtp-sink", "-u", "postfix", f"127.0.0.1:{port}", "512"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    relay = Relay(args.relay, relay_url, str(work / "data"), "--delivery-workers", "2", "--transport", "smtp",
                  "--smtp-url", f"smtp://127.0.0.1:{port}", "--smtp-starttls", "none")
    try:
        time.sleep(3)
        first = int(psql(relay_url, "SELECT count(*) FROM messages WHERE status = 3"))
        t0 = time.time()
        time.sleep(args.seconds)
        second = int(psql(relay_url, "SELECT count(*) FROM messages WHERE status = 3"))
        t1 = time.time()
        results["delivered messages/s (DKIM-signed, SMTP)"] = (second - first) / (t1 - t0)
        results["delivery queue at start"] = queued
        failed = int(psql(relay_url, "SELECT count(*) FROM messages WHERE status IN (4, 5, 6)"))
        results["deferred/bounced/failed during delivery"] = failed
    finally:
        relay.stop()
        sink.terminate()
        sink.wait()


async def events_phase(args, relay_url, work, results):
    import grpc
    relay = Relay(args.relay, relay_url, str(work / "data"), "--delivery-workers", "0")
    latencies: list[float] = []
    try:
        metadata = (("authorization", f"Bearer {relay.secret}"),)
        target = f"127.0.0.1:{relay.port}"
        # Separate connections (a server takes 100 concurrent streams per connection).
        channels = [grpc.aio.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)]) for _ in range(5)]
        ready = asyncio.Event()
        started = 0
        stop = asyncio.Event()

        async def subscriber(index: int):
            nonlocal started
            stub = relay_client.module("relay.v1.analytics_service_pb2_grpc").AnalyticsServiceStub(channels[index % 4])
            call = stub.StreamEvents(analytics_pb2.StreamEventsRequest(types=[common_pb2.EVENT_TYPE_QUEUED]), metadata=metadata)
            started += 1
            if started == 100:
                ready.set()
            try:
                async for item in call:
                    if item.WhichOneof("payload") == "event":
                        occurred = item.event.occur_time.seconds + item.event.occur_time.nanos / 1e9
                        latencies.append(time.time() - occurred)
                    if stop.is_set():
                        break
            except grpc.aio.AioRpcError:
                pass
            call.cancel()

        tasks = [asyncio.create_task(subscriber(i)) for i in range(100)]
        await ready.wait()
        await asyncio.sleep(1.0)
        sender = relay_client.module("relay.v1.send_service_pb2_grpc").SendServiceStub(channels[4])
        deadline = time.time() + args.seconds
        sent = 0
        while time.time() < deadline:
            await sender.SendEmail(send_request(sent), metadata=metadata)
            sent += 1
            await asyncio.sleep(0.005)
        await asyncio.sleep(1.0)
        stop.set()
        for task in tasks:
            task.cancel()
        for channel in channels:
            await channel.close()
        results["events: messages sent"] = sent
        results["events: deliveries to subscribers"] = len(latencies)
        if latencies:
            ordered = sorted(latencies)
            results["event latency p50 ms"] = 1000 * statistics.median(ordered)
            results["event latency p99 ms"] = 1000 * ordered[int(0.99 * (len(ordered) - 1))]
    finally:
        relay.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relay", required=True)
    parser.add_argument("--anchors", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--only", default="accept,delivery,events")
    args = parser.parse_args()
    phases = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="relay-bench-send-"))
    os.chmod(work, 0o755)
    (work / "pg").mkdir(mode=0o755)
    relay_bin = args.relay
    url = subprocess.run([relay_bin, "db", "start", "--data-dir", str(work / "pg"), "--setting", "max_connections=200"],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    relay_url = url  # `relay db start` makes the `relay` database and prints its connection string
    results: dict[str, object] = {}
    try:
        print(f"bench/send/run.sh --seconds {args.seconds} — {subprocess.run(['git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}, {os.cpu_count()} CPUs")
        if "accept" in phases:
            accept_phase(args, url, relay_url, work, results)
        if "delivery" in phases:
            delivery_phase(args, relay_url, work, results)
        if "events" in phases:
            asyncio.run(events_phase(args, relay_url, work, results))
    finally:
        subprocess.run([relay_bin, "db", "stop", "--data-dir", str(work / "pg")], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| figure | value |")
    print("|---|---|")
    for key, value in results.items():
        print(f"| {key} | {value:,.2f} |" if isinstance(value, float) else f"| {key} | {value} |")
    print()
    targets = [
        ("SendEmail >= 40% of pgbench's single-row rate", "SendEmail / pgbench insert1", lambda v: v >= 0.40),
        ("SendEmailBatch >= 15% of pgbench's 50-row rows/s", "SendEmailBatch / pgbench insert50 rows", lambda v: v >= 0.15),
        ("delivery >= 1,000 messages/s", "delivered messages/s (DKIM-signed, SMTP)", lambda v: v >= 1000),
        ("event p99 < 50 ms (100 subscribers)", "event latency p99 ms", lambda v: v < 50),
    ]
    for label, key, test in targets:
        if key in results:
            print(f"- {'MET   ' if test(results[key]) else 'MISSED'} {label}: {results[key]:.2f}")


if __name__ == "__main__":
    main()
