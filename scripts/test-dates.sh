#!/usr/bin/env bash
# `npm run test:dates`: the suite as if it ran on other days, under libfaketime (Debian package `faketime`),
# so that a test that depends on the real date fails now rather than the day that date comes.
#
# libfaketime moves the clock of node and of every child process it starts (vitest's forks, dynalite,
# Chromium): time flows on from the day given, so timers and timeouts behave. Only the test run is faked:
# npm ci must run on the real date, since under a fake one TLS certificates look expired (CERT_HAS_EXPIRED).
#
# The two days: 2027-01-05 is just past a year boundary (a CAPE ending 2026-12-31 in a fixture, the first
# days of a new year for "last year" fixtures); 2029-03-01 is past every associate deadline of a 2025 CESA
# and the day after a 28-day February.
#
# test/reference and test/infra are left out of these runs: the reference compares the pure payroll engine
# with modele-social on fixed dates, and infra synthesizes and checks CDK templates; neither reads the
# business clock (test/unit/shared/clockReaders.test.ts checks that only functions/shared/clock.ts reads
# it, and that the domain never does). They take most of the suite's time and run once, in `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  echo "test:dates needs libfaketime: apt-get install faketime (Debian/Ubuntu), brew install libfaketime (macOS)." >&2
  exit 1
fi
for day in '2027-01-05 10:00:00' '2029-03-01 10:00:00'; do
  echo "== the suite as of ${day} (faketime)"
  faketime "${day}" npx vitest run --exclude 'test/reference/**' --exclude 'test/infra/**' "$@"
done
