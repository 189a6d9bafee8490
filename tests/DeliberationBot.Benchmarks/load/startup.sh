#!/usr/bin/env bash
# Start-up of the published service, the way App Service runs it (`dotnet DeliberationBot.Host.dll` from the release
# package): process start to `/readyz` answering 200, the CPU time the process used until then, and its resident memory
# then. RUNS starts on a fresh database each (migrations included), then RUNS on the database the first start made; on
# SQLite, and on PostgreSQL when BENCH_POSTGRES or DELIBERATIONBOT_TEST_POSTGRES names a server. Prints a Markdown table.
#   tests/DeliberationBot.Benchmarks/load/startup.sh
#   RUNS=10 STORES=sqlite PUBLISHED=/path/to/publish …/startup.sh
# Needs: dotnet, curl, python3; psql for PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS="${RUNS:-5}"
STORES="${STORES:-sqlite${POSTGRES:+ postgres}}"
TICKS="$(getconf CLK_TCK)"

publish_service

cpu_ms() { awk -v t="$TICKS" '{printf "%.0f", ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

ROWS=()
measure_start() { # label database-kind settings…
  local label="$1" kind="$2"; shift 2
  # shellcheck disable=SC2068 # the settings are env assignments without spaces
  start_service "startup-$label" $@
  ROWS+=("| $label | $kind | $STARTUP_MS | $(cpu_ms "$SERVICE_PID") | $(rss_mb "$SERVICE_PID") | $(load_average | cut -d' ' -f1) |")
  stop_service
}

for store in $STORES; do
  for i in $(seq 1 "$RUNS"); do
    fresh_database "$store-$i"
    measure_start "$store" "new (migrations applied)" "$STORAGE"
    EXISTING="$STORAGE"
  done
  for _ in $(seq 1 "$RUNS"); do
    measure_start "$store" "existing (up to date)" "$EXISTING"
  done
done

echo "Start-up on $(machine), $(date -u '+%Y-%m-%d %H:%M') UTC, .NET $(dotnet --version); load average (1 min) in the last column."
echo
echo "| store | database | start to /readyz ms | CPU ms until then | resident MB then | load |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
