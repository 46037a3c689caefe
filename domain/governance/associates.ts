/**
 * The associates register: who is a member of the cooperative on a given date, with the capital they hold.
 * One associate, one vote, whatever their capital (docs/domain.md, "The cooperative itself"; loi 47-1775 art. 9:
 * "chaque associé dispose d'une voix", which the Scop law 78-763 does not derogate from).
 */
import { type IsoDate, isValidDate } from '../calendar.js';
import { formatMoney, money } from '../money.js';

/**
 * One period of membership. A person who leaves and comes back has several periods; a change of capital
 * may also be recorded as a new period starting the day the previous one ends.
 */
export interface Membership {
  readonly entrepreneurId: string;
  readonly name: string;
  /** First day as an associate. */
  readonly since: IsoDate;
  /** Exit date, exclusive: the person is no longer an associate on that day. Absent or null while a member. */
  readonly until?: IsoDate | null;
  /** Capital subscribed during this period, a money string ("250.00"). */
  readonly capitalSubscribed: string;
}

/** An associate as the register shows them on a date. */
export interface Associate {
  readonly entrepreneurId: string;
  readonly name: string;
  /** Start of the unbroken membership that includes the date (the re-entry date after a gap). */
  readonly since: IsoDate;
  readonly capitalSubscribed: string;
  /** Always 1: one person, one vote, whatever the capital held. */
  readonly votes: 1;
}

const collator = new Intl.Collator('fr', { sensitivity: 'variant' });

function isActiveOn(membership: Membership, date: IsoDate): boolean {
  return membership.since <= date && (membership.until == null || date < membership.until);
}

/**
 * Start of the unbroken run of membership that contains `current`: earlier periods that end on or after the
 * start of the run (adjacent or overlapping) extend it backwards; a gap of one day or more breaks it.
 */
function continuousSince(periods: readonly Membership[], current: Membership): IsoDate {
  let since = current.since;
  let extended = true;
  while (extended) {
    extended = false;
    for (const p of periods) {
      if (p.since < since && (p.until == null || p.until >= since) && p.since < (p.until ?? '9999-12-31')) {
        since = p.since;
        extended = true;
      }
    }
  }
  return since;
}

/**
 * The associates on `date`, sorted by name (French collation) then by id. A person counts once however many
 * of their periods cover the date. Their name and capital come from the covering period that started last
 * (the latest record of them); `since` is the start of their unbroken membership.
 *
 * @throws RangeError when `date` is not a calendar date.
 */
export function associatesOn(memberships: readonly Membership[], date: IsoDate): Associate[] {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`);

  const periodsByPerson = new Map<string, Membership[]>();
  for (const m of memberships) {
    const periods = periodsByPerson.get(m.entrepreneurId) ?? [];
    periods.push(m);
    periodsByPerson.set(m.entrepreneurId, periods);
  }

  const register: Associate[] = [];
  for (const [entrepreneurId, periods] of periodsByPerson) {
    let latest: Membership | undefined;
    for (const p of periods) {
      if (isActiveOn(p, date) && (latest === undefined || p.since >= latest.since)) latest = p;
    }
    if (latest === undefined) continue;
    register.push({
      entrepreneurId,
      name: latest.name,
      since: continuousSince(periods, latest),
      capitalSubscribed: formatMoney(money(latest.capitalSubscribed)),
      votes: 1,
    });
  }

  return register.sort(
    (a, b) =>
      collator.compare(a.name, b.name) ||
      (a.entrepreneurId < b.entrepreneurId ? -1 : a.entrepreneurId > b.entrepreneurId ? 1 : 0),
  );
}
