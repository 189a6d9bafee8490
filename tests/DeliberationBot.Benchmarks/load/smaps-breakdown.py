#!/usr/bin/env python3
"""What a .NET process's resident memory is made of, from /proc/<pid>/smaps (or a copy of it, as MEMORY=1 keeps):
MB per kind. Assemblies and native libraries are mapped files; the runtime's code and type data live in its
double-mapped memory (W^X); the GC heap is what is resident inside the one large range the GC reserves at start;
glibc's malloc arenas are 64 MB-aligned blocks; a thread stack is a read-write mapping right above a small guard.
    smaps-breakdown.py /proc/<pid>/smaps          one line per kind
    smaps-breakdown.py smaps-sqlite-idle.txt short  one line: gc=… malloc=… runtime=… dll=… so=…
"""
import collections
import re
import sys

MB64 = 64 << 20
vmas = []
for line in open(sys.argv[1]):
    m = re.match(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$", line)
    if m:
        vmas.append(dict(start=int(m[1], 16), end=int(m[2], 16), perm=m[3], name=m[4].strip(), rss=0))
    elif line.startswith("Rss:"):
        vmas[-1]["rss"] = int(line.split()[1])

kinds = collections.Counter()
anonymous = []
for v in vmas:
    name = v["name"]
    if name.endswith(".dll"):
        kinds["dll"] += v["rss"]
    elif ".so" in name or name.endswith("/dotnet"):
        kinds["so"] += v["rss"]
    elif "doublemapper" in name:
        kinds["runtime"] += v["rss"]
    elif name == "[heap]":
        kinds["malloc"] += v["rss"]
    elif name in ("", "[stack]"):
        anonymous.append(v)
    else:
        kinds["other"] += v["rss"]

# The GC's reservation: the run of adjacent anonymous mappings longer than 16 GB.
anonymous.sort(key=lambda v: v["start"])
gc_low = gc_high = 0
run_start = run_end = None
for v in anonymous:
    if run_end != v["start"]:
        run_start = v["start"]
    run_end = v["end"]
    if run_end - run_start > (1 << 34):
        gc_low, gc_high = run_start, run_end

starts = {v["start"] for v in anonymous}
previous = None
for v in anonymous:
    block = v["start"] - v["start"] % MB64
    if v["name"] == "[stack]":
        kinds["stacks"] += v["rss"]
    elif gc_high and gc_low <= v["start"] and v["end"] <= gc_high:
        kinds["gc"] += v["rss"]
    elif block in starts and v["end"] <= block + MB64:
        kinds["malloc"] += v["rss"]
    elif previous and previous["end"] == v["start"] and previous["perm"] == "---p" and previous["end"] - previous["start"] <= 65536:
        kinds["stacks"] += v["rss"]
    else:
        kinds["other"] += v["rss"]
    previous = v

LABELS = {
    "dll": "assemblies (mapped .dll files)",
    "so": "native libraries (.so: runtime, JIT, OpenSSL, ICU, SQLite)",
    "runtime": "the runtime's code and type data (JIT output, stubs, loader heaps; memfd:doublemapper)",
    "gc": "GC heap (resident inside the GC's reservation)",
    "malloc": "native malloc (main heap and arenas: SQLite page caches, runtime and OpenSSL allocations)",
    "stacks": "thread stacks",
    "other": "other anonymous memory and mappings",
}
total = sum(kinds.values())
if sys.argv[2:] == ["short"]:
    print(" ".join(f"{k}={kinds[k] / 1024:.0f}" for k in LABELS) + f" total={total / 1024:.0f}")
else:
    for k, label in LABELS.items():
        print(f"{kinds[k] / 1024:7.1f} MB  {label}")
    print(f"{total / 1024:7.1f} MB  total")
