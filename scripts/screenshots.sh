#!/bin/sh
# Refresh docs/screenshots/widget-*.png: the chat widget at desktop and phone
# widths, rendered by headless chromium from the real server and content.
# Needs Debian's chromium (apt-get install -y chromium).
set -eu
cd "$(dirname "$0")/.."
go test ./internal/widget -count=1 -run 'TestScreenshots' -update
ls -l docs/screenshots/widget-*.png
