#!/usr/bin/env bash
# bench/send: the mail slice's throughput and latency, run by hand from the repository root.
#
#   bench/send/run.sh [--seconds 15] [--only accept,delivery,events]
#
# One throwaway PostgreSQL cluster (durable: fsync and synchronous_commit on, as the anchors'
# pg.sh) serves, one after the other:
#   pgbench   the anchors' insert1.sql and insert50.sql (-c 8 -j 2), the PostgreSQL ceiling;
#   accept    relay serve (release, no delivery workers) under h2load: SendEmail (one recipient,
#             -c 16 -m 16) and SendEmailBatch of 50 (-c 8 -m 1); accepted messages/s counted in
#             the messages table (not from HTTP statuses), compared with pgbench's single-row
#             transactions/s and 50-row rows/s;
#   delivery  relay serve with 2 delivery workers and the SMTP transport draining the queued
#             messages into Postfix's smtp-sink: DKIM-signed messages delivered per second
#             (rows turned DELIVERED, sampled after a warm-up);
#   events    100 StreamEvents subscribers (grpc.aio) while SendEmail runs at about 200/s:
#             latency from the event's occur_time (taken before the accepting commit) to its
#             arrival at each subscriber, p50 and p99.
# Targets (issue #6): SendEmail >= 40% of pgbench's single-row rate; SendEmailBatch >= 15% of its
# 50-row rows/s (in messages/s); delivery >= 1,000 messages/s; event p99 < 50 ms.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=15 only=accept,delivery,events
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
anchors=$root/../shared/anchors
[ -d "$anchors/pg" ] || { echo "needs ../shared/anchors (the pgbench scripts)" >&2; exit 1; }
command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
if [ ! -x /usr/sbin/smtp-sink ]; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi
bash "$root/scripts/setup.sh" >/dev/null
(cd "$root" && swift build -c release --product relay 2>&1 | tail -1 >&2)
relay="$(cd "$root" && swift build -c release --show-bin-path)/relay"
exec python3 "$root/bench/send/send_bench.py" --relay "$relay" --anchors "$anchors" --seconds "$seconds" --only "$only"
