#!/usr/bin/env bash
# `npm test`: every suite against the real parts. Unit and integration tests (vitest, real
# Docker and registry), then end-to-end tests (Playwright in Debian's Chromium against serve).
# Both always run; the exit code is non-zero if either failed. With CI set, each also writes a
# JSON report that .ci/run sums into one line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare-test-machine.sh || exit 1
npx electron-vite build --logLevel warn || exit 1

vitest_args=()
if [ -n "${CI:-}" ]; then
  rm -f .vitest-results.json .playwright-results.json
  vitest_args=(--reporter=default --reporter=json --outputFile.json=.vitest-results.json)
fi
npx vitest run "${vitest_args[@]}" "$@"
unit=$?
npx playwright test
e2e=$?
[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ]
