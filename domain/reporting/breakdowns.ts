/**
 * Funders' breakdowns (docs/domain.md "What funders ask for"): the people at the end of a period and its entries
 * by gender, age band, situation at entry, education level and priority neighbourhood, "unknown" being a value of
 * its own. Counted at month close into buckets (one count per bucket and month, added up across CAEs like every
 * aggregate figure), and turned into the report's values at read time.
 *
 * The age band is the age on the period's LAST day, which month close cannot know (a month is in many periods).
 * The bucket is therefore the birth MONTH, and the band is worked out when the report is read. That is exact:
 * a period always ends on a month's last day, and by the last day of a month everyone born in that month (of any
 * year) has had their birthday, so the age on the last day of month M of someone born in month B is
 * ⌊(M − B) / 12⌋ in months, whatever the day of birth (someone born on 29 February counts as having had their
 * birthday by the end of February in a common year). A person aged 55 or more at a month's end is 55 or more at
 * any later date: their bucket is `born:55_and_over`, which bounds the buckets at 55 × 12 + 2 per item.
 */
import { type IsoMonth, isValidDate } from '../calendar.js';
import { EDUCATION_LEVELS, GENDERS, SITUATIONS_AT_ENTRY } from '../person.js';
import type { BreakdownName, PersonInput } from './types.js';

export const UNKNOWN = 'unknown';

export const AGE_BANDS = ['under_26', '26_44', '45_54', '55_and_over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Every value of each breakdown, in the order a report lists them ("unknown" last). */
export const BREAKDOWN_VALUES: Readonly<Record<BreakdownName, readonly string[]>> = {
  gender: [...GENDERS, UNKNOWN],
  ageBand: [...AGE_BANDS, UNKNOWN],
  situationAtEntry: [...SITUATIONS_AT_ENTRY, UNKNOWN],
  educationLevel: [...EDUCATION_LEVELS, UNKNOWN],
  priorityNeighbourhood: ['yes', 'no', UNKNOWN],
};

/** The bucket dimension stored for each breakdown: the age band is stored as the birth month. */
const STORED_AS: Readonly<Record<BreakdownName, string>> = {
  gender: 'gender',
  ageBand: 'born',
  situationAtEntry: 'situationAtEntry',
  educationLevel: 'educationLevel',
  priorityNeighbourhood: 'priorityNeighbourhood',
};

/** A stored bucket figure: `end:<dimension>:<value>` or `entries:<dimension>:<value>`. */
export const PEOPLE_FIGURE = /^(end|entries):(gender|born|situationAtEntry|educationLevel|priorityNeighbourhood):[0-9A-Za-z_-]{1,20}$/;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Complete years on the last day of `month` of someone born in `birthMonth` (see the module's TSDoc). */
export function ageAtEndOf(birthMonth: string, month: IsoMonth): number {
  return Math.floor((monthIndex(month) - monthIndex(birthMonth)) / 12);
}

/** The band of an age in complete years. */
export function ageBand(age: number): AgeBand {
  if (age < 26) return 'under_26';
  if (age < 45) return '26_44';
  if (age < 55) return '45_54';
  return '55_and_over';
}

const known = (values: readonly string[], value: unknown) => (typeof value === 'string' && values.includes(value) ? value : UNKNOWN);

/** The stored birth bucket of a person at a month's end: their birth month, 55_and_over, or unknown. */
export function birthBucket(birthDate: string | undefined, month: IsoMonth): string {
  if (typeof birthDate !== 'string' || !isValidDate(birthDate)) return UNKNOWN;
  const age = ageAtEndOf(birthDate.slice(0, 7), month);
  if (age < 0) return UNKNOWN; // born after the month: the record is wrong, not a baby entrepreneur
  return age >= 55 ? '55_and_over' : birthDate.slice(0, 7);
}

/** The buckets one person falls in at a month's end, one per breakdown (`gender:female`, `born:1990-04`…). */
export function bucketsOf(person: Omit<PersonInput, 'id' | 'communeCode' | 'path'>, month: IsoMonth): string[] {
  const neighbourhood = person.priorityNeighbourhood === true ? 'yes' : person.priorityNeighbourhood === false ? 'no' : UNKNOWN;
  return [
    `gender:${known(GENDERS, person.gender)}`,
    `born:${birthBucket(person.birthDate, month)}`,
    `situationAtEntry:${known(SITUATIONS_AT_ENTRY, person.situationAtEntry)}`,
    `educationLevel:${known(EDUCATION_LEVELS, person.educationLevel)}`,
    `priorityNeighbourhood:${neighbourhood}`,
  ];
}

/** The report value a stored bucket counts in, the period ending with `to`. */
function reportValueOf(name: BreakdownName, stored: string, to: IsoMonth): string {
  if (name !== 'ageBand') return BREAKDOWN_VALUES[name].includes(stored) ? stored : UNKNOWN;
  if (stored === '55_and_over') return stored;
  if (!/^\d{4}-\d{2}$/.test(stored)) return UNKNOWN;
  const age = ageAtEndOf(stored, to);
  return age < 0 ? UNKNOWN : ageBand(age);
}

/**
 * The counts of one breakdown for one kind (`end` or `entries`) from stored buckets, the period ending with `to`.
 * `total` is the number the breakdown must add up to (people at the end, or entries): what no bucket holds
 * (aggregates written before breakdowns were kept) counts as unknown, so every breakdown adds up to its total.
 */
export function breakdownCounts(
  name: BreakdownName,
  kind: 'end' | 'entries',
  buckets: Readonly<Record<string, number>>,
  to: IsoMonth,
  total: number,
): Map<string, number> {
  const counts = new Map(BREAKDOWN_VALUES[name].map((v) => [v, 0]));
  const prefix = `${kind}:${STORED_AS[name]}:`;
  let counted = 0;
  for (const [figure, n] of Object.entries(buckets)) {
    if (!figure.startsWith(prefix) || n === 0) continue;
    const value = reportValueOf(name, figure.slice(prefix.length), to);
    counts.set(value, (counts.get(value) ?? 0) + n);
    counted += n;
  }
  if (counted < total) counts.set(UNKNOWN, (counts.get(UNKNOWN) ?? 0) + total - counted);
  return counts;
}
