#!/usr/bin/env bash
# Store benchmark, run by hand from the repository root:
#
#   bench/store/run.sh [--seconds 20] [--runs 1] [--clients 8] [--caller loops|global] [--cases LIST] [--out DIR]
#                      [--quiet-wait 600] [--max-other 8] [--attempts 3]
#
# Durable inserts of message rows (~324-byte rows in the anchors' `emails` table) through Relay's
# PostgresPool (relay-bench-store, built here in release) and through pgbench running the
# equivalent SQL, one after the other against the same throwaway PostgreSQL cluster, made exactly
# like ../shared/anchors/pg.sh: a mktemp dir, unix socket only, synchronous_commit=on
# (plus max_connections=100). Every measurement starts from `TRUNCATE emails; CHECKPOINT`, runs
# `--clients` connections for `--seconds`, and has its stored row count checked afterwards.
# Relay's clients run as `relay serve` runs its handlers (`--caller loops`, the default: a pool per
# event loop, each client a task on one loop using that loop's pool), or on Swift's global executor
# with one pool on the shared PostgreSQL loop (`--caller global`).
#
# Cases (default: all), each pgbench script in bench/store/pgbench/:
#   one             Relay pool.query(INSERT … VALUES ($1..$4))       vs one_binds.sql      -M prepared
#   batch-unnest    Relay pool.query(INSERT … SELECT unnest(4 arrays)) vs batch_unnest.sql -M prepared
#   batch-pipeline  Relay pool.pipeline([50 INSERTs])                 vs batch_pipeline.sql -M prepared (\startpipeline)
#   batch-tx        Relay pool.withTransaction { 50 × query }         vs batch_tx.sql       -M prepared
#   anchors         pgbench only: the anchors' own insert1.sql and insert50.sql (simple protocol),
#                   the recorded ceilings (~12k and ~150k rows/s), for reference
# With --runs N every case is measured N times (interleaved) and the table shows medians.
# Raw outputs and the table go to --out (default /tmp/relay-bench-store).
# The machine has to be otherwise idle: before each measurement the script waits (up to
# --quiet-wait seconds, default 600; 0 to skip) until other processes use under 10% of the CPUs;
# a measurement during which CPU time went elsewhere than to the cluster and the client (other
# load: more than --max-other percent of the machine, default 8) is taken again, up to --attempts
# times in all (default 3), and flagged in the table if it stays disturbed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=20 runs=1 clients=8 caller=loops out=/tmp/relay-bench-store quiet_wait=600 max_other=8 attempts=3
cases=one,batch-unnest,batch-pipeline,batch-tx,anchors
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --caller) caller=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --max-other) max_other=$2; shift 2 ;;
    --attempts) attempts=$2; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
TIMEFORMAT='%R %U %S'
rows=50  # rows per batch transaction (the pgbench scripts hold 50 statements)
command_line="bench/store/run.sh --seconds $seconds --runs $runs --clients $clients --caller $caller --cases $cases"

PGBIN=${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
mkdir -p "$out/raw"
out=$(cd "$out" && pwd)
rm -f "$out/raw/"* "$out/results.jsonl"

echo "== building relay-bench-store (swift build -c release)" >&2
(cd "$root" && swift build -c release --product relay-bench-store 2>&1 | tail -1 >&2)
bench="$(cd "$root" && swift build -c release --show-bin-path)/relay-bench-store"

# The cluster, as ../shared/anchors/pg.sh makes it (as the postgres user when we are root).
DIR=$(mktemp -d)
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w start \
  -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -c port=5499 -c synchronous_commit=on -c max_connections=100" >/dev/null
PG=(-h "$DIR" -p 5499 -U postgres)
conninfo="host=$DIR port=5499 user=postgres dbname=postgres"
psql_() { as_pg "$PGBIN/psql" "${PG[@]}" -X -q -v ON_ERROR_STOP=1 "$@" postgres; }
as_pg mkdir "$DIR/scripts" "$DIR/pglog"
cp "$here"/pgbench/*.sql "$DIR/scripts/"
chmod -R a+r "$DIR/scripts"
psql_ -f "$DIR/scripts/schema.sql"
as_pg "$PGBIN/pg_test_fsync" -s 1 -f "$DIR/fsync.test" > "$out/raw/pg_test_fsync.txt"
fsync=$(grep -A4 'one 8kB write' "$out/raw/pg_test_fsync.txt" | awk '$1 == "fdatasync" {print $2, $3; exit}')

# The values relay-bench-store sends, as pgbench variables (text parameters under -M prepared).
body=$(printf 'b%.0s' $(seq 220))
subject='Your invoice is ready for review'
repeat_csv() { local item=$1 n=$2 s=""; for _ in $(seq "$n"); do s+="${s:+,}$item"; done; echo "$s"; }
recipients=""; for g in $(seq $rows); do recipients+="${recipients:+,}user$g@example.com"; done
ONE_VARS=(-D "recipient=user42@example.com" -D "subject=$subject" -D "body=$body")
UNNEST_VARS=(-D "tenants={$(repeat_csv 42 $rows)}" -D "recipients={$recipients}"
  -D "subjects={$(repeat_csv "\"$subject\"" $rows)}" -D "bodies={$(repeat_csv "$body" $rows)}")

reset_table() { psql_ -c 'TRUNCATE emails' -c 'CHECKPOINT'; }
postmaster=$(head -1 "$DIR/data/postmaster.pid")
cpustat() { python3 "$here/cpustat.py" "$postmaster"; }

# measure SIDE CASE RUN ROWS_PER_TX DESCRIPTION COMMAND…: one measurement from an emptied table (and
# a checkpoint), with the client's CPU time (bash's `time`, which counts runuser's child), the
# cluster's and the machine's; its figures go to results.jsonl, its output to raw/. Taken again
# while other load disturbs it (see --max-other).
measure() {
  local attempt
  for attempt in $(seq "$attempts"); do
    measure_once "$@"
    python3 -c 'import json, sys; sys.exit(json.loads(open(sys.argv[1]).read())["other_cpu_pct"] > float(sys.argv[2]))' \
      "$DIR/result.json" "$max_other" && break
    [ "$attempt" -lt "$attempts" ] && echo "   (other load took $(python3 -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["other_cpu_pct"]))' "$DIR/result.json")% of the machine: measuring again)" >&2
  done
  cat "$DIR/result.json" >> "$out/results.jsonl"
}
measure_once() {
  local side=$1 case=$2 run=$3 per_tx=$4 what=$5; shift 5
  local raw="$out/raw/$side-$case-$run.txt"
  reset_table
  as_pg find "$DIR/pglog" -type f -delete
  wait_for_quiet
  echo "-- $side $case (run $run): $what" >&2
  local before after client status=0
  before=$(cpustat)
  { time "$@" > "$raw" 2>&1 || status=$?; } 2> "$DIR/time"
  after=$(cpustat)
  client=$(cat "$DIR/time")
  if [ "$status" != 0 ]; then cat "$raw" >&2; exit 1; fi
  python3 - "$side" "$case" "$run" "$per_tx" "$what" "$(stored_rows)" "$raw" "$DIR/pglog" "$before" "$after" "$client" \
    > "$DIR/result.json" <<'PY'
import glob, json, os, re, sys
side, case, run, per_tx, what, stored, raw, logdir, before, after, client = sys.argv[1:]
per_tx, text = int(per_tx), open(raw).read()
if side == "pgbench":
    tps = float(re.search(r"^tps = ([0-9.]+)", text, re.M).group(1))
    txs = int(re.search(r"actually processed: (\d+)", text).group(1))
    failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", text)) else 0
    seconds = float(re.search(r"^duration: (\d+) s", text, re.M).group(1))
    lat = sorted(int(line.split()[2]) for path in glob.glob(logdir + "/tx*") for line in open(path))
    r = {"transactions": txs, "rows": txs * per_tx, "errors": failed, "tx_per_s": tps, "rows_per_s": tps * per_tx,
         "seconds": seconds, "latency_mean_ms": sum(lat) / len(lat) / 1000 if lat else 0,
         "latency_p99_ms": lat[max(0, -(-99 * len(lat) // 100) - 1)] / 1000 if lat else 0}
else:
    r = json.loads(text.strip().splitlines()[-1])
b, a = json.loads(before), json.loads(after)
real, user, sys_ = (float(x) for x in client.split())
cpus = os.cpu_count()
r.update(side=side, case=case, run=int(run), what=what, stored_rows=int(stored),
         client_cpu_s=user + sys_, cluster_cpu_s=a["cluster"] - b["cluster"],
         machine_busy_pct=100 * (a["busy"] - b["busy"]) / (real * cpus), steal_pct=100 * (a["steal"] - b["steal"]) / (real * cpus),
         other_cpu_pct=100 * max(0.0, (a["busy"] - b["busy"]) - (a["cluster"] - b["cluster"]) - user - sys_) / (real * cpus))
r["client_cpu_us_per_tx"] = 1e6 * r["client_cpu_s"] / max(1, r["transactions"])
print(json.dumps(r))
PY
}

# Waits until the machine is idle apart from this benchmark (an idle cluster uses ~0%): two
# samples of 1 s in a row under 10% busy, for at most $quiet_wait seconds.
wait_for_quiet() {
  local waited=0 calm=0 busy
  while [ "$waited" -lt "$quiet_wait" ]; do
    busy=$(python3 -c '
import time
def sample():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return sum(f), f[3] + f[4]
t1, i1 = sample(); time.sleep(1); t2, i2 = sample()
print(round(100 - 100 * (i2 - i1) / max(1, t2 - t1)))')
    if [ "$busy" -lt 10 ]; then calm=$((calm + 1)); [ "$calm" -ge 2 ] && return 0; else calm=0; fi
    [ "$waited" = 0 ] && [ "$busy" -ge 10 ] && echo "   (the machine is ${busy}% busy with other work: waiting for it to calm down)" >&2
    waited=$((waited + 1))
  done
  [ "$quiet_wait" -gt 0 ] && echo "   (still busy after ${quiet_wait} s: measuring anyway)" >&2
  return 0
}

stored_rows() { psql_ -Atc 'SELECT count(*) FROM emails'; }
PGBENCH=(as_pg "$PGBIN/pgbench" "${PG[@]}" -n -c "$clients" -j 2 -T "$seconds" -l --log-prefix="$DIR/pglog/tx")
RELAY=("$bench" --connection "$conninfo" --clients "$clients" --seconds "$seconds" --caller "$caller")
# pgbench CASE RUN SCRIPT MODE ROWS_PER_TX [VARS…] / relay CASE RUN ROWS_PER_TX ARGS…
run_pgbench() {
  local case=$1 run=$2 script=$3 mode=$4 per_tx=$5; shift 5
  measure pgbench "$case" "$run" "$per_tx" "$script -M $mode" "${PGBENCH[@]}" -M "$mode" -f "$DIR/scripts/$script" "$@" postgres
}
run_relay() {
  local case=$1 run=$2 per_tx=$3; shift 3
  measure relay "$case" "$run" "$per_tx" "$*" "${RELAY[@]}" "$@"
}

for run in $(seq "$runs"); do
  for case in ${cases//,/ }; do
    case "$case" in
      one)
        run_pgbench one "$run" one_binds.sql prepared 1 "${ONE_VARS[@]}"
        run_relay one "$run" 1 --shape one ;;
      batch-unnest)
        run_pgbench batch-unnest "$run" batch_unnest.sql prepared $rows "${UNNEST_VARS[@]}"
        run_relay batch-unnest "$run" $rows --shape batch --method unnest --rows $rows ;;
      batch-pipeline)
        run_pgbench batch-pipeline "$run" batch_pipeline.sql prepared $rows "${ONE_VARS[@]}"
        run_relay batch-pipeline "$run" $rows --shape batch --method pipeline --rows $rows ;;
      batch-tx)
        run_pgbench batch-tx "$run" batch_tx.sql prepared $rows "${ONE_VARS[@]}"
        run_relay batch-tx "$run" $rows --shape batch --method transaction --rows $rows ;;
      anchors)
        run_pgbench anchor-1 "$run" anchor_insert1.sql simple 1
        run_pgbench anchor-50 "$run" anchor_insert50.sql simple 50 ;;
      *) echo "unknown case $case" >&2; exit 2 ;;
    esac
  done
done

pgversion=$("$PGBIN/postgres" --version | awk '{print $3}')
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo "?")
MAX_OTHER=$max_other python3 - "$out/results.jsonl" "$runs" "$seconds" "$clients" "$pgversion" "$fsync" "$command_line" "$commit" <<'PY' | tee "$out/results.md"
import json, statistics, sys, datetime, os
path, runs, seconds, clients, pgversion, fsync, command, commit = sys.argv[1:]
results = [json.loads(line) for line in open(path)]
def med(case, side, key):
    values = [r[key] for r in results if r["case"] == case and r["side"] == side]
    return statistics.median(values) if values else None
print(f"# Store benchmark: durable inserts, Relay's PostgresPool vs pgbench ({datetime.datetime.now():%Y-%m-%d %H:%M})")
print()
print(f"`{command}` — commit {commit}, {os.cpu_count()} CPUs, PostgreSQL {pgversion}, synchronous_commit=on, "
      f"{clients} clients on each side, {seconds} s per measurement, "
      f"{'median of ' + runs + ' runs' if int(runs) > 1 else '1 run'}; disk fdatasync {fsync}.")
print()
print("| shape | Relay call | pgbench equivalent | pgbench rows/s | Relay rows/s | Relay/pgbench "
      "| latency mean / p99, pgbench | latency mean / p99, Relay | client CPU per tx, pgbench | client CPU per tx, Relay |")
print("|---|---|---|---|---|---|---|---|---|---|")
shapes = [
    ("one", "one", "`pool.query(INSERT … VALUES ($1…$4))`", "one_binds.sql, -M prepared"),
    ("batch, 50 rows/tx", "batch-unnest", "`pool.query(INSERT … SELECT * FROM unnest($1…$4))`, 4 array binds", "batch_unnest.sql, -M prepared"),
    ("batch, 50 rows/tx", "batch-pipeline", "`pool.pipeline([50 × INSERT … VALUES ($1…$4)])`", "batch_pipeline.sql, -M prepared (\\startpipeline)"),
    ("batch, 50 rows/tx", "batch-tx", "`pool.withTransaction { 50 × query }`", "batch_tx.sql (BEGIN; 50 INSERTs; COMMIT), -M prepared"),
]
ratios = {}
lat = lambda case, side: f"{med(case, side, 'latency_mean_ms'):.2f} / {med(case, side, 'latency_p99_ms'):.2f} ms"
cpu = lambda case, side: f"{med(case, side, 'client_cpu_us_per_tx'):.0f} µs"
for shape, case, call, script in shapes:
    pg, relay = med(case, "pgbench", "rows_per_s"), med(case, "relay", "rows_per_s")
    if pg is None or relay is None: continue
    ratios[case] = relay / pg
    print(f"| {shape} | {call} | {script} | {pg:,.0f} | {relay:,.0f} | **{relay / pg:.2f}** "
          f"| {lat(case, 'pgbench')} | {lat(case, 'relay')} | {cpu(case, 'pgbench')} | {cpu(case, 'relay')} |")
if med("anchor-1", "pgbench", "rows_per_s") or med("anchor-50", "pgbench", "rows_per_s"):
    print()
    print("The anchors' own scripts on the same server (pgbench, simple protocol, the values made server-side), "
          "beside the best Relay call of the shape:")
    print()
    print("| anchor script | pgbench rows/s | latency mean / p99 | client CPU per tx | best Relay call | Relay rows/s | Relay/anchor |")
    print("|---|---|---|---|---|---|---|")
    for case, script, candidates in (("anchor-1", "insert1.sql", ["one"]),
                                     ("anchor-50", "insert50.sql (INSERT … SELECT generate_series)", ["batch-unnest", "batch-pipeline", "batch-tx"])):
        pg = med(case, "pgbench", "rows_per_s")
        if pg is None: continue
        best = max(((med(c, "relay", "rows_per_s"), c) for c in candidates if med(c, "relay", "rows_per_s") is not None), default=None)
        tail = f"{best[1]} | {best[0]:,.0f} | {best[0] / pg:.2f}" if best else "– | – | –"
        print(f"| {script} | {pg:,.0f} | {lat(case, 'pgbench')} | {cpu(case, 'pgbench')} | {tail} |")
print()
if int(runs) > 1:
    per_run = []
    for case in ratios:
        pairs = [(r, p) for r in results for p in results if r["case"] == p["case"] == case and r["run"] == p["run"]
                 and r["side"] == "relay" and p["side"] == "pgbench"]
        per_run.append(f"{case} " + ", ".join(f"{r['rows_per_s'] / p['rows_per_s']:.2f}" for r, p in pairs))
    print("Relay/pgbench per run: " + "; ".join(per_run) + ".")
    print()
# The target: Relay at ≥ 0.80 × pgbench in both shapes, a batch counting with its best Relay call.
headline = {}
if "one" in ratios: headline["one"] = ("one", ratios["one"])
batch = [(r, c) for c, r in ratios.items() if c.startswith("batch-")]
if batch: headline["batch"] = (max(batch)[1], max(batch)[0])
verdict = lambda r: "met" if r >= 0.8 else "NOT met"
print("Target, Relay ≥ 0.80 × pgbench in both shapes: " + "; ".join(
    f"{shape} {verdict(r)} ({r:.2f}{', with ' + case if case != shape else ''})" for shape, (case, r) in headline.items()) + ".")
busiest = max(results, key=lambda r: r["other_cpu_pct"])
print()
print(f"Machine during the measurements: busy {min(r['machine_busy_pct'] for r in results):.0f}–{max(r['machine_busy_pct'] for r in results):.0f}% "
      f"of {os.cpu_count()} CPUs; CPU used by neither the cluster nor the client at most {busiest['other_cpu_pct']:.1f}% "
      f"({busiest['side']} {busiest['case']} run {busiest['run']}); steal at most {max(r['steal_pct'] for r in results):.1f}%.")
noisy = [r for r in results if r["other_cpu_pct"] > float(os.environ.get("MAX_OTHER", "8"))]
if noisy:
    print()
    print(f"WARNING: other load above {os.environ.get('MAX_OTHER', '8')}% of the machine during " + ", ".join(f"{r['side']} {r['case']} run {r['run']} ({r['other_cpu_pct']:.0f}%)" for r in noisy)
          + ": those figures are disturbed; rerun on a quiet machine.")
bad = [r for r in results if r.get("errors") or r["stored_rows"] != r["rows"]]
if bad:
    print()
    print("WARNING: errors, or a stored row count that differs from the reported one: "
          + ", ".join(f"{r['side']} {r['case']} run {r['run']} ({r['rows']} reported, {r['stored_rows']} stored, {r.get('errors')} errors)" for r in bad))
PY
