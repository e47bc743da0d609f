#!/usr/bin/env bash
# Renders a timeline.html to a PNG with headless Chromium, to look at what the report draws.
#
#   scripts/timeline-screenshot.sh [TIMELINE_HTML] [OUT_PNG] [WIDTH,HEIGHT]
#
# Defaults: target/timeline-sample.html (written by TimelineTest), target/timeline.png, 1200,600.
# Installs Chromium with apt-get when it is missing (Debian/Ubuntu, as root).
set -euo pipefail

html=${1:-target/timeline-sample.html}
out=${2:-target/timeline.png}
size=${3:-1200,600}

if [[ ! -f $html ]]; then
    echo "no such file: $html (run: mvn -B -q -o test -Dtest=TimelineTest)" >&2
    exit 2
fi

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
    echo "chromium not found; installing it with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
absolute_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
mkdir -p "$(dirname "$out")"
absolute_out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$absolute_out" --window-size="$size" "file://$absolute_html" 2>/dev/null

if [[ ! -s $absolute_out ]]; then
    echo "chromium wrote no screenshot to $absolute_out" >&2
    exit 1
fi
echo "$absolute_out"
