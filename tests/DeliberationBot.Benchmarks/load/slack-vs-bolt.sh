#!/usr/bin/env bash
# Slack load run: the service against a minimal @slack/bolt 5.x app (HTTP mode, acknowledge only), on 127.0.0.1, driven
# by the same wrk with the same kind of signed requests, one after the other in one run. Writes results/slack-vs-bolt.md.
#   tests/DeliberationBot.Benchmarks/load/slack-vs-bolt.sh            SQLite
#   BENCH_POSTGRES="Host=…;Username=…;Database=…" …/slack-vs-bolt.sh  SQLite, then PostgreSQL
# Needs: dotnet, node + npm (the peer is installed from npm into a temporary folder), wrk (apt-get install wrk).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RESULTS="$ROOT/tests/DeliberationBot.Benchmarks/results/slack-vs-bolt.md"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
export SLACK_SIGNING_SECRET=bench-signing-secret TEAM=T0BENCH CHANNEL=C0BENCH
WORK="$(mktemp -d /tmp/deliberationbot-load.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "nothing answers at $1" >&2; return 1; }

echo "installing the peer from npm…"
npm install --silent --prefix "$WORK/peers" @slack/bolt@5 >/dev/null
cp "$HERE/bolt-app.js" "$WORK/peers/"
echo "publishing the service (Release)…"
dotnet publish "$ROOT/src/DeliberationBot.Host" -c Release -o "$WORK/app" -v quiet -nologo >/dev/null

SLACK_PORT="$(free_port)"
PORT="$SLACK_PORT" node "$HERE/fake-slack.js" & PIDS+=($!)
BOLT_PORT="$(free_port)"
PORT="$BOLT_PORT" node "$WORK/peers/bolt-app.js" >/dev/null & PIDS+=($!)
wait_for_bolt() { for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$BOLT_PORT/" && return 0; sleep 0.5; done; return 1; }
wait_for_bolt

# wrk: requests/s, p50 and p99 in ms, non-2xx count, total requests
measure() { # url script
  local out; out="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$1")"
  echo "$out" | python3 -c '
import re, sys
t = sys.stdin.read()
def ms(v):
    n, u = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[u]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
p50 = ms(re.search(r"50%\s+(\S+)", t).group(1)); p99 = ms(re.search(r"99%\s+(\S+)", t).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
total = int(re.search(r"(\d+) requests in", t).group(1))
errors = re.search(r"Socket errors: (.*)", t)
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {bad.group(1) if bad else 0} {total} {1 if errors else 0}")'
}

ROWS=()
row() { # label ours-line bolt-line
  read -r r1 a1 b1 bad1 n1 e1 <<<"$2"; read -r r2 a2 b2 bad2 n2 e2 <<<"$3"
  ROWS+=("| $1 | $r1 | $a1 | $b1 | $bad1 | $r2 | $a2 | $b2 | $(python3 -c "print(f'{$r1/$r2:.2f}×')") |")
}

run_store() { # label, then env for the service
  local label="$1"; shift
  local app_port; app_port="$(free_port)"
  env "$@" Slack__BotToken=xoxb-bench Slack__SigningSecret="$SLACK_SIGNING_SECRET" Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_PORT/api/" \
    Flows__Directory="$ROOT/prompts/flows" Summaries__PromptsDirectory="$ROOT/prompts/summaries" Storage__SqlitePath="$WORK/$label.db" \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$app_port" DOTNET_gcServer=0 \
    dotnet "$WORK/app/DeliberationBot.Host.dll" >"$WORK/$label.log" 2>&1 & PIDS+=($!)
  local pid=$!
  wait_for "http://127.0.0.1:$app_port/readyz"
  local ours="http://127.0.0.1:$app_port/api/slack/events" bolt="http://127.0.0.1:$BOLT_PORT/slack/events"
  node "$HERE/requests.js" send 'start quick-check "Load test proposal"' "$ours" >/dev/null
  local d=""; for _ in $(seq 1 60); do d="$(curl -s "http://127.0.0.1:$SLACK_PORT/")"; [[ -n $d ]] && break; sleep 0.5; done
  [[ -n $d ]] || { echo "the deliberation card never reached the fake Slack" >&2; exit 1; }

  node "$HERE/requests.js" command 'status' 40000 "$WORK/status.lua"
  node "$HERE/requests.js" command 'concern "Nobody asked the night shift about {i}"' 20000 "$WORK/concern.lua"
  node "$HERE/requests.js" join "$d" 20000 "$WORK/join.lua"
  node "$HERE/requests.js" command 'status' 20000 "$WORK/warm.lua"
  measure "$ours" "$WORK/warm.lua" >/dev/null # warm-up (JIT, connection pools)
  local s_ours s_bolt c_ours c_bolt j_ours j_bolt a_ours a_bolt joined
  s_ours="$(measure "$ours" "$WORK/status.lua")"; s_bolt="$(measure "$bolt" "$WORK/status.lua")"
  c_ours="$(measure "$ours" "$WORK/concern.lua")"; c_bolt="$(measure "$bolt" "$WORK/concern.lua")"
  j_ours="$(measure "$ours" "$WORK/join.lua")"; j_bolt="$(measure "$bolt" "$WORK/join.lua")"
  # Everyone who joined answers the first question (wrk with one thread sends the script's requests in order).
  joined="$(echo "$j_ours" | awk '{print ($5 < 20000 ? $5 : 20000)}')"
  node "$HERE/requests.js" answer "$d" "$joined" "$WORK/answer.lua"
  a_ours="$(measure "$ours" "$WORK/answer.lua")"; a_bolt="$(measure "$bolt" "$WORK/answer.lua")"
  row "$label: \`status\` (read)" "$s_ours" "$s_bolt"
  row "$label: \`concern \"…\"\` (durable write)" "$c_ours" "$c_bolt"
  row "$label: join modal, many people (durable write)" "$j_ours" "$j_bolt"
  row "$label: answer modal, many people (durable write)" "$a_ours" "$a_bolt"
  local rss; rss="$(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1/1024}')"
  ROWS+=("| $label: resident memory after the runs | $rss MB | | | | | | | |")
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run_store sqlite Storage__Provider=Sqlite
if [[ -n "${BENCH_POSTGRES:-}" ]]; then
  run_store postgres Storage__Provider=Postgres ConnectionStrings__Deliberations="$BENCH_POSTGRES"
fi

{
  echo "# Slack: the service against Bolt"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo ".NET $(dotnet --version) (Release, published), Node $(node --version), @slack/bolt $(node -p "require('$WORK/peers/node_modules/@slack/bolt/package.json').version"), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "Each cell: \`wrk -t1 -c$CONNECTIONS -d$DURATION --latency\`, every request signed as Slack signs it, each with its own \`trigger_id\`/user (no repeats within a run), on 127.0.0.1; the load tool shares the cores."
  echo "Bolt only acknowledges; the service acknowledges after the write is committed (and its outbox row with it), with its outbox worker sending to a local stand-in for Slack at the same time."
  echo "Command: \`tests/DeliberationBot.Benchmarks/load/slack-vs-bolt.sh\` (\`BENCH_POSTGRES=…\` adds PostgreSQL)."
  echo
  echo "| path | ours req/s | ours p50 ms | ours p99 ms | ours non-2xx | Bolt req/s | Bolt p50 ms | Bolt p99 ms | ours ÷ Bolt |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$RESULTS"
