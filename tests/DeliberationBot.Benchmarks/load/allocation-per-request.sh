#!/usr/bin/env bash
# What the service allocates per Slack request, for two or more builds alternated in one period: the garbage a request
# leaves is what the collector has to clear, and at a steady rate it sets how often the collector pauses everything.
# For each build in turn (BUILDS, folders of `dotnet publish -c Release` output; ROUNDS times over), a fresh SQLite
# service and a local stand-in for Slack's Web API; each path (PATHS: join + answer modals from new people, `concern
# "…"`) is warmed up at full speed, then run for DURATION paced to RATE requests/s while dotnet-counters reads the
# runtime's counters once a second. Reported per path: bytes allocated per request (the median over the run's busy
# seconds, each second's allocation divided by the requests completed in the run per second), gen0 collections and
# time paused per 1,000 requests, and wrk's p50 and p99. Writes results/allocation-per-request.md.
#   BUILDS="/tmp/before /tmp/after" ROUNDS=2 tests/DeliberationBot.Benchmarks/load/allocation-per-request.sh
# Needs: dotnet, dotnet-counters (dotnet tool install -g dotnet-counters), node, wrk.
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${BUILDS:?name the published builds to compare, e.g. BUILDS=\"/tmp/before /tmp/after\"}"
command -v dotnet-counters >/dev/null || { echo "needs dotnet-counters: dotnet tool install -g dotnet-counters" >&2; exit 1; }
ROUNDS="${ROUNDS:-2}"
PATHS="${PATHS:-people concern}"
RATE="${RATE:-500}"
DURATION="${DURATION:-8s}"
CONNECTIONS=50
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
LOAD_BEFORE="$(load_average)"

start_slack_stand_in
ROWS=()

# One table cell from a counters file: KB per request / gen0 per 1,000 / ms paused per 1,000 / p50 / p99.
cell() { # counters.csv requests seconds p50 p99
  python3 - "$@" <<'PY'
import csv, statistics, sys
path, n, seconds, p50, p99 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
rows = list(csv.reader(open(path)))[1:]
def per_second(prefix, tag=""):
    return {r[0]: float(r[4]) for r in rows if r[2].startswith(prefix) and tag in r[2]}
work = per_second("dotnet.thread_pool.work_item.count")
# The run's busy seconds, less the first and last, which the run only partly covers.
busy = sorted(t for t, v in work.items() if v > 1000)[1:-1]
allocated = per_second("dotnet.gc.heap.total_allocated")
gen0, paused = per_second("dotnet.gc.collections", "gen0"), per_second("dotnet.gc.pause.time")
rps = n / seconds
kb = statistics.median(allocated[t] for t in busy) / rps / 1024
per_thousand = lambda series: sum(series.get(t, 0) for t in busy) / (rps * len(busy)) * 1000
print(f"{kb:.1f} / {per_thousand(gen0):.1f} / {per_thousand(paused) * 1000:.1f} / {p50:.1f} / {p99:.1f}")
PY
}

run_build() { # round build-number build-folder
  local round="$1" label="alloc-$1-$2" build="$3"
  start_build_with_deliberation "$label" "$build"
  local row="| $round | \`$build\` |" path counters collector rps p50 p99 n
  for path in $PATHS; do
    requests_for "$path" 700000 "$WORK/$path-$round-warm.lua" "$DELIBERATION"
    CONNECTIONS=16 DURATION=10s measure "$OURS" "$WORK/$path-$round-warm.lua" >/dev/null
    PACE_MS=$(( CONNECTIONS * 1000 / RATE )) requests_for "$path" 100000 "$WORK/$path-$round.lua" "$DELIBERATION"
    counters="$WORK/counters-$label-$path.csv"
    dotnet-counters collect -p "$SERVICE_PID" --refresh-interval 1 --format csv -o "$counters" --counters System.Runtime >/dev/null 2>&1 &
    collector=$!
    sleep 2 # the session is open before the run starts
    read -r rps p50 p99 _ n _ <<<"$(measure "$OURS" "$WORK/$path-$round.lua")"
    sleep 2
    # dotnet-counters writes each second as it goes; it is stopped outright once the run's seconds are in the file.
    kill -KILL "$collector" 2>/dev/null || true; wait "$collector" 2>/dev/null || true
    row+=" $(cell "$counters" "$n" "${DURATION%s}" "$p50" "$p99") |"
  done
  ROWS+=("$row $(service_errors "$label") |")
  stop_service
}

alternate_builds

{
  echo "# Allocated per Slack request, builds alternated, at $RATE requests/s"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo "Each build in each round on a new SQLite file; each path warmed up for 10 s at full speed, then \`wrk -t1 -c$CONNECTIONS -d$DURATION --latency\` paced to $RATE requests/s, every request signed and sent once, while \`dotnet-counters\` read the service's runtime counters each second. KB per request: the median over the run's busy seconds of the bytes allocated that second, divided by the run's requests per second. gen0 and ms paused: collections and time the collector paused the service, per 1,000 requests. p50 and p99: wrk's latency in ms."
  echo "Command: \`RATE=$RATE BUILDS=\"$BUILDS\" ROUNDS=$ROUNDS PATHS=\"$PATHS\" tests/DeliberationBot.Benchmarks/load/allocation-per-request.sh\`."
  echo
  header="| round | build |"; rule="|---|---|"
  for path in $PATHS; do header+=" $path: KB per request / gen0 per 1,000 / ms paused per 1,000 / p50 / p99 |"; rule+="---|"; done
  echo "$header errors logged |"; echo "$rule---|"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS_DIR/allocation-per-request.md"
cat "$RESULTS_DIR/allocation-per-request.md"
