/**
 * The business clock: the only place the handlers read "today" and "now". The domain never does: handlers
 * pass these values in. CAEs are French, so "today" is the calendar date in Europe/Paris, not in UTC.
 *
 * The clock can be moved (setClock) so that a test, or the local runtime, runs as if it were another day
 * without touching the process's Date: time keeps flowing from the instant set, so timestamps still grow
 * and "now" stays consistent with "today". Nothing on AWS calls setClock: a Lambda always reads real time.
 * The local runtime (infra/local/main.ts) honours CAE_LOCAL_TODAY; nothing else reads that variable.
 */
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Milliseconds added to the real time; 0 unless setClock moved the clock. */
let offsetMs = 0;

/**
 * The real instant, which setClock never moves: for what is about security or machinery rather than business
 * (a token's expiry, a lease or a heartbeat, how long to wait for a duplicate request). A test that moves the
 * business clock to another year must not expire every token with it.
 */
export function systemNow(): Date {
  return new Date();
}

/** The current instant of the business clock. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's date in Europe/Paris, 'YYYY-MM-DD'. */
export function todayInParis(at: Date = now()): string {
  return parisDate.format(at);
}

/** The current instant, ISO-8601 UTC. */
export function nowIso(at: Date = now()): string {
  return at.toISOString();
}

/**
 * The instant a setting of the clock means: a full ISO-8601 instant as it is, a bare date 'YYYY-MM-DD' at
 * 10:00 UTC (11:00 or 12:00 in Paris), far from either midnight so that a run of a few hours stays that day.
 * Undefined when the text is neither.
 */
export function clockInstant(setting: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(setting)) {
    const at = new Date(`${setting}T10:00:00.000Z`);
    // new Date() rolls 2026-02-30 over to March: a date that does not exist is refused, not moved.
    return !Number.isNaN(at.getTime()) && nowIso(at).startsWith(setting) ? at : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(setting)) return undefined;
  const at = new Date(setting);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * Moves the business clock so that it reads `setting` now ('YYYY-MM-DD' or an ISO-8601 instant) and runs on
 * from there; `undefined` puts it back on real time. For tests and the local runtime only.
 */
export function setClock(setting: string | undefined): void {
  if (setting === undefined) {
    offsetMs = 0;
    return;
  }
  const at = clockInstant(setting);
  if (!at) throw new Error(`The clock cannot be set to "${setting}": give a date YYYY-MM-DD or an ISO-8601 instant.`);
  offsetMs = at.getTime() - Date.now();
}
