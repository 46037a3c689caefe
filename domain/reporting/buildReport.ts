/**
 * The territorial report (docs/api.md "Public funding and reports"), summed from the territory's federation-wide
 * months (territoryMonth.ts: every CAE's figures of the month already added up) and the grant lines counted in
 * it. Pure: the handler reads the months (one query, one item per month) and the grant lines (one query, one
 * item per funder, territory and year) and passes them in; nothing it reads grows with the number of CAEs.
 *
 * - Sums: every count and amount is summed over the months of the period.
 * - A month has an item once a CAE closed it with someone in the territory, or with someone there the month
 *   before (who has left: the month then says the territory is empty, not unknown). A month of the period
 *   without an item is a month nobody closed there yet.
 * - People at the end of the period (`byStatusAtEnd`): the statuses at the end of `statusMonth`, the period's
 *   last month with an item. Only the people still in a CAE (candidate, supported, employee, associate); those
 *   who left are in `exits`. A CAE that has not closed that month yet is not in it: `months[].caes` says how
 *   many CAEs each month holds.
 * - Jobs in FTE: the average of the monthly FTE over the months from the period's first month with an item to
 *   `statusMonth` (a full-time job held six months of a year is 0.50 FTE over that year; months before anything
 *   was closed are not counted as zero); 2 decimals. Each month's FTE is in `months`.
 * - Public funding: the grant lines' shares in the period (grants.ts), month by month.
 * - Value added is revenue − every expense of the activity accounts (docs/domain.md "Value added"); `purchases`
 *   (purchases for resale) is reported beside it: revenue − purchases is the gross margin, not value added.
 * - Leverage (`perPublicEuro`): each figure ÷ public funding, 4 decimals, half-up; socialContributions is
 *   employer + employee contributions. selfFinancingRatio = cooperative contributions ÷ (cooperative
 *   contributions + public funding). Every ratio is null when public funding is 0.
 * - `caes`: the CAEs with figures in the territory, or a grant counted, in the period.
 * Nothing in it names a person: the months hold counts and sums only.
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
  type GrantLine,
  MONEY_FIGURES,
  type MoneyFigure,
  type Ratio,
  type ReportGrant,
  type ReportMonth,
  type TerritoryMonth,
  type TerritoryReport,
} from './types.js';

export interface BuildReportInput {
  readonly territory: string;
  readonly from: IsoMonth;
  readonly to: IsoMonth;
  /** The territory's federation-wide months (those of other territories or outside the period are ignored). */
  readonly months: readonly TerritoryMonth[];
  /** Grant lines stored for the territory (those of territories not inside it, or of other years, are ignored). */
  readonly grants: readonly GrantLine[];
}

type MoneyTotals = Record<MoneyFigure | 'publicFunding', Decimal>;

interface MonthTotals extends MoneyTotals {
  caes: number;
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
    months.map((m) => [m, { ...zeroMoney(), caes: 0, welcomed: 0, entries: 0, exits: 0, companiesCreated: 0, jobsFte: new Dec(0) }]),
  );
  const caes = new Set<string>();
  const vintages = new Set<string>();
  const exits = Object.fromEntries(END_REASONS.map((r) => [r, 0])) as Record<EndReason, number>;
  let welcomed = 0;
  let entries = 0;

  const relevant = new Map<IsoMonth, TerritoryMonth>();
  for (const m of input.months) if (m.territory === territory && byMonth.has(m.month)) relevant.set(m.month, m);
  for (const a of relevant.values()) {
    const m = byMonth.get(a.month) as MonthTotals;
    m.caes = a.caes.length;
    for (const caeId of a.caes) caes.add(caeId);
    for (const vintage of a.datasetVintages) vintages.add(vintage);
    for (const figure of MONEY_FIGURES) m[figure] = money(a[figure]);
    m.welcomed = a.welcomed;
    m.entries = a.entries;
    m.companiesCreated = a.companiesCreated;
    m.jobsFte = money(a.jobsFte);
    for (const reason of END_REASONS) {
      const n = a.exits[reason] ?? 0;
      exits[reason] += n;
      m.exits += n;
    }
    welcomed += a.welcomed;
    entries += a.entries;
  }

  const closedMonths = [...relevant.keys()].sort();
  const statusMonth: IsoMonth | null = closedMonths.at(-1) ?? null;
  const byStatusAtEnd = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0])) as Record<ActiveStatus, number>;
  let jobsFte = new Dec(0);
  if (statusMonth !== null) {
    const atEnd = relevant.get(statusMonth) as TerritoryMonth;
    for (const status of ACTIVE_STATUSES) byStatusAtEnd[status] = atEnd.byStatusAtEnd[status] ?? 0;
    const counted = monthsBetween(closedMonths[0] as IsoMonth, statusMonth);
    let sum = new Dec(0);
    for (const month of counted) sum = sum.plus((byMonth.get(month) as MonthTotals).jobsFte);
    jobsFte = sum.dividedBy(counted.length);
  }

  const grants: ReportGrant[] = [];
  const seenLines = new Set<string>();
  for (const line of input.grants) {
    const key = `${line.year}#${line.territory}#${line.funder}`;
    if (seenLines.has(key) || !grantCountsIn(parsed.territory, line.territory)) continue;
    seenLines.add(key);
    const shares = grantShares(line, from, to);
    if (shares.size === 0) continue;
    let inPeriod = new Dec(0);
    for (const [month, share] of shares) {
      const m = byMonth.get(month) as MonthTotals;
      m.publicFunding = m.publicFunding.plus(share);
      inPeriod = inPeriod.plus(share);
    }
    for (const caeId of line.caes) caes.add(caeId);
    grants.push({ funder: line.funder, territory: line.territory, year: line.year, amount: line.amount, inPeriod: formatMoney(inPeriod) });
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
      caes: m.caes,
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
