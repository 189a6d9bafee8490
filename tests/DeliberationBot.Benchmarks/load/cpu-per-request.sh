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
# Needs: dotnet, node + npm, wrk.
set -euo pipefail
source "$(dirname "$0")/common.sh"
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

mkdir -p "$WORK/peers" && cp "$HERE"/*.js "$WORK/peers/" # requests.js and the Web API stand-in need no npm package
SLACK_PORT="$(free_port)"
PORT="$SLACK_PORT" node "$WORK/peers/fake-slack.js" & PIDS+=($!)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ROWS=()

run_build() { # round build-number build-folder
  local round="$1" label="cpu-$1-$2" build="$3" d
  rm -f "$WORK/app"; ln -s "$build" "$WORK/app"
  fresh_database "$label"
  # shellcheck disable=SC2086 # the settings are env assignments without spaces
  start_service "$label" $STORAGE Slack__BotToken=xoxb-bench Slack__SigningSecret="$SLACK_SIGNING_SECRET" \
    Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_PORT/api/"
  local ours="$SERVICE_URL/api/slack/events" hz; hz="$(getconf CLK_TCK)"
  curl -s -X POST "http://127.0.0.1:$SLACK_PORT/reset" >/dev/null
  node "$WORK/peers/requests.js" send 'start quick-check "Load test proposal"' "$ours" >/dev/null
  d=""; for _ in $(seq 1 120); do d="$(curl -s "http://127.0.0.1:$SLACK_PORT/")"; [[ -n $d ]] && break; sleep 0.5; done
  [[ -n $d ]] || { echo "the deliberation card never reached the stand-in for Slack" >&2; exit 1; }
  FIRST=900000 node "$WORK/peers/requests.js" command 'status' 5000 "$WORK/warm.lua"
  wrk -t1 -c"$CONNECTIONS" -d5s -s "$WORK/warm.lua" "$ours" >/dev/null

  local row="| $round | \`$build\` |" path run first script before after n rps p50 p99
  for path in $PATHS; do
    requests_for "$path" 700000 "$WORK/$path-$round-warm.lua" "$d"
    wrk -t1 -c"$CONNECTIONS" -d"$WARM" -s "$WORK/$path-$round-warm.lua" "$ours" >/dev/null
    for run in $(seq 1 "$RUNS"); do
      first=$(( run * 100000 ))
      script="$WORK/$path-$round-$run.lua"
      # shellcheck disable=SC2030,SC2031 # PACE_MS is meant for this one generation only
      PACE_MS="${RATE:+$(( CONNECTIONS * 1000 / RATE ))}" requests_for "$path" "$first" "$script" "$d"
      before="$(cpu_ticks "$SERVICE_PID")"
      read -r rps p50 p99 _ n _ <<<"$(measure "$ours" "$script")"
      after="$(cpu_ticks "$SERVICE_PID")"
      row+=" $(python3 -c "print(f'{($after - $before) * 1000 / $hz / $n:.2f} / {$rps:,.0f} / {$p50:.1f} / {$p99:.1f}')") |"
    done
  done
  ROWS+=("$row $(service_errors "$label") |")
  stop_service
}

for round in $(seq 1 "$ROUNDS"); do
  number=0
  for build in $BUILDS; do
    number=$((number + 1))
    echo "round $round: $build…" >&2
    run_build "$round" "$number" "$build"
  done
done

{
  echo "# CPU per Slack request, builds alternated${RATE:+, at $RATE requests/s}"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo "Each build in each round on a new SQLite file; each path first run unmeasured for $WARM, then \`wrk -t1 -c$CONNECTIONS -d$DURATION --latency\` per run${RATE:+, paced to $RATE requests/s (each connection waits a random 0–$(( 2 * CONNECTIONS * 1000 / RATE )) ms before each request)}, every request signed and sent once; the service's CPU (user + system) over the run divided by the requests wrk completed, the requests per second wrk achieved, and its p50 and p99 latency in ms."
  echo "Command: \`${RATE:+RATE=$RATE CONNECTIONS=$CONNECTIONS }BUILDS=\"$BUILDS\" ROUNDS=$ROUNDS RUNS=$RUNS PATHS=\"$PATHS\" tests/DeliberationBot.Benchmarks/load/cpu-per-request.sh\`."
  echo
  header="| round | build |"; rule="|---|---|"
  for path in $PATHS; do for run in $(seq 1 "$RUNS"); do header+=" $path run $run: CPU ms / req/s / p50 / p99 |"; rule+="---|"; done; done
  echo "$header errors logged |"; echo "$rule---|"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS_DIR/cpu-per-request${RATE:+-at-$RATE}.md"
cat "$RESULTS_DIR/cpu-per-request${RATE:+-at-$RATE}.md"
