#!/usr/bin/env bash
# Slack load run: the service against a minimal @slack/bolt 5.x app (HTTP mode, acknowledge only), on 127.0.0.1, driven
# by the same wrk with the same signed requests, one after the other in one run; then a burst of 1,000 answers from
# 1,000 people within one second. On SQLite, then on PostgreSQL (a fresh database, dropped afterwards) when
# BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES names a server. Writes results/slack-vs-bolt.md.
#   tests/DeliberationBot.Benchmarks/load/slack-vs-bolt.sh
#   DURATION=10s CONNECTIONS=16 BURST=1000 IDLE=60 STORES="sqlite postgres" …/slack-vs-bolt.sh
#   MEMORY=1 KEEP=1 …/slack-vs-bolt.sh   (also keeps smaps and GC counters after the runs and after IDLE, see common.sh)
# Needs: dotnet, node + npm (the peer is installed from npm into a temporary folder), wrk, sqlite3, psql.
set -euo pipefail
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
BURST="${BURST:-1000}"
STORES="${STORES:-sqlite${POSTGRES:+ postgres}}"
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
LOAD_BEFORE="$(load_average)"

install_peers @slack/bolt@5
publish_service
SLACK_PORT="$(free_port)"
PORT="$SLACK_PORT" node "$WORK/peers/fake-slack.js" & PIDS+=($!)
BOLT_PORT="$(free_port)"
PORT="$BOLT_PORT" node "$WORK/peers/bolt-app.js" >"$WORK/bolt.log" 2>&1 & PIDS+=($!)
BOLT_PID=$!
wait_for "http://127.0.0.1:$BOLT_PORT/" any
BOLT="http://127.0.0.1:$BOLT_PORT/slack/events"

ROWS=()
RAW=()
PROFILES=()
row() { # path ours bolt stored
  local r1 a1 b1 bad1 n1 x1 r2 a2 b2 bad2 n2 x2
  read -r r1 a1 b1 bad1 n1 x1 <<<"$2"; read -r r2 a2 b2 bad2 n2 x2 <<<"$3"
  local flag=""; [[ $x1 == 1 || $x2 == 1 ]] && flag=" (ran out of distinct requests)"
  ROWS+=("| $1$flag | $r1 | $a1 | $b1 | $bad1 | $4 | $r2 | $a2 | $b2 | $bad2 | $(python3 -c "print(f'{$r1/$r2:.2f}×')") |")
  RAW+=("$1: ours $2 / Bolt $3")
}

run_store() { # label
  local label="$1" settings ours d
  fresh_database "$label"
  settings="$STORAGE"
  # shellcheck disable=SC2086 # the settings are env assignments without spaces
  start_service "$label" $settings Slack__BotToken=xoxb-bench Slack__SigningSecret="$SLACK_SIGNING_SECRET" \
    Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_PORT/api/"
  local startup="$STARTUP_MS"
  ours="$SERVICE_URL/api/slack/events"
  curl -s -X POST "http://127.0.0.1:$SLACK_PORT/reset" >/dev/null
  node "$WORK/peers/requests.js" send 'start quick-check "Load test proposal"' "$ours" >/dev/null
  d=""; for _ in $(seq 1 120); do d="$(curl -s "http://127.0.0.1:$SLACK_PORT/")"; [[ -n $d ]] && break; sleep 0.5; done
  [[ -n $d ]] || { echo "the deliberation card never reached the fake Slack" >&2; exit 1; }

  # Each path runs twice on each side, with requests of its own each time (FIRST): the first run meets code paths the
  # runtime has not yet compiled at full speed (tiered compilation), the second the service as it runs for the rest
  # of its life. A path's requests are written just before its runs: Slack's signatures hold for five minutes, and
  # writing every path's first took longer than that.
  write_requests() { # path
    echo "$label: writing signed requests for $1…" >&2
    local run; for run in 1 2; do requests_for "$1" $(( (run - 1) * 100000 )) "$WORK/$1-$run.lua" "$d"; done
  }
  FIRST=700000 node "$WORK/peers/requests.js" command 'status' 5000 "$WORK/warm.lua"
  measure "$ours" "$WORK/warm.lua" 5000 >/dev/null # connection pools, both sides
  measure "$BOLT" "$WORK/warm.lua" 5000 >/dev/null

  echo "$label: measuring…" >&2
  local status_ours1 status_ours2 status_bolt1 status_bolt2 concern_ours1 concern_ours2 concern_bolt1 concern_bolt2 people_ours1 people_ours2 people_bolt1 people_bolt2 concerns people
  write_requests status
  status_ours1="$(measure "$ours" "$WORK/status-1.lua" "$DISTINCT_STATUS")"; status_ours2="$(measure "$ours" "$WORK/status-2.lua" "$DISTINCT_STATUS")"
  status_bolt1="$(measure "$BOLT" "$WORK/status-1.lua" "$DISTINCT_STATUS")"; status_bolt2="$(measure "$BOLT" "$WORK/status-2.lua" "$DISTINCT_STATUS")"
  write_requests concern
  profile "$label" "$SERVICE_PID"
  concern_ours1="$(measure "$ours" "$WORK/concern-1.lua" "$DISTINCT_CONCERN")"
  stop_profile && PROFILES+=("$(profile_summary "$label")")
  concern_ours2="$(measure "$ours" "$WORK/concern-2.lua" "$DISTINCT_CONCERN")"
  concern_bolt1="$(measure "$BOLT" "$WORK/concern-1.lua" "$DISTINCT_CONCERN")"; concern_bolt2="$(measure "$BOLT" "$WORK/concern-2.lua" "$DISTINCT_CONCERN")"
  concerns="$(count_rows "$settings" concerns)"
  write_requests people
  people_ours1="$(measure "$ours" "$WORK/people-1.lua" "$DISTINCT_PEOPLE")"; people_ours2="$(measure "$ours" "$WORK/people-2.lua" "$DISTINCT_PEOPLE")"
  people_bolt1="$(measure "$BOLT" "$WORK/people-1.lua" "$DISTINCT_PEOPLE")"; people_bolt2="$(measure "$BOLT" "$WORK/people-2.lua" "$DISTINCT_PEOPLE")"
  people=$(( $(count_rows "$settings" participants) + $(count_rows "$settings" answers) ))
  local acked_concerns=$(( $(cut -d' ' -f5 <<<"$concern_ours1") + $(cut -d' ' -f5 <<<"$concern_ours2") ))
  local acked_people=$(( $(cut -d' ' -f5 <<<"$people_ours1") + $(cut -d' ' -f5 <<<"$people_ours2") ))
  row "$label: \`status\` (read), first run" "$status_ours1" "$status_bolt1" "—"
  row "$label: \`status\` (read), second run" "$status_ours2" "$status_bolt2" "—"
  row "$label: \`concern \"…\"\` (commit + outbox), first run" "$concern_ours1" "$concern_bolt1" "$concerns concerns / $acked_concerns acknowledged in both runs"
  row "$label: \`concern \"…\"\` (commit + outbox), second run" "$concern_ours2" "$concern_bolt2" "(both runs above)"
  row "$label: view_submission, join + answer, many people, first run" "$people_ours1" "$people_bolt1" "$people rows / $acked_people acknowledged in both runs"
  row "$label: view_submission, join + answer, many people, second run" "$people_ours2" "$people_bolt2" "(both runs above)"

  echo "$label: a burst of $BURST answers within one second…" >&2
  local before after burst
  before="$(count_rows "$settings" answers)"
  burst="$(FIRST=800000 node "$WORK/peers/requests.js" burst "$d" "$BURST" "$ours")"
  after="$(count_rows "$settings" answers)"
  BURSTS+=("| $label | $(python3 -c "
import json, sys; b = json.loads(sys.argv[1])
print(f\"{b['people']} | {b['secondsToAllAcks']:.2f} | {b['ackedWithin3s']} | {b['non2xx']} | {int(sys.argv[3]) - int(sys.argv[2])} | {b['p50']:.0f} | {b['p99']:.0f} | {b['max']:.0f}\")" "$burst" "$before" "$after") |")
  RAW+=("$label burst: $burst; answers stored before $before, after $after")

  # Resident memory at once, and after a minute with no requests: what the service keeps, not only what a burst left.
  local rss_after; rss_after="$(rss_mb "$SERVICE_PID")"
  memory_snapshot "$label-after-runs" "$SERVICE_PID"
  sleep "${IDLE:-60}"
  memory_snapshot "$label-idle" "$SERVICE_PID"
  SERVICES+=("| $label | $startup | $rss_after | $(rss_mb "$SERVICE_PID") | $(service_errors "$label") |")
  ERRORS+=("$label:" "$(service_error_kinds "$label")")
  stop_service
}

BURSTS=()
SERVICES=()
ERRORS=()
for store in $STORES; do run_store "$store"; done
BOLT_RSS="$(rss_mb "$BOLT_PID")"

{
  echo "# Slack: the service against Bolt"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo ".NET $(dotnet --version) (Release, published), Node $(node --version), @slack/bolt $(node -p "require('$WORK/peers/node_modules/@slack/bolt/package.json').version"), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)${POSTGRES:+, PostgreSQL $(psql -qtA -c "SHOW server_version")}."
  echo "Each cell: \`wrk -t1 -c$CONNECTIONS -d$DURATION --latency\`, every request signed as Slack signs it, each with its own \`trigger_id\` (modals: view id and hash) and no request sent twice, on 127.0.0.1; the load tool shares the cores."
  echo "Bolt only acknowledges; the service acknowledges after the write is committed with its outbox row, its outbox worker sending to a local stand-in for Slack's Web API at the same time."
  echo "\`concern\` is typed by the facilitator into one deliberation; the join + answer run has each new person join and, 64 requests later, answer the first question."
  echo "Each path runs twice on each side, the second run right after the first with requests of its own: the first meets the service's code for that path before the runtime has compiled it at full speed (tiered compilation: precompiled code first, recompiled once hot), the second shows the service as it runs from then on."
  echo "Stored: rows counted in the database after the run against the requests wrk saw acknowledged (up to $CONNECTIONS more may have been in flight when wrk stopped)."
  echo "Command: \`tests/DeliberationBot.Benchmarks/load/slack-vs-bolt.sh\`."
  echo
  echo "| path | ours req/s | ours p50 ms | ours p99 ms | ours non-2xx | stored | Bolt req/s | Bolt p50 ms | Bolt p99 ms | Bolt non-2xx | ours ÷ Bolt |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "A burst: $BURST people who have joined each submit an answer (view_submission), the $BURST submissions spread evenly over one second, one connection each; Slack's budget is 3 s."
  echo
  echo "| store | answers sent | s until the last acknowledgement | acknowledged within 3 s | non-2xx | answers stored | p50 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${BURSTS[@]}"
  echo
  echo "The service: start of the process to \`/readyz\` answering 200, and resident memory after all of the above, at once and after ${IDLE:-60} s without requests (Bolt's: $BOLT_RSS MB)."
  echo
  echo "| store | start to /readyz ms | resident MB after the runs | resident MB ${IDLE:-60} s later | errors logged |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${SERVICES[@]}"
  echo
  echo "The service's errors by kind (count, log message, the exception's innermost cause):"
  echo
  printf '%s\n' "${ERRORS[@]}"
  if [[ ${#PROFILES[@]} -gt 0 ]]; then
    echo
    echo "The service's runtime counters during its \`concern\` run (\`dotnet-counters collect\`, 1 s samples; per store in the order above):"
    echo
    profile_header
    printf '%s\n' "${PROFILES[@]}"
  fi
  echo
  echo "Raw (req/s p50 p99 non-2xx completed exhausted):"
  echo
  printf -- '- %s\n' "${RAW[@]}"
} | tee "$RESULTS_DIR/slack-vs-bolt.md"
