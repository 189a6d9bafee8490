#!/usr/bin/env bash
# A burst of answers for two or more builds alternated in one period: BURST people (1,000) who have joined each submit
# an answer (view_submission), all within one second, spread evenly, one connection each (`requests.js burst`), as at an
# all-hands meeting; Slack shows the person an error if the acknowledgement takes more than 3 s. For each build in turn
# (BUILDS, folders of `dotnet publish -c Release` output; ROUNDS times over), a fresh database and a local stand-in for
# Slack's Web API. Reports each submission's latency (how many within 3 s, p50, p99, max), the answers stored, and the
# CPU the service and (on PostgreSQL) the database server spent from the first join to the last acknowledgement.
# STORE=postgres (BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES) runs on PostgreSQL. Writes results/burst.md
# (results/burst-postgres.md).
#   STORE=postgres BUILDS="/tmp/before /tmp/after" ROUNDS=3 tests/DeliberationBot.Benchmarks/load/burst.sh
# Needs: dotnet, node, sqlite3 or psql.
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${BUILDS:?name the published builds to compare, e.g. BUILDS=\"/tmp/before /tmp/after\"}"
ROUNDS="${ROUNDS:-2}"
BURST="${BURST:-1000}"
STORE="${STORE:-sqlite}"
SUFFIX="$([[ $STORE == postgres ]] && echo -postgres || true)"
[[ $STORE == sqlite || -n ${POSTGRES:-} ]] || { echo "STORE=postgres needs BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES" >&2; exit 1; }
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
LOAD_BEFORE="$(load_average)"

start_slack_stand_in
ROWS=()

run_build() { # round build-number build-folder
  local round="$1" label="$STORE-burst-$1-$2" build="$3" hz; hz="$(getconf CLK_TCK)"
  start_build_with_deliberation "$label" "$build"
  local service_before db_before burst
  service_before="$(cpu_ticks "$SERVICE_PID")"; db_before="$(database_ticks)"
  burst="$(FIRST=$(( 800000 + round * 10000 )) node "$WORK/peers/requests.js" burst "$DELIBERATION" "$BURST" "$OURS")"
  local service=$(( $(cpu_ticks "$SERVICE_PID") - service_before )) db=$(( $(database_ticks) - db_before ))
  local stored; stored="$(count_rows "$STORAGE" answers)"
  ROWS+=("| $round | \`$build\` | $(python3 -c "
import json, sys; b = json.loads(sys.argv[1]); hz = int(sys.argv[4])
cpu = f'{int(sys.argv[2]) / hz:.1f}' + (f' + {int(sys.argv[3]) / hz:.1f}' if sys.argv[5] == 'postgres' else '')
print(f\"{b['ackedWithin3s']} of {b['answersSent']} | {b['p50'] / 1000:.2f} | {b['p99'] / 1000:.2f} | {b['max'] / 1000:.2f} | {b['non2xx']} | {cpu}\")" "$burst" "$service" "$db" "$hz" "$STORE") | $stored | $(service_errors "$label") |")
  stop_service
}

alternate_builds

{
  echo "# A burst of $BURST answers within one second, builds alternated"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo "Each build in each round on a new $([[ $STORE == postgres ]] && echo "PostgreSQL database (the server on this machine)" || echo "SQLite file") with a local stand-in for Slack's Web API. $BURST people join (16 at a time, untimed), then each submits an answer, the $BURST submissions spread evenly over one second, one connection each (\`requests.js burst\`). Latency is from sending a submission to its acknowledgement; Slack's budget is 3 s. CPU is the service's$([[ $STORE == postgres ]] && echo " + the database server's (every postgres process)" || true), in seconds, over the joins and the burst."
  echo "Command: \`${SUFFIX:+STORE=postgres }BUILDS=\"$BUILDS\" ROUNDS=$ROUNDS BURST=$BURST tests/DeliberationBot.Benchmarks/load/burst.sh\`."
  echo
  echo "| round | build | acknowledged within 3 s | p50 s | p99 s | max s | non-2xx | CPU s | answers stored | errors logged |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS_DIR/burst$SUFFIX.md"
cat "$RESULTS_DIR/burst$SUFFIX.md"
