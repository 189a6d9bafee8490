# Shared by the load scripts (sourced): a temporary folder, the peers from npm, the service published in Release and
# started on a free port with its start-up time measured, its databases (SQLite file or a fresh PostgreSQL database,
# dropped afterwards) and row counts.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RESULTS_DIR="$ROOT/tests/DeliberationBot.Benchmarks/results"
WORK="$(mktemp -d /tmp/deliberationbot-load.XXXXXX)"
echo "working in $WORK" >&2
PIDS=()
DATABASES=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "${DATABASES[@]}"; do psql -q -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
wait_for() { # url [any: accept any HTTP answer, not only 2xx]
  local flag=-sf; [[ -n "${2:-}" ]] && flag=-s
  for _ in $(seq 1 1200); do curl $flag -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "nothing answers at $1" >&2; return 1
}
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
machine() { echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB"; }
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

# A process's CPU time so far (user + system), in clock ticks of getconf CLK_TCK.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The database server's CPU ticks with STORE=postgres: every postgres process alive at the moment (the pool keeps its
# backends for the run); 0 on SQLite, whose work is the service's own.
database_ticks() {
  if [[ ${STORE:-sqlite} == postgres ]]; then
    pgrep -x postgres | while read -r pid; do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done | awk '{t += $1} END {print t + 0}'
  else
    echo 0
  fi
}

# PEERS=folder / PUBLISHED=folder reuse an earlier run's npm install / published service (with KEEP=1 it is left in
# the printed temporary folder).
install_peers() { # npm packages…
  if [[ -n "${PEERS:-}" ]]; then ln -s "$PEERS" "$WORK/peers"; cp "$HERE"/*.js "$WORK/peers/"; return; fi
  echo "installing the peers from npm ($*)…" >&2
  npm install --silent --no-audit --no-fund --prefix "$WORK/peers" "$@" >/dev/null
  cp "$HERE"/*.js "$WORK/peers/"
}

publish_service() {
  if [[ -n "${PUBLISHED:-}" ]]; then ln -s "$PUBLISHED" "$WORK/app"; return; fi
  echo "publishing the service (Release)…" >&2
  dotnet publish "$ROOT/src/DeliberationBot.Host" -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
}

# A wrk script of signed Slack requests for one path, each request its own (people numbered from FIRST on): `status`,
# `concern "…"` from the facilitator (person 999999, who started the deliberation), or join + answer modals of the
# deliberation whose id is given. Needs the peers' requests.js in $WORK/peers.
# How many distinct requests each script holds: more than the fastest side completes in a run (Bolt acknowledged
# 6,000 requests/s for 10 s on this machine), since a run that uses them all up stops early and undercounts.
DISTINCT_STATUS="${DISTINCT_STATUS:-150000}"; DISTINCT_CONCERN="${DISTINCT_CONCERN:-100000}"; DISTINCT_PEOPLE="${DISTINCT_PEOPLE:-120000}"
requests_for() { # path first script [deliberation]
  case "$1" in
    status) FIRST=$2 node "$WORK/peers/requests.js" command 'status' "$DISTINCT_STATUS" "$3" ;;
    concern) FIRST=$2 AS=999999 node "$WORK/peers/requests.js" command 'concern "Nobody asked the night shift about case {i}"' "$DISTINCT_CONCERN" "$3" ;;
    people) FIRST=$2 node "$WORK/peers/requests.js" people "$4" "$DISTINCT_PEOPLE" "$3" ;;
    *) echo "unknown path $1 (status, concern, people)" >&2; exit 1 ;;
  esac
}

# One wrk run of a script with $CONNECTIONS connections for $DURATION; prints "requests/s p50-ms p99-ms non-2xx
# completed exhausted" (exhausted, when the number of distinct requests is given: the run used them up and stopped
# early, so its requests/s undercounts; raise N)
measure() { # url script [distinct-requests]
  local out; out="$WORK/wrk-$(date +%s%N).txt"
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$1" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
  # wrk reports a script it cannot load and then runs anyway, sending GETs instead of the signed requests.
  if grep -q '\.lua:' "$out"; then echo "wrk could not load $2:" >&2; cat "$out" >&2; return 1; fi
  python3 -c '
import re, sys
t = sys.stdin.read()
def ms(v):
    n, u = re.match(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1)); p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
total = int(re.search(r"(\d+) requests in", t).group(1))
distinct = int(sys.argv[1])
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {bad.group(1) if bad else 0} {total} {int(distinct > 0 and total >= distinct)}")' "${3:-0}" <"$out" ||
    { cat "$out" >&2; return 1; }
}

# PostgreSQL: BENCH_POSTGRES (an Npgsql connection string to a server where we may create databases), else the tests' one.
POSTGRES="${BENCH_POSTGRES:-${DELIBERATIONBOT_TEST_POSTGRES:-}}"
if [[ -n "$POSTGRES" ]]; then
  eval "$(python3 - "$POSTGRES" <<'PY'
import shlex, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
keys = {k.lower().replace(" ", ""): v for k, v in parts.items()}
env = {"PGHOST": keys.get("host"), "PGPORT": keys.get("port"), "PGUSER": keys.get("username") or keys.get("userid"),
       "PGPASSWORD": keys.get("password"), "PGDATABASE": keys.get("database", "postgres")}
print("\n".join(f"export {k}={shlex.quote(v)}" for k, v in env.items() if v))
PY
)"
fi

# A fresh database for one run: sets STORAGE to the service's storage settings (env assignments, no spaces) and
# remembers a PostgreSQL database for dropping at exit.
fresh_database() { # label
  if [[ "$1" == postgres* ]]; then
    local name; name="deliberationbot_bench_$(date +%s)_$RANDOM"
    psql -q -c "CREATE DATABASE $name" >/dev/null
    DATABASES+=("$name")
    STORAGE="Storage__Provider=Postgres ConnectionStrings__Deliberations=Host=$PGHOST;Port=${PGPORT:-5432};Username=$PGUSER;${PGPASSWORD:+Password=$PGPASSWORD;}Database=$name"
  else
    STORAGE="Storage__Provider=Sqlite Storage__SqlitePath=$WORK/$1.db"
  fi
}

count_rows() { # storage-settings table [where]
  local sql="SELECT count(*) FROM $2 ${3:+WHERE $3}"
  if [[ "$1" == *Postgres* ]]; then
    psql -qtA -d "$(sed -E 's/.*Database=([^; ]*).*/\1/' <<<"$1")" -c "$sql"
  else
    sqlite3 "$(sed -E 's/.*SqlitePath=([^ ]*).*/\1/' <<<"$1")" "$sql"
  fi
}

# Starts the published service with the given settings; sets SERVICE_PID, SERVICE_URL and STARTUP_MS (process start
# to /readyz answering 200). Runtime settings (the garbage collector's included) are the package's own, as on App Service.
start_service() { # label settings…
  local label="$1"; shift
  local port; port="$(free_port)"
  local started; started="$(now_ms)"
  env "$@" Privacy__PseudonymKey="$(head -c 32 /dev/urandom | base64)" Flows__Directory="$ROOT/prompts/flows" \
    Summaries__PromptsDirectory="$ROOT/prompts/summaries" Logging__LogLevel__Default=Warning \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$WORK/app/DeliberationBot.Host.dll" >"$WORK/$label.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
  SERVICE_URL="http://127.0.0.1:$port"
  wait_for "$SERVICE_URL/readyz" || { tail -20 "$WORK/$label.log" >&2; return 1; }
  STARTUP_MS=$(( $(now_ms) - started ))
}

stop_service() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }

# The service's errors during a run (the log is JSON lines; only the messages, never payloads).
service_errors() { grep -c '"LogLevel":"Error"' "$WORK/$1.log" || true; }

# Its errors by kind, as Markdown list items: count, log message, the exception's innermost cause (no request data).
service_error_kinds() { # label
  grep '"LogLevel":"Error"' "$WORK/$1.log" | python3 -c '
import collections, json, sys
kinds = collections.Counter()
for line in sys.stdin:
    entry = json.loads(line)
    lines = (entry.get("Exception") or "").split("\n")
    causes = [l.split("--->", 1)[1].strip() for l in lines if "--->" in l]
    kinds[(entry.get("Message", "")[:100], (causes[-1] if causes else lines[0])[:200])] += 1
for (message, exception), n in kinds.most_common(10):
    print(f"- {n} × {message}: `{exception}`")' || true
}

# With dotnet-counters on PATH (dotnet tool install -g dotnet-counters), the service's runtime counters while it is
# measured, summarised per counter: where the time goes when a target is missed.
profile() { # label pid
  COUNTERS_PID=""
  command -v dotnet-counters >/dev/null || return 0
  dotnet-counters collect -p "$2" --format csv -o "$WORK/counters-$1.csv" \
    --counters 'System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel' >/dev/null 2>&1 &
  COUNTERS_PID=$!
}
stop_profile() {
  [[ -n "${COUNTERS_PID:-}" ]] || return 1
  kill -INT "$COUNTERS_PID" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$COUNTERS_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$COUNTERS_PID" 2>/dev/null || true
  wait "$COUNTERS_PID" 2>/dev/null || true
}
profile_header() { echo "| counter | type | mean per sample | max per sample | sum |"; echo "|---|---|---|---|---|"; }
profile_summary() { # label
  [[ -f "$WORK/counters-$1.csv" ]] || return 0
  python3 - "$WORK/counters-$1.csv" <<'PY'
import csv, sys, collections
values = collections.defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    try: values[(row["Counter Name"], row["Counter Type"])].append(float(row["Mean/Increment"]))
    except (KeyError, ValueError): pass
for (name, kind), v in sorted(values.items()):
    if "kestrel.connection.duration" in name or "last_collection" in name or "jit." in name: continue  # noise for this purpose
    print(f"| {name} | {kind} | {sum(v) / len(v):.4g} | {max(v):.4g} | {sum(v):.4g} |")
PY
}

# With MEMORY=1: what the service's resident memory is made of at this moment, kept in the temporary folder (KEEP=1):
# /proc/<pid>/smaps and, with dotnet-counters on PATH, one sample of the runtime's counters (GC committed, heap, threads).
memory_snapshot() { # label pid
  [[ -n "${MEMORY:-}" ]] || return 0
  cp "/proc/$2/smaps" "$WORK/smaps-$1.txt"
  ls "/proc/$2/task" | wc -l >"$WORK/threads-$1.txt"
  command -v dotnet-counters >/dev/null || return 0
  timeout 20 dotnet-counters collect -p "$2" --format csv -o "$WORK/memory-$1.csv" --refresh-interval 1 \
    --duration 00:00:00:03 --counters System.Runtime >/dev/null 2>&1 || true
}

# For the scripts that compare builds alternated in one period: the local stand-in for Slack's Web API, started once
# (sets SLACK_PORT).
start_slack_stand_in() {
  mkdir -p "$WORK/peers" && cp "$HERE"/*.js "$WORK/peers/" # requests.js and the Web API stand-in need no npm package
  SLACK_PORT="$(free_port)"
  PORT="$SLACK_PORT" node "$WORK/peers/fake-slack.js" & PIDS+=($!)
}

# One build on a fresh SQLite file against the stand-in, with a deliberation started as the facilitator (person 999999):
# sets OURS (the Slack endpoint) and DELIBERATION (its id, from the card the stand-in received).
start_build_with_deliberation() { # label build-folder
  rm -f "$WORK/app"; ln -s "$2" "$WORK/app"
  fresh_database "$1"
  # shellcheck disable=SC2086 # the settings are env assignments without spaces
  start_service "$1" $STORAGE Slack__BotToken=xoxb-bench Slack__SigningSecret="$SLACK_SIGNING_SECRET" \
    Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_PORT/api/"
  OURS="$SERVICE_URL/api/slack/events"
  curl -s -X POST "http://127.0.0.1:$SLACK_PORT/reset" >/dev/null
  node "$WORK/peers/requests.js" send 'start quick-check "Load test proposal"' "$OURS" >/dev/null
  DELIBERATION=""
  for _ in $(seq 1 120); do DELIBERATION="$(curl -s "http://127.0.0.1:$SLACK_PORT/")"; [[ -n $DELIBERATION ]] && break; sleep 0.5; done
  [[ -n $DELIBERATION ]] || { echo "the deliberation card never reached the stand-in for Slack" >&2; exit 1; }
}

# Calls `run_build ROUND NUMBER FOLDER` for each of BUILDS in turn, ROUNDS times over.
alternate_builds() {
  local round number build
  for round in $(seq 1 "$ROUNDS"); do
    number=0
    for build in $BUILDS; do
      number=$((number + 1))
      echo "round $round: $build…" >&2
      run_build "$round" "$number" "$build"
    done
  done
}
