#!/usr/bin/env bash
# Teams load run: the service against a minimal botbuilder 4.23.3 CloudAdapter echo bot, on 127.0.0.1, both trusting
# one local Bot Framework (local-botframework.js: RS256 issuer with OpenID metadata and JWKS, managed-identity token
# endpoint, Bot Connector). Each side gets COUNT message activities ("help", from 200 people in their 1:1 chats),
# CONCURRENCY at a time, each with a valid token; a request is done when its reply has reached the connector.
# Each side runs twice, alternated (the first run includes the runtime compiling the service's hot code). The service
# runs on SQLite. Writes results/teams-vs-botbuilder.md.
#   tests/DeliberationBot.Benchmarks/load/teams-vs-botbuilder.sh
#   COUNT=2000 CONCURRENCY=16 …/teams-vs-botbuilder.sh
# Needs: dotnet, node + npm (the peer is installed from npm into a temporary folder).
set -euo pipefail
source "$(dirname "$0")/common.sh"
COUNT="${COUNT:-2000}"
CONCURRENCY="${CONCURRENCY:-16}"
APP_ID=5b8a3e3c-1f6b-4c6e-9a53-0d6c2a7f0b11
IDENTITY_SECRET="identity-$RANDOM$RANDOM"
LOAD_BEFORE="$(load_average)"

install_peers botbuilder@4.23.3 express@4
publish_service
BF_PORT="$(free_port)"
BF="http://127.0.0.1:$BF_PORT"
PORT="$BF_PORT" APP_ID="$APP_ID" IDENTITY_HEADER="$IDENTITY_SECRET" node "$WORK/peers/local-botframework.js" >"$WORK/botframework.log" 2>&1 & PIDS+=($!)
wait_for "$BF/v1/.well-known/keys"
PEER_PORT="$(free_port)"
PORT="$PEER_PORT" APP_ID="$APP_ID" BOTFRAMEWORK_URL="$BF" node "$WORK/peers/botbuilder-app.js" >"$WORK/botbuilder.log" 2>&1 & PIDS+=($!)
PEER_PID=$!
wait_for "http://127.0.0.1:$PEER_PORT/" any

fresh_database teams
# shellcheck disable=SC2086 # the storage settings are env assignments without spaces
start_service teams $STORAGE Teams__AppId="$APP_ID" Teams__AppType=UserAssignedMSI \
  Teams__TenantId=0f3c2a1b-0000-4000-8000-000000000001 Teams__OpenIdMetadataUrl="$BF/v1/.well-known/openidconfiguration" \
  Teams__AllowLoopbackServiceUrl=true IDENTITY_ENDPOINT="$BF/msi/token" IDENTITY_HEADER="$IDENTITY_SECRET"

drive() { # target label count
  curl -sf -X POST "$BF/run" -d "{\"target\":\"$1\",\"label\":\"$2\",\"count\":$3,\"concurrency\":$CONCURRENCY}"
}

echo "warming up both…" >&2
drive "$SERVICE_URL/api/messages" warm-ours 200 >/dev/null
drive "http://127.0.0.1:$PEER_PORT/api/messages" warm-peer 200 >/dev/null
# Each side twice, alternated, each run with COUNT activities of its own: the first run is the service's first seconds
# under load, while the runtime is still compiling its hot code at the final tier; the second is the steady state.
echo "measuring…" >&2
# Each run also records the bot process's CPU time over it (not the shared driver and connector's), so a change can be
# compared by CPU per reply, which moves far less with the machine's other load than replies per second.
measured() { # pid target label → the driver's JSON with "cpuTicks" added
  local before out; before="$(cpu_ticks "$1")"
  out="$(drive "$2" "$3" "$COUNT")"
  python3 -c 'import json, sys; r = json.loads(sys.argv[1]); r["cpuTicks"] = int(sys.argv[2]); print(json.dumps(r))' "$out" "$(( $(cpu_ticks "$1") - before ))"
}
OURS1="$(measured "$SERVICE_PID" "$SERVICE_URL/api/messages" ours-1)"
PEER1="$(measured "$PEER_PID" "http://127.0.0.1:$PEER_PORT/api/messages" peer-1)"
profile teams "$SERVICE_PID"
OURS2="$(measured "$SERVICE_PID" "$SERVICE_URL/api/messages" ours-2)"
PROFILE=""; stop_profile && PROFILE="$(profile_summary teams)"
PEER2="$(measured "$PEER_PID" "http://127.0.0.1:$PEER_PORT/api/messages" peer-2)"
OURS_RSS="$(rss_mb "$SERVICE_PID")"
PEER_RSS="$(rss_mb "$PEER_PID")"
ERRORS="$(service_errors teams)"

ratio() { python3 -c 'import json, sys; print("%.2f×" % (json.loads(sys.argv[1])["rps"] / json.loads(sys.argv[2])["rps"]))' "$1" "$2"; }
cells() { python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("%.0f | %.1f | %.1f | %.2f | %d/%d | %d | %d" % (r["rps"], r["p50"], r["p99"], r["cpuTicks"] * 1000 / int(sys.argv[2]) / max(r["replies"], 1), r["replies"], r["sent"], r["non2xx"], r["lost"]))' "$1" "$(getconf CLK_TCK)"; }
{
  echo "# Teams: the service against botbuilder-js"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine). Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(load_average)."
  echo ".NET $(dotnet --version) (Release, published, SQLite), Node $(node --version), botbuilder $(node -p "require('$WORK/peers/node_modules/botbuilder/package.json').version") (CloudAdapter, express)."
  echo "Each row: a run of $COUNT message activities (\`help\` in a 1:1 chat, from 200 people), $CONCURRENCY at a time, each POSTed with an RS256 token from one local issuer that both bots trust (OpenID metadata + JWKS with endorsements, on 127.0.0.1);"
  echo "a request is done when its reply has reached the local Bot Connector (the service replies through its durable outbox; botbuilder inside the turn). The driver and the connector are one Node process sharing the cores; the bot's CPU per reply is its own process's (user + system) over the run, divided by the replies."
  echo "Command: \`tests/DeliberationBot.Benchmarks/load/teams-vs-botbuilder.sh\`."
  echo
  echo "| bot | run | replies/s | p50 ms | p99 ms | bot's CPU ms per reply | replied | non-2xx | no reply within 30 s |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| DeliberationBot | 1 | $(cells "$OURS1") |"
  echo "| botbuilder-js echo | 1 | $(cells "$PEER1") |"
  echo "| DeliberationBot | 2 | $(cells "$OURS2") |"
  echo "| botbuilder-js echo | 2 | $(cells "$PEER2") |"
  echo
  echo "Ratio (ours ÷ botbuilder, replies/s): run 1 $(ratio "$OURS1" "$PEER1"), run 2 $(ratio "$OURS2" "$PEER2"). Resident memory after both runs: the service $OURS_RSS MB, botbuilder $PEER_RSS MB. The service's start to \`/readyz\` 200: $STARTUP_MS ms; errors it logged: $ERRORS."
  echo
  if [[ -n "$PROFILE" ]]; then
    echo "The service's runtime counters during its second run (\`dotnet-counters collect\`, 1 s samples):"
    echo
    profile_header
    echo "$PROFILE"
    echo
  fi
  echo "Raw: ours \`$OURS1\`, \`$OURS2\`; botbuilder \`$PEER1\`, \`$PEER2\`."
} | tee "$RESULTS_DIR/teams-vs-botbuilder.md"
