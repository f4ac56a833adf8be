#!/usr/bin/env bash
# Development only: (re)start the shared long-running environment in /tmp/mm-dev-env so that several
# developers can run tests against it with MAILMEDIC_TEST_ENV=/tmp/mm-dev-env/env.json.
HERE=$(cd "$(dirname "$0")" && pwd)
D=${1:-/tmp/mm-dev-env}
[ -d "$D" ] && "$HERE/stop.sh" "$D"
pkill -f "nsd -c $D" 2>/dev/null; pkill -f "dovecot -c $D" 2>/dev/null; sleep 0.3
exec "$HERE/start.sh" "$D"
