#!/usr/bin/env bash
# `npm test`: every test, in order of speed. Each stage starts and stops its
# own servers on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint and format (ESLint, Prettier)"; npm run --silent lint
echo "== typecheck"; npx tsc --noEmit
# The e2e stage's `next build` need not typecheck again (next.config.js).
export FANLINE_TYPECHECKED=1
echo "== unit"; npm run --silent test:unit
echo "== integration (real Restate server + services)"; npm run --silent test:integration
echo "== chaos (2 min of random runs while random parts are SIGKILLed)"; npm run --silent chaos -- --minutes 2 --settle-minutes 6
echo "== end-to-end (real stack + Chromium)"; npm run --silent test:e2e
echo "== cluster (3 Restate nodes, one killed mid-run)"; npm run --silent test:cluster
