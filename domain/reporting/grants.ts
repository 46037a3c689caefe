/**
 * Public grants in reports.
 *
 * Where a grant counts: in the territory of the funder that gave it (docs/domain.md), and so in every territory
 * that contains that one. A report of territory T includes the grants of T and of the territories inside T;
 * never a grant of a territory that T is only part of (a région's grant is not split among its départements:
 * nothing says how the région meant it).
 *
 * How a yearly grant counts in a period of months: it is spread evenly over the twelve months of its year, by
 * cumulative rounding: by the end of month k the grant has counted amount × k ÷ 12 rounded half-up to the
 * cent, and month k's share is the difference with month k − 1. So a whole year counts the exact amount, a
 * period counts amount × (months of that year in the period) ÷ 12 to the cent (a half-year of 10,000.00 is
 * 5,000.00, the first quarter 2,500.00), and the monthly shares add up to the period's total exactly.
 *
 * How grants are kept for reports: summed by line, one line per funder, funder's territory and year, whatever
 * the number of CAEs it funds (`grantLines`), so that a report reads one item per line; a line is spread over
 * the months as one grant of the summed amount.
 */
import { Decimal } from 'decimal.js';
import { type IsoMonth, monthsBetween } from '../calendar.js';
import { Dec, formatMoney, money } from '../money.js';
import { communesIn, contains, parseTerritory, type Territory } from '../territory/index.js';
import { territoriesForCommune } from './aggregateMonth.js';
import type { Grant, GrantLine } from './types.js';

function cumulativeShare(amount: Decimal, months: number): Decimal {
  return amount.times(months).dividedBy(12).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** A grant's share in month 1–12 of its year (see the module's TSDoc). */
export function grantMonthShare(amount: string, monthOfYear: number): Decimal {
  if (!Number.isInteger(monthOfYear) || monthOfYear < 1 || monthOfYear > 12) throw new RangeError(`not a month of the year: ${monthOfYear}`);
  const total = money(amount);
  return cumulativeShare(total, monthOfYear).minus(cumulativeShare(total, monthOfYear - 1));
}

/** A grant's share in each month of a period (months outside its year get nothing), as money strings. */
export function grantShares(grant: { year: number; amount: string }, from: IsoMonth, to: IsoMonth): Map<IsoMonth, string> {
  const shares = new Map<IsoMonth, string>();
  for (const month of monthsBetween(from, to)) {
    if (Number(month.slice(0, 4)) !== grant.year) continue;
    shares.set(month, formatMoney(grantMonthShare(grant.amount, Number(month.slice(5, 7)))));
  }
  return shares;
}

/** How much of a grant falls in a period. */
export function grantInPeriod(grant: { year: number; amount: string }, from: IsoMonth, to: IsoMonth): Decimal {
  let total = new Dec(0);
  for (const share of grantShares(grant, from, to).values()) total = total.plus(share);
  return total;
}

/**
 * Every territory whose reports include a grant of `territory`: itself and every known territory that contains
 * it, as `kind:code` strings, sorted. Those contain all its communes, so they are among the territories of any
 * one of them; `contains` then keeps those that hold the whole territory (an EPCI that straddles two
 * départements is inside neither).
 */
export function enclosingTerritories(territory: Territory): string[] {
  if (territory.kind === 'france') return ['france'];
  const commune = communesIn(territory)[0];
  if (commune === undefined) return [];
  const candidates = territoriesForCommune(commune) ?? [];
  const self = `${territory.kind}:${territory.code}`;
  const enclosing = new Set<string>([self]);
  for (const candidate of candidates) {
    const parsed = parseTerritory(candidate);
    if (parsed.ok && contains(parsed.territory, territory)) enclosing.add(candidate);
  }
  return [...enclosing].sort();
}

/** True when a grant of `grantTerritory` counts in reports of `reportTerritory`. */
export function grantCountsIn(reportTerritory: Territory, grantTerritory: string): boolean {
  const parsed = parseTerritory(grantTerritory);
  return parsed.ok && contains(reportTerritory, parsed.territory);
}

/** Grants summed by line (funder, funder's territory, year), sorted like a report lists them; each grant once. */
export function grantLines(grants: readonly Grant[]): GrantLine[] {
  const lines = new Map<string, { funder: string; territory: string; year: number; amount: Decimal; caes: Set<string> }>();
  const seen = new Set<string>();
  for (const g of grants) {
    if (seen.has(`${g.caeId}#${g.id}`)) continue;
    seen.add(`${g.caeId}#${g.id}`);
    const key = JSON.stringify([g.year, g.territory, g.funder]);
    const line = lines.get(key) ?? { funder: g.funder, territory: g.territory, year: g.year, amount: new Dec(0), caes: new Set<string>() };
    line.amount = line.amount.plus(money(g.amount));
    line.caes.add(g.caeId);
    lines.set(key, line);
  }
  return [...lines.values()]
    .map((l) => ({ funder: l.funder, territory: l.territory, year: l.year, amount: formatMoney(l.amount), caes: [...l.caes].sort() }))
    .sort((a, b) => a.year - b.year || a.territory.localeCompare(b.territory) || a.funder.localeCompare(b.funder));
}
