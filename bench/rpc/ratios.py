"""Prints Relay's figures from one bench/rpc run as ratios to its peers, and checks the targets."""
import json
import os
import sys

raw = sys.argv[1]


def load(name):
    path = os.path.join(raw, f"{name}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        data = json.load(f)
    unary = {(size, c, m): (med, rss, hwm) for _, size, c, m, med, rss, hwm, _ in data["unary"]}
    stream = {client: rate for _, client, rate, _, _, _ in data["stream"]}
    return unary, stream


relay = load("relay")
if relay is None:
    sys.exit("no relay results")
peers = {name: load(name) for name in ("grpc-swift-2", "nghttpd", "grpcio-py")}
print("\n# Relay against its peers (same run, same harness)\n")
print("| payload | -c/-m | relay req/s | relay mean | relay max | vs grpc-swift-2 | vs nghttpd |")
print("|---|---|---|---|---|---|---|")
verdicts = []
for (size, c, m), (med, rss, hwm) in sorted(relay[0].items()):
    cells = []
    for peer in ("grpc-swift-2", "nghttpd"):
        p = peers.get(peer)
        if p and (size, c, m) in p[0]:
            cells.append(f"{med['rps'] / p[0][(size, c, m)][0]['rps']:.2f}x req/s")
        else:
            cells.append("-")
    print(f"| {size} B | {c}/{m} | {med['rps']:.0f} | {med['mean_us']:.0f} us | {med['max_us']:.0f} us | {cells[0]} | {cells[1]} |")
    swift = peers.get("grpc-swift-2")
    if swift and (c, m) in ((4, 10), (16, 100)):
        ratio = med["rps"] / swift[0][(size, c, m)][0]["rps"]
        verdicts.append((f"unary {size} B -c{c} -m{m} >= 5x grpc-swift-2", ratio >= 5, f"{ratio:.2f}x"))
    if (c, m) == (1, 1) and peers.get("nghttpd"):
        ratio = med["mean_us"] / peers["nghttpd"][0][(size, c, m)][0]["mean_us"]
        verdicts.append((f"-c1 -m1 mean latency {size} B within 1.5x nghttpd", ratio <= 1.5, f"{ratio:.2f}x"))
    if (c, m) == (16, 100):
        verdicts.append((f"no request slower than 1 s at -c16 -m100 ({size} B)", med["max_us"] < 1e6, f"max {med['max_us'] / 1000:.1f} ms"))
    verdicts.append((f"RSS under 32 MiB ({size} B -c{c} -m{m})", hwm < 32 * 1024, f"peak {hwm / 1024:.1f} MiB"))
for client, rate in relay[1].items():
    swift = peers.get("grpc-swift-2")
    if swift and client in swift[1]:
        ratio = rate / swift[1][client]
        print(f"\nstream -> {client}: relay {rate:.0f} msgs/s, {ratio:.2f}x grpc-swift-2")
        if client == "h2load":
            verdicts.append(("streaming >= 2x grpc-swift-2 (h2load reads)", ratio >= 2, f"{ratio:.2f}x"))
print("\n# Targets\n")
for what, ok, figure in verdicts:
    print(f"- {'MET   ' if ok else 'MISSED'} {what}: {figure}")
