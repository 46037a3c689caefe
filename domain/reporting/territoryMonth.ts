/**
 * Federation-wide months of a territory: every CAE's aggregate of one territory and month, summed.
 *
 * Every figure of an aggregate is additive (counts, money, FTE, contributors, each CAE's largest amounts and
 * sums of squares, the breakdown buckets), so the federation-wide month is
 * kept by adding each CAE's figures to it as the CAE closes the month, and a report reads one item per month
 * whatever the number of CAEs. `additiveFigures` names those figures (flat, as decimal strings) so that storage
 * can add them one by one (DynamoDB `ADD` on exact decimal numbers); `mergeTerritoryMonths` is the same sum done
 * in memory, the reference the stored sums must equal. The breakdown buckets are named by their values (a birth
 * month among them), so they are not in the fixed list: `isAdditiveFigure` recognises them.
 *
 * `largest` adds up each CAE's largest amount: no maximum can be kept by adding, and one CAE's month must stay
 * replaceable exactly (rewritten history subtracts the old figures). The sum of the CAEs' largest amounts is at
 * least the largest amount of anyone in the territory, which is the direction secrecy needs (it may over-hide,
 * never under-hide). `dominanceKept` counts the CAEs whose aggregate carried these figures.
 */
import { Decimal } from 'decimal.js';
import type { IsoMonth } from '../calendar.js';
import type { EndReason } from '../careerPath/index.js';
import { Dec, formatMoney } from '../money.js';
import { PEOPLE_FIGURE } from './breakdowns.js';
import {
  COUNTED_STATUSES,
  type CountedStatus,
  END_REASONS,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonthAggregate,
  SECRET_SUMS,
  type SecretSum,
  type TerritoryMonth,
} from './types.js';

/** The additive figures of an aggregate, flat: figure name → decimal string. */
export type AdditiveFigures = Record<string, string>;

const COUNTS = ['welcomed', 'entries', 'companiesCreated', 'payslips'] as const;
const statusFigure = (s: CountedStatus) => `status_${s}`;
const exitFigure = (r: EndReason) => `exit_${r}`;
const contributorsFigure = (f: MoneyFigure) => `contributors_${f}`;
const largestFigure = (f: SecretSum) => `largest_${f}`;
const squaresFigure = (f: SecretSum) => `squares_${f}`;

/** Every additive figure name, in a fixed order. */
export const ADDITIVE_FIGURES: readonly string[] = [
  ...COUNTS,
  ...COUNTED_STATUSES.map(statusFigure),
  ...END_REASONS.map(exitFigure),
  'jobsFte',
  ...MONEY_FIGURES,
  ...MONEY_FIGURES.map(contributorsFigure),
  ...SECRET_SUMS.map(largestFigure),
  ...SECRET_SUMS.map(squaresFigure),
  'dominanceKept',
];

const FIXED = new Set(ADDITIVE_FIGURES);

/** True for the name of an additive figure: one of the fixed list, or a breakdown bucket. */
export function isAdditiveFigure(name: string): boolean {
  return FIXED.has(name) || PEOPLE_FIGURE.test(name);
}

/** The additive figures named in any of the given sets, fixed ones first, in a stable order. */
function figureNames(...sets: (Partial<AdditiveFigures> | undefined)[]): string[] {
  const dynamic = new Set<string>();
  for (const set of sets) for (const name of Object.keys(set ?? {})) if (!FIXED.has(name) && PEOPLE_FIGURE.test(name)) dynamic.add(name);
  return [...ADDITIVE_FIGURES, ...[...dynamic].sort()];
}

type Figures = Omit<MonthAggregate, 'caeId' | 'datasetVintage' | 'territory' | 'month'>;

/** An aggregate's additive figures, flat (see the module's TSDoc). */
export function additiveFigures(a: Figures): AdditiveFigures {
  const flat: AdditiveFigures = {};
  for (const c of COUNTS) flat[c] = String(a[c]);
  for (const s of COUNTED_STATUSES) flat[statusFigure(s)] = String(a.byStatusAtEnd[s] ?? 0);
  for (const r of END_REASONS) flat[exitFigure(r)] = String(a.exits[r] ?? 0);
  flat.jobsFte = a.jobsFte;
  for (const f of MONEY_FIGURES) {
    flat[f] = a[f];
    flat[contributorsFigure(f)] = String(a.contributors?.[f] ?? 0);
  }
  const dominance = a.largest !== undefined && a.squares !== undefined;
  for (const f of SECRET_SUMS) {
    flat[largestFigure(f)] = dominance ? String(a.largest?.[f] ?? 0) : '0';
    flat[squaresFigure(f)] = dominance ? String(a.squares?.[f] ?? 0) : '0';
  }
  flat.dominanceKept = dominance ? '1' : '0';
  for (const [name, n] of Object.entries(a.people ?? {})) if (PEOPLE_FIGURE.test(name) && n !== 0) flat[name] = String(n);
  return flat;
}

const dec = (flat: Partial<AdditiveFigures>, name: string) => new Dec(flat[name] ?? 0);

/**
 * What to add to go from `previous` to `next` (either may be absent: nothing): the non-zero differences only,
 * so an unchanged figure is not written.
 */
export function figuresDelta(next: AdditiveFigures | undefined, previous: AdditiveFigures | undefined): AdditiveFigures {
  const delta: AdditiveFigures = {};
  for (const name of figureNames(next, previous)) {
    const d = dec(next ?? {}, name).minus(dec(previous ?? {}, name));
    if (!d.isZero()) delta[name] = d.toFixed();
  }
  return delta;
}

/** A territory's month from its summed figures, formatted as aggregates are (money 2 decimals, FTE 4). */
export function territoryMonthOf(
  territory: string,
  month: IsoMonth,
  flat: Partial<AdditiveFigures>,
  caes: readonly string[],
  datasetVintages: readonly string[],
): TerritoryMonth {
  const count = (name: string) => dec(flat, name).toNumber();
  return {
    territory,
    month,
    caes: [...caes].sort(),
    datasetVintages: [...datasetVintages].sort(),
    welcomed: count('welcomed'),
    entries: count('entries'),
    companiesCreated: count('companiesCreated'),
    payslips: count('payslips'),
    byStatusAtEnd: Object.fromEntries(COUNTED_STATUSES.map((s) => [s, count(statusFigure(s))])) as Record<CountedStatus, number>,
    exits: Object.fromEntries(END_REASONS.map((r) => [r, count(exitFigure(r))])) as Record<EndReason, number>,
    jobsFte: dec(flat, 'jobsFte').toFixed(4, Decimal.ROUND_HALF_UP),
    ...(Object.fromEntries(MONEY_FIGURES.map((f) => [f, formatMoney(dec(flat, f))])) as Record<MoneyFigure, string>),
    contributors: Object.fromEntries(MONEY_FIGURES.map((f) => [f, count(contributorsFigure(f))])) as Record<MoneyFigure, number>,
    largest: Object.fromEntries(SECRET_SUMS.map((f) => [f, dec(flat, largestFigure(f)).toFixed()])) as Record<SecretSum, string>,
    squares: Object.fromEntries(SECRET_SUMS.map((f) => [f, dec(flat, squaresFigure(f)).toFixed()])) as Record<SecretSum, string>,
    people: Object.fromEntries(
      Object.keys(flat)
        .filter((name) => PEOPLE_FIGURE.test(name) && count(name) !== 0)
        .sort()
        .map((name) => [name, count(name)]),
    ),
    dominanceKept: count('dominanceKept'),
  };
}

/** Sums CAEs' aggregates into one month per (territory, month), sorted; a CAE counted twice counts once. */
export function mergeTerritoryMonths(aggregates: readonly MonthAggregate[]): TerritoryMonth[] {
  const groups = new Map<string, { territory: string; month: IsoMonth; sum: AdditiveFigures; caes: Set<string>; vintages: Set<string> }>();
  for (const a of aggregates) {
    const key = `${a.territory}#${a.month}`;
    let group = groups.get(key);
    if (!group) {
      group = { territory: a.territory, month: a.month, sum: {}, caes: new Set(), vintages: new Set() };
      groups.set(key, group);
    }
    if (group.caes.has(a.caeId)) continue;
    group.caes.add(a.caeId);
    group.vintages.add(a.datasetVintage);
    const flat = additiveFigures(a);
    for (const name of figureNames(group.sum, flat)) group.sum[name] = dec(group.sum, name).plus(dec(flat, name)).toFixed();
  }
  return [...groups.keys()]
    .sort()
    .map((key) => {
      const g = groups.get(key) as NonNullable<ReturnType<typeof groups.get>>;
      return territoryMonthOf(g.territory, g.month, g.sum, [...g.caes], [...g.vintages]);
    });
}
