#!/usr/bin/env bash
# The service's own CPU per Slack request, for two or more builds alternated in one period: the figure that says
# whether a change made a path cheaper, less disturbed than throughput by whatever else shares the cores. For each
# build in turn (BUILDS, folders of `dotnet publish -c Release` output; ROUNDS times over), a fresh SQLite service and
# a local stand-in for Slack's Web API; a warm-up, then RUNS runs of each path, each with requests of its own:
# `status`, `concern "…"` (the facilitator, into one deliberation) and join + answer modals from new people. CPU is the
# process's user + system time (/proc/PID/stat) over the run. Each path is first run unmeasured for WARM (10 s), so that
# its code is compiled at its final tier before it is measured (the runtime's tiering thread otherwise takes a sixth of
# the CPU of a path's first seconds). Writes results/cpu-per-request.md.
# With RATE (requests/s), the measured runs are paced instead of as fast as the service answers: each connection
# waits a random 0–2× its share of the interval before each request (wrk's delay()), so latency is the service's at
# that rate, not a queue of 16 connections at saturation; use more connections than the rate needs (CONNECTIONS=50
# for 500/s) and read the achieved rate beside it. Writes results/cpu-per-request-at-RATE.md.
#   BUILDS="/tmp/before /tmp/after" tests/DeliberationBot.Benchmarks/load/cpu-per-request.sh
#   ROUNDS=2 RUNS=1 PATHS="status people" DURATION=10s CONNECTIONS=16 …/cpu-per-request.sh
#   RATE=200 CONNECTIONS=50 PATHS=people …/cpu-per-request.sh
# STORE=postgres runs each build on a fresh PostgreSQL database instead (BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES,
# a server on this machine), and adds the database server's CPU per request: the processes named postgres, which
# share the cores with the service. Writes results/cpu-per-request-postgres.md.
# Needs: dotnet, node + npm, wrk.
set -euo pipefail
source "$(dirname "$0")/common.sh"
STORE="${STORE:-sqlite}"
SUFFIX="$([[ $STORE == postgres ]] && echo -postgres || true)"
[[ $STORE == sqlite || -n ${POSTGRES:-} ]] || { echo "STORE=postgres needs BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES" >&2; exit 1; }
: "${BUILDS:?name the published builds to compare, e.g. BUILDS=\"/tmp/before /tmp/after\"}"
ROUNDS="${ROUNDS:-2}"
RUNS="${RUNS:-1}"
PATHS="${PATHS:-status concern people}"
DURATION="${DURATION:-10s}"
WARM="${WARM:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
RATE="${RATE:-}"
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
LOAD_BEFORE="$(load_average)"

start_slack_stand_in

ROWS=()

# One table cell: CPU ms per request (the service's, + the database server's on PostgreSQL) / req/s / p50 / p99.
cell() { # service-ticks database-ticks hz requests rps p50 p99
  python3 -c '
import sys
service, database, hz, n = (int(v) for v in sys.argv[1:5])
rps, p50, p99 = (float(v) for v in sys.argv[5:8])
cpu = f"{service * 1000 / hz / n:.2f}" + (f" + {database * 1000 / hz / n:.2f}" if sys.argv[8] == "postgres" else "")
print(f"{cpu} / {rps:,.0f} / {p50:.1f} / {p99:.1f}")' "$@" "$STORE"
}

run_build() { # round build-number build-folder
  local round="$1" label="$STORE-cpu-$1-$2" build="$3"
  start_build_with_deliberation "$label" "$build"
  local ours="$OURS" d="$DELIBERATION" hz; hz="$(getconf CLK_TCK)"
  FIRST=900000 node "$WORK/peers/requests.js" command 'status' 5000 "$WORK/warm.lua"
  DURATION=5s measure "$ours" "$WORK/warm.lua" >/dev/null

  local row="| $round | \`$build\` |" path run first script before after n rps p50 p99
  for path in $PATHS; do
    requests_for "$path" 700000 "$WORK/$path-$round-warm.lua" "$d"
    DURATION="$WARM" measure "$ours" "$WORK/$path-$round-warm.lua" >/dev/null
    for run in $(seq 1 "$RUNS"); do
      first=$(( run * 100000 ))
      script="$WORK/$path-$round-$run.lua"
      # shellcheck disable=SC2030,SC2031 # PACE_MS is meant for this one generation only
      PACE_MS="${RATE:+$(( CONNECTIONS * 1000 / RATE ))}" requests_for "$path" "$first" "$script" "$d"
      before="$(cpu_ticks "$SERVICE_PID")"; db_before="$(database_ticks)"
      read -r rps p50 p99 _ n _ <<<"$(measure "$ours" "$script")"
      after="$(cpu_ticks "$SERVICE_PID")"; db_after="$(database_ticks)"
      row+=" $(cell $((after - before)) $((db_after - db_before)) "$hz" "$n" "$rps" "$p50" "$p99") |"
    done
  done
  ROWS+=("$row $(service_errors "$label") |")
  stop_service
}

alternate_builds

{
  echo "# CPU per Slack request, builds alternated${RATE:+, at $RATE requests/s}"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo "Each build in each round on a new $([[ $STORE == postgres ]] && echo "PostgreSQL database (the server on this machine)" || echo "SQLite file"); each path first run unmeasured for $WARM, then \`wrk -t1 -c$CONNECTIONS -d$DURATION --latency\` per run${RATE:+, paced to $RATE requests/s (each connection waits a random 0–$(( 2 * CONNECTIONS * 1000 / RATE )) ms before each request)}, every request signed and sent once; the service's CPU (user + system) over the run divided by the requests wrk completed$([[ $STORE == postgres ]] && echo " (+ the database server's: every postgres process)" || true), the requests per second wrk achieved, and its p50 and p99 latency in ms."
  echo "Command: \`${RATE:+RATE=$RATE CONNECTIONS=$CONNECTIONS }$([[ $STORE == postgres ]] && echo "STORE=postgres " || true)BUILDS=\"$BUILDS\" ROUNDS=$ROUNDS RUNS=$RUNS PATHS=\"$PATHS\" tests/DeliberationBot.Benchmarks/load/cpu-per-request.sh\`."
  echo
  header="| round | build |"; rule="|---|---|"
  for path in $PATHS; do for run in $(seq 1 "$RUNS"); do header+=" $path run $run: CPU ms / req/s / p50 / p99 |"; rule+="---|"; done; done
  echo "$header errors logged |"; echo "$rule---|"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS_DIR/cpu-per-request$SUFFIX${RATE:+-at-$RATE}.md"
cat "$RESULTS_DIR/cpu-per-request$SUFFIX${RATE:+-at-$RATE}.md"
