#!/usr/bin/env bash
# How long the proposal's owner waits to have heard every concern of a burst, for two or more builds alternated in one
# period. Slack lets a workspace post about one message a second (the service paces itself to it), so a burst of
# concerns to one owner queues. For each build in turn (BUILDS, folders of `dotnet publish -c Release` output; ROUNDS
# times over), a fresh SQLite service and a local stand-in for Slack's Web API; the facilitator records CONCERNS
# concerns (`concern "…"`, each signed and sent once, 16 at a time: `requests.js concerns`); then the
# outbox is watched until nothing is pending. Reports the seconds from the last acknowledgement until the owner has
# been sent every notice (or "not within LIMIT s", with what is left), how many messages the notices took, and how
# many calls reached the stand-in for Slack (conversations.open among them).
# STORE=postgres runs on a fresh PostgreSQL database per run instead (BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES).
# Writes results/owner-notices.md (results/owner-notices-postgres.md).
#   BUILDS="/tmp/before /tmp/after" tests/DeliberationBot.Benchmarks/load/owner-notices.sh
#   CONCERNS=200 ROUNDS=2 LIMIT=240 …/owner-notices.sh
# Needs: dotnet, node, sqlite3.
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${BUILDS:?name the published builds to compare, e.g. BUILDS=\"/tmp/before /tmp/after\"}"
ROUNDS="${ROUNDS:-2}"
CONCERNS="${CONCERNS:-200}"
STORE="${STORE:-sqlite}"
SUFFIX="$([[ $STORE == postgres ]] && echo -postgres || true)"
[[ $STORE == sqlite || -n ${POSTGRES:-} ]] || { echo "STORE=postgres needs BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES" >&2; exit 1; }
LIMIT="${LIMIT:-240}"
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
LOAD_BEFORE="$(load_average)"

start_slack_stand_in
ROWS=()

run_build() { # round build-number build-folder
  local round="$1" label="$STORE-notices-$1-$2" build="$3"
  start_build_with_deliberation "$label" "$build"
  local sent; sent="$(FIRST=$(( round * 100000 )) AS=999999 node "$WORK/peers/requests.js" concerns "$CONCERNS" "$OURS")"
  local acked; acked="$(now_ms)"
  local stored; stored="$(count_rows "$STORAGE" concerns)"
  local pending waited="not within ${LIMIT} s"
  while true; do
    pending="$(count_rows "$STORAGE" outbox "\"Status\" = 'pending'")"
    if [[ "$pending" == 0 ]]; then waited="$(python3 -c "print(f'{($(now_ms) - $acked) / 1000:.1f} s')")"; break; fi
    (( $(now_ms) - acked > LIMIT * 1000 )) && { waited+=", $pending messages left"; break; }
    sleep 0.2
  done

  # The owner's notices went to a direct message (everything but the card and its updates, which have a slot).
  local messages; messages="$(count_rows "$STORAGE" outbox "\"Status\" = 'delivered' AND \"SlotKey\" IS NULL")"
  local calls; calls="$(curl -s "http://127.0.0.1:$SLACK_PORT/calls" | python3 -c "import json, sys; c = json.load(sys.stdin); print(f\"{sum(c.values())} ({c.get('conversations.open', 0)})\")")"
  ROWS+=("| $round | \`$build\` | $(python3 -c "import json, sys; r = json.loads(sys.argv[1]); print(f\"{r['statuses'].get('200', 0)} of {r['concerns']} in {r['secondsToAllAcks']:.1f} s\")" "$sent") | $stored | $waited | $messages | $calls | $(service_errors "$label") |")
  stop_service
}

alternate_builds

{
  echo "# How long an owner waits to hear a burst of concerns, builds alternated"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo "Each build in each round on a new $([[ $STORE == postgres ]] && echo "PostgreSQL database" || echo "SQLite file") with a local stand-in for Slack's Web API (the service paces itself to Slack's limits). The facilitator records $CONCERNS concerns (\`requests.js concerns\`: each signed and sent once, 16 at a time), one owner; then the outbox is read every 0.2 s until nothing is pending."
  echo "Command: \`${SUFFIX:+STORE=postgres }BUILDS=\"$BUILDS\" ROUNDS=$ROUNDS CONCERNS=$CONCERNS LIMIT=$LIMIT tests/DeliberationBot.Benchmarks/load/owner-notices.sh\`."
  echo
  echo "| round | build | concerns acknowledged (200), in | concerns stored | from the last acknowledgement until every notice is sent | messages posted (not card updates) | calls to Slack's Web API (of them conversations.open) | errors logged |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS_DIR/owner-notices$SUFFIX.md"
cat "$RESULTS_DIR/owner-notices$SUFFIX.md"
