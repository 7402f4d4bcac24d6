#!/usr/bin/env bash
# `npm test`: every test, in order of speed. Each stage starts and stops its
# own servers on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint and format (ESLint, Prettier)"; npm run --silent lint
# Next's route types first (what its build would check), into the dir the e2e build uses; tsconfig includes it.
echo "== typecheck"; NEXT_DIST_DIR=.next-e2e npx next typegen >/dev/null && npx tsc --noEmit
echo "== unit"; npm run --silent test:unit
echo "== integration (real Restate server + services)"; npm run --silent test:integration
echo "== chaos (2 min of random runs while random parts are SIGKILLed)"; npm run --silent chaos -- --minutes 2 --settle-minutes 6
# Its `next build` need not typecheck again (next.config.js): the stage above did.
echo "== end-to-end (real stack + Chromium)"; FANLINE_TYPECHECKED=1 npm run --silent test:e2e
echo "== cluster (3 Restate nodes, one killed mid-run)"; npm run --silent test:cluster
