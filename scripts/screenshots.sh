#!/bin/sh
# Refresh docs/screenshots: the chat widget at desktop and phone widths (an
# answer; on a phone an emergency, a crisis and a triage question) and the
# admin page, rendered by headless chromium from the real server and content.
# Needs Debian's chromium (apt-get install -y chromium).
set -eu
cd "$(dirname "$0")/.."
go test ./internal/widget -count=1 -run 'TestScreenshots' -update
go test ./internal/admin -count=1 -run 'TestAdminPageInChromium' -screenshots ../../docs/screenshots
ls -l docs/screenshots/*.png
