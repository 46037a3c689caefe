/**
 * The only place the handlers read the clock. The domain never does: handlers pass these values in.
 * CAEs are French, so "today" is the calendar date in Europe/Paris, not in UTC.
 */
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Europe/Paris, 'YYYY-MM-DD'. */
export function todayInParis(now: Date = new Date()): string {
  return parisDate.format(now);
}

/** The current instant, ISO-8601 UTC. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
