#!/usr/bin/env bash
# Builds a sideloadable Teams app package: manifest.json (placeholders filled) + the two icons, zipped at the root.
#
#   manifests/teams/package.sh [BOT_ID] [TEAMS_APP_ID] [OUTPUT_ZIP]
#
# BOT_ID is the Microsoft App ID of the Azure Bot resource (Teams:AppId). TEAMS_APP_ID is the Teams app's own GUID;
# it defaults to BOT_ID. Both can also come from the environment variables BOT_ID and TEAMS_APP_ID. The package is
# written to OUTPUT_ZIP (default: deliberationbot-teams.zip in the current folder). Upload it in Teams under
# Apps → Manage your apps → Upload an app → Upload a custom app.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bot_id="${1:-${BOT_ID:-}}"
app_id="${2:-${TEAMS_APP_ID:-$bot_id}}"
out="${3:-deliberationbot-teams.zip}"
guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
if [[ ! "$bot_id" =~ $guid ]]; then
  echo "usage: $0 BOT_ID [TEAMS_APP_ID] [OUTPUT_ZIP]  (or set BOT_ID): the bot's Microsoft App ID, a GUID; got '${bot_id}'" >&2
  exit 2
fi
if [[ ! "$app_id" =~ $guid ]]; then
  echo "TEAMS_APP_ID must be a GUID; got '${app_id}'" >&2
  exit 2
fi
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e "s/{{BOT_ID}}/${bot_id}/g" -e "s/{{TEAMS_APP_ID}}/${app_id}/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
if grep -q '{{' "$work/manifest.json"; then
  echo "manifest.json still has unfilled placeholders" >&2
  exit 1
fi

rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 - "$work" "$out" <<'PY'
import sys, zipfile, os
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(src, name), name)
PY
fi
echo "Teams app package: $out (bot $bot_id, app $app_id)"
