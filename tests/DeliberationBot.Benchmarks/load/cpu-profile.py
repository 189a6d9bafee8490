#!/usr/bin/env python3
"""Where a service's CPU goes, from a dotnet-trace thread-time profile.

  dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o run.nettrace
  dotnet-trace convert --format Speedscope run.nettrace -o run.json      # writes run.speedscope.json
  tests/DeliberationBot.Benchmarks/load/cpu-profile.py run.speedscope.json [FRAME-REGEX]

Thread-time samples cover waiting threads too; this keeps only time whose innermost frame is running managed code
(CPU_TIME) or SQLite's native code, and prints each frame's inclusive share of that time (frames matching the regex,
at least 0.8 %), then the innermost frames. Caution: a thread blocked just inside a managed wait (the thread pool's
semaphore, the finalizer thread, GC suspension) can also be labelled CPU_TIME, so those frames are not evidence of
CPU on their own; compare with the process's CPU time (/proc/PID/stat) before drawing conclusions from them.
"""
import collections
import json
import re
import sys

data = json.load(open(sys.argv[1]))
names = [f["name"] for f in data["shared"]["frames"]]
pattern = re.compile(sys.argv[2]) if len(sys.argv) > 2 else None
inclusive, innermost, total = collections.Counter(), collections.Counter(), 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        if last is not None and stack and at > last:
            leaf = names[stack[-1]]
            parent = names[stack[-2]] if len(stack) > 1 else ""
            if leaf == "CPU_TIME" or (leaf == "UNMANAGED_CODE_TIME" and ("SQLitePCL" in parent or "sqlite3" in parent)):
                span = at - last
                total += span
                innermost[f"{parent} | {leaf}"] += span
                for frame in set(stack):
                    inclusive[names[frame]] += span
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

print(f"running time: {total:.0f} ms")
for name, span in inclusive.most_common():
    if 100 * span / total < 0.8:
        break
    if pattern is None or pattern.search(name):
        print(f"{100 * span / total:6.2f}%  {name[:150]}")
print("--- innermost")
for name, span in innermost.most_common(20):
    print(f"{100 * span / total:6.2f}%  {name[:150]}")
