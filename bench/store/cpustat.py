#!/usr/bin/env python3
"""CPU counters for bench/store/run.sh, in seconds: the machine's busy and steal time (/proc/stat)
and the CPU time of a PostgreSQL cluster (the postmaster, its live children and the children it
has reaped). run.sh takes one snapshot before and one after each measurement, so that the CPU
that went neither to the cluster nor to the client shows other load on the machine.

    cpustat.py POSTMASTER_PID  ->  {"busy": …, "steal": …, "cluster": …}
"""
import json, os, sys

tick = os.sysconf("SC_CLK_TCK")
fields = open("/proc/stat").readline().split()[1:]
user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
pm = int(sys.argv[1])


def stat(pid):
    text = open(f"/proc/{pid}/stat").read()
    return text[text.rindex(")") + 2:].split()  # fields from 3 (state) on


cluster = 0
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    try:
        f = stat(entry)
    except OSError:
        continue
    if int(entry) == pm:
        cluster += sum(int(x) for x in f[11:15])  # utime stime cutime cstime
    elif int(f[1]) == pm:
        cluster += int(f[11]) + int(f[12])  # a live child: utime stime
print(json.dumps({"busy": (user + nice + system + irq + softirq + steal) / tick, "steal": steal / tick, "cluster": cluster / tick}))
