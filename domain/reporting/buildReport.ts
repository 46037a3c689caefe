/**
 * The territorial report (docs/api.md "Public funding and reports"), summed from the monthly aggregates of one
 * territory and the grants counted in it. Pure: the handler reads the aggregates (one query) and the grants
 * (one query) and passes them in.
 *
 * - Sums: every count and amount is summed over the months of the period and over the CAEs.
 * - Closed months: a CAE's month counts as closed when the workflow marked it aggregated (`closures`) or when
 *   the CAE has figures in the territory that month. A closed month without figures in the territory is a
 *   month with nobody there (zero), not a missing month.
 * - People at the end of the period (`byStatusAtEnd`): for each CAE, its figures of its last closed month in
 *   the period (none when it had nobody in the territory that month), summed; normally every CAE's last month
 *   is `to`, earlier while the last months are not closed yet. `statusMonth` is the latest of those months.
 *   Only the people still in a CAE (candidate, supported, employee, associate); those who left are in `exits`.
 * - Jobs in FTE: for each CAE, the average of its monthly FTE over its closed months of the period (a full-time
 *   job held six months of a year is 0.50 FTE over that year; months before a CAE's first closed month are not
 *   counted as zero), summed over the CAEs; 2 decimals. Each month's FTE is in `months`.
 * - Public funding: the grants' shares in the period (grants.ts), month by month.
 * - Leverage (`perPublicEuro`): each figure ÷ public funding, 4 decimals, half-up; socialContributions is
 *   employer + employee contributions. selfFinancingRatio = cooperative contributions ÷ (cooperative
 *   contributions + public funding). Every ratio is null when public funding is 0.
 * - `caes`: the CAEs with figures in the territory, or a grant counted, in the period.
 * Nothing in it names a person: aggregates hold counts and sums only.
 */
import { Decimal } from 'decimal.js';
import { type IsoMonth, monthsBetween } from '../calendar.js';
import type { EndReason } from '../careerPath/index.js';
import { Dec, formatMoney, formatRatio, money } from '../money.js';
import { datasetVintage, parseTerritory, territoryName } from '../territory/index.js';
import { grantCountsIn, grantShares } from './grants.js';
import {
  ACTIVE_STATUSES,
  type ActiveStatus,
  END_REASONS,
  type Grant,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonthAggregate,
  type Ratio,
  type ReportGrant,
  type ReportMonth,
  type TerritoryReport,
} from './types.js';

export interface BuildReportInput {
  readonly territory: string;
  readonly from: IsoMonth;
  readonly to: IsoMonth;
  /** The territory's aggregates (others are ignored), any order. */
  readonly aggregates: readonly MonthAggregate[];
  /** Grants stored for the territory (those of territories not inside it, or of other years, are ignored). */
  readonly grants: readonly Grant[];
  /** The CAE months marked aggregated by the workflow, federation-wide (others than the period's are ignored). */
  readonly closures?: readonly { readonly caeId: string; readonly month: IsoMonth }[];
}

type MoneyTotals = Record<MoneyFigure | 'publicFunding', Decimal>;

interface MonthTotals extends MoneyTotals {
  caes: Set<string>;
  welcomed: number;
  entries: number;
  exits: number;
  companiesCreated: number;
  jobsFte: Decimal;
}

function zeroMoney(): MoneyTotals {
  return Object.fromEntries([...MONEY_FIGURES, 'publicFunding'].map((f) => [f, new Dec(0)])) as MoneyTotals;
}

function ratio(numerator: Decimal, denominator: Decimal): Ratio {
  return denominator.isZero() ? null : formatRatio(numerator.dividedBy(denominator), 4);
}

/** Builds the report (see the module's TSDoc). Throws RangeError on a territory or period the API would refuse. */
export function buildReport(input: BuildReportInput): TerritoryReport {
  const { territory, from, to } = input;
  const parsed = parseTerritory(territory);
  if (!parsed.ok) throw new RangeError(parsed.violation.message);
  const months = monthsBetween(from, to);
  if (months.length === 0) throw new RangeError(`the period ${from} → ${to} is empty`);

  const byMonth = new Map<IsoMonth, MonthTotals>(
    months.map((m) => [m, { ...zeroMoney(), caes: new Set<string>(), welcomed: 0, entries: 0, exits: 0, companiesCreated: 0, jobsFte: new Dec(0) }]),
  );
  const caes = new Set<string>();
  const vintages = new Set<string>();
  const exits = Object.fromEntries(END_REASONS.map((r) => [r, 0])) as Record<EndReason, number>;
  let welcomed = 0;
  let entries = 0;
  let statusMonth: IsoMonth | null = null;

  const relevant = input.aggregates.filter((a) => a.territory === territory && byMonth.has(a.month));
  const closed = new Map<string, Set<IsoMonth>>();
  const close = (caeId: string, month: IsoMonth) => {
    if (!byMonth.has(month)) return;
    let months = closed.get(caeId);
    if (!months) {
      months = new Set();
      closed.set(caeId, months);
    }
    months.add(month);
  };
  const fteByCae = new Map<string, Decimal>();
  const byCaeMonth = new Map<string, MonthAggregate>();
  for (const a of relevant) {
    const m = byMonth.get(a.month) as MonthTotals;
    m.caes.add(a.caeId);
    caes.add(a.caeId);
    close(a.caeId, a.month);
    byCaeMonth.set(`${a.caeId}#${a.month}`, a);
    vintages.add(a.datasetVintage);
    for (const figure of MONEY_FIGURES) m[figure] = m[figure].plus(money(a[figure]));
    m.welcomed += a.welcomed;
    m.entries += a.entries;
    m.companiesCreated += a.companiesCreated;
    m.jobsFte = m.jobsFte.plus(money(a.jobsFte));
    fteByCae.set(a.caeId, (fteByCae.get(a.caeId) ?? new Dec(0)).plus(money(a.jobsFte)));
    for (const reason of END_REASONS) {
      const n = a.exits[reason] ?? 0;
      exits[reason] += n;
      m.exits += n;
    }
    welcomed += a.welcomed;
    entries += a.entries;
  }
  for (const c of input.closures ?? []) if (caes.has(c.caeId)) close(c.caeId, c.month);

  const byStatusAtEnd = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0])) as Record<ActiveStatus, number>;
  let jobsFte = new Dec(0);
  for (const [caeId, months] of closed) {
    const last = [...months].sort().at(-1) as IsoMonth;
    if (statusMonth === null || last > statusMonth) statusMonth = last;
    const atEnd = byCaeMonth.get(`${caeId}#${last}`);
    if (atEnd) for (const status of ACTIVE_STATUSES) byStatusAtEnd[status] += atEnd.byStatusAtEnd[status] ?? 0;
    jobsFte = jobsFte.plus((fteByCae.get(caeId) ?? new Dec(0)).dividedBy(months.size));
  }

  const grants: ReportGrant[] = [];
  const seenGrants = new Set<string>();
  for (const grant of input.grants) {
    if (seenGrants.has(`${grant.caeId}#${grant.id}`) || !grantCountsIn(parsed.territory, grant.territory)) continue;
    seenGrants.add(`${grant.caeId}#${grant.id}`);
    const shares = grantShares(grant, from, to);
    if (shares.size === 0) continue;
    let inPeriod = new Dec(0);
    for (const [month, share] of shares) {
      const m = byMonth.get(month) as MonthTotals;
      m.publicFunding = m.publicFunding.plus(share);
      inPeriod = inPeriod.plus(share);
    }
    caes.add(grant.caeId);
    grants.push({ funder: grant.funder, territory: grant.territory, year: grant.year, amount: grant.amount, inPeriod: formatMoney(inPeriod) });
  }
  grants.sort((a, b) => a.year - b.year || a.territory.localeCompare(b.territory) || a.funder.localeCompare(b.funder) || a.amount.localeCompare(b.amount));

  const totals = zeroMoney();
  let companiesCreated = 0;
  const monthRows: ReportMonth[] = months.map((month) => {
    const m = byMonth.get(month) as MonthTotals;
    for (const figure of [...MONEY_FIGURES, 'publicFunding'] as const) totals[figure] = totals[figure].plus(m[figure]);
    companiesCreated += m.companiesCreated;
    return {
      month,
      caes: m.caes.size,
      welcomed: m.welcomed,
      entries: m.entries,
      exits: m.exits,
      companiesCreated: m.companiesCreated,
      jobsFte: m.jobsFte.toFixed(2, Decimal.ROUND_HALF_UP),
      revenue: formatMoney(m.revenue),
      purchases: formatMoney(m.purchases),
      valueAdded: formatMoney(m.valueAdded),
      vatCollected: formatMoney(m.vatCollected),
      grossSalaries: formatMoney(m.grossSalaries),
      employerContributions: formatMoney(m.employerContributions),
      employeeContributions: formatMoney(m.employeeContributions),
      cooperativeContributions: formatMoney(m.cooperativeContributions),
      publicFunding: formatMoney(m.publicFunding),
    };
  });

  const socialContributions = totals.employerContributions.plus(totals.employeeContributions);
  const funding = totals.publicFunding;

  return {
    territory,
    territoryName: territoryName(parsed.territory) ?? null,
    from,
    to,
    datasetVintage,
    dataVintages: [...vintages].sort(),
    caes: caes.size,
    entrepreneurs: { statusMonth, byStatusAtEnd, welcomed, entries, exits },
    companiesCreated,
    jobsFte: jobsFte.toFixed(2, Decimal.ROUND_HALF_UP),
    revenue: formatMoney(totals.revenue),
    purchases: formatMoney(totals.purchases),
    valueAdded: formatMoney(totals.valueAdded),
    vatCollected: formatMoney(totals.vatCollected),
    grossSalaries: formatMoney(totals.grossSalaries),
    employerContributions: formatMoney(totals.employerContributions),
    employeeContributions: formatMoney(totals.employeeContributions),
    socialContributions: formatMoney(socialContributions),
    cooperativeContributions: formatMoney(totals.cooperativeContributions),
    publicFunding: formatMoney(funding),
    perPublicEuro: {
      revenue: ratio(totals.revenue, funding),
      valueAdded: ratio(totals.valueAdded, funding),
      vatCollected: ratio(totals.vatCollected, funding),
      grossSalaries: ratio(totals.grossSalaries, funding),
      socialContributions: ratio(socialContributions, funding),
    },
    selfFinancingRatio: funding.isZero() ? null : ratio(totals.cooperativeContributions, totals.cooperativeContributions.plus(funding)),
    grants,
    months: monthRows,
  };
}
