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
 * - Breakdowns (breakdowns.ts): the people at the end of `statusMonth` and the period's entries by value, the
 *   age band on the period's last day; each breakdown adds up to its total.
 * - Statistical secrecy (secrecy.ts), unless the caller is the federation admin (`statisticalSecrecy: false`):
 *   every count, sum and FTE of the report, its months and its breakdowns is a cell; a hidden one is null and
 *   the object holding it lists it in `secretFields`. What the dominance test knows of a month's sum is the
 *   number of contributors c, Σ of each CAE's largest amount L and Σ of each amount squared Q. For a month,
 *   the largest contribution is at most min(L, √Q). For the period, where a contributor is a person across
 *   months: the contributors are at least the largest monthly c (the same people may be in every month), and a
 *   person's period amount is at most Σ of the months' bounds, and at most √(M × ΣQ) over the M months with
 *   contributors (Cauchy–Schwarz), so the smaller of the two. Social contributions (employer + employee) have at
 *   least the larger of the two counts of contributors and at most the sum of the two bounds. A month some CAE
 *   wrote without these figures (before they were kept) has an unknown largest: its sums are hidden.
 *   Ratios to public funding are hidden with their numerator (public funding is published, so a ratio gives
 *   its numerator back).
 * Nothing in it names a person: the months hold counts and sums only.
 */
import { Decimal } from 'decimal.js';
import { type IsoMonth, monthsBetween } from '../calendar.js';
import type { EndReason } from '../careerPath/index.js';
import { Dec, formatMoney, formatRatio, minOf, money } from '../money.js';
import { datasetVintage, parseTerritory, territoryName } from '../territory/index.js';
import { BREAKDOWN_VALUES, breakdownCounts } from './breakdowns.js';
import { grantCountsIn, grantShares } from './grants.js';
import { type Cell, hiddenCells, type Relation, type SecrecyTable, sqrtUp } from './secrecy.js';
import {
  ACTIVE_STATUSES,
  type ActiveStatus,
  BREAKDOWN_NAMES,
  type BreakdownCell,
  type BreakdownName,
  END_REASONS,
  type GrantLine,
  MONEY_FIGURES,
  type MoneyFigure,
  type Ratio,
  type ReportGrant,
  type ReportMonth,
  SECRET_SUMS,
  type SecretSum,
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
  /** Apply statistical secrecy (every reader but the federation admin). */
  readonly statisticalSecrecy: boolean;
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

const INFINITE = new Dec(Infinity);
type SumCell = Extract<Cell, { kind: 'sum' }>;
/** The secret sums a report publishes: the secret sums and social contributions (employer + employee). */
type PublishedSum = SecretSum | 'socialContributions';

/** What secrecy knows of one month's secret sum (see the module's TSDoc). */
interface MonthSum {
  value: Decimal;
  contributors: number;
  bound: Decimal;
  squares: Decimal;
  known: boolean;
}

function monthSum(m: TerritoryMonth | undefined, figure: SecretSum): MonthSum {
  if (!m) return { value: new Dec(0), contributors: 0, bound: new Dec(0), squares: new Dec(0), known: true };
  const contributors = m.contributors[figure === 'jobsFte' ? 'grossSalaries' : figure] ?? 0;
  const known = m.dominanceKept >= m.caes.length;
  const squares = new Dec(m.squares[figure] ?? 0);
  const bound = known ? minOf(new Dec(m.largest[figure] ?? 0), sqrtUp(squares)) : INFINITE;
  return { value: money(m[figure]), contributors, bound, squares, known };
}

/** The period's cell of a secret sum from its months' (see the module's TSDoc). */
function periodSum(months: readonly MonthSum[]): SumCell {
  let value = new Dec(0);
  let contributors = 0;
  let bounds = new Dec(0);
  let squares = new Dec(0);
  let withContributors = 0;
  for (const m of months) {
    value = value.plus(m.value);
    contributors = Math.max(contributors, m.contributors);
    if (m.contributors > 0) withContributors += 1;
    bounds = bounds.plus(m.bound);
    squares = squares.plus(m.squares);
  }
  const known = months.every((m) => m.known || m.contributors === 0);
  const largest = known ? minOf(bounds, sqrtUp(squares.times(withContributors))) : INFINITE;
  return { kind: 'sum', value, contributors, largest };
}

const sumCell = (m: MonthSum): SumCell => ({ kind: 'sum', value: m.value, contributors: m.contributors, largest: m.bound });
const socialCell = (a: SumCell, b: SumCell): SumCell => ({
  kind: 'sum',
  value: a.value.plus(b.value),
  contributors: Math.max(a.contributors, b.contributors),
  largest: a.largest.plus(b.largest),
});
const count = (value: number): Cell => ({ kind: 'count', value });

/** Builds the report (see the module's TSDoc). Throws RangeError on a territory or period the API would refuse. */
export function buildReport(input: BuildReportInput): TerritoryReport {
  return buildReportWithSecrecy(input).report;
}

/** The report, with the secrecy table it was judged on and the cells hidden (for audits: what a reader can redo). */
export function buildReportWithSecrecy(input: BuildReportInput): { report: TerritoryReport; table: SecrecyTable; hidden: ReadonlySet<string> } {
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
  const entriesBuckets: Record<string, number> = {};

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
    for (const [bucket, n] of Object.entries(a.people ?? {})) if (bucket.startsWith('entries:')) entriesBuckets[bucket] = (entriesBuckets[bucket] ?? 0) + n;
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
  const peopleAtEnd = ACTIVE_STATUSES.reduce((n, s) => n + byStatusAtEnd[s], 0);
  const endBuckets = (statusMonth !== null ? relevant.get(statusMonth)?.people : undefined) ?? {};
  const breakdownRaw = Object.fromEntries(
    BREAKDOWN_NAMES.map((name) => [
      name,
      { end: breakdownCounts(name, 'end', endBuckets, to, peopleAtEnd), entries: breakdownCounts(name, 'entries', entriesBuckets, to, entries) },
    ]),
  ) as Record<BreakdownName, { end: Map<string, number>; entries: Map<string, number> }>;

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
  for (const month of months) {
    const m = byMonth.get(month) as MonthTotals;
    for (const figure of [...MONEY_FIGURES, 'publicFunding'] as const) totals[figure] = totals[figure].plus(m[figure]);
    companiesCreated += m.companiesCreated;
  }
  const socialContributions = totals.employerContributions.plus(totals.employeeContributions);
  const funding = totals.publicFunding;

  const table = secrecyTable({ months, relevant, byMonth, welcomed, entries, companiesCreated, exits, byStatusAtEnd, peopleAtEnd, breakdownRaw });
  const hidden = input.statisticalSecrecy ? hiddenCells(table) : new Set<string>();
  /** The fields of an object that are hidden, and the object's secrecy mark. */
  const mark = (fields: Record<string, string>) => {
    const secretFields = Object.keys(fields).filter((f) => hidden.has(fields[f] as string));
    return secretFields.length > 0 ? { secret: true as const, secretFields } : {};
  };
  const show = <T>(id: string, value: T): T | null => (hidden.has(id) ? null : value);

  const monthRows: ReportMonth[] = months.map((month) => {
    const m = byMonth.get(month) as MonthTotals;
    const id = (f: string) => `${month}:${f}`;
    const fields = ['welcomed', 'entries', 'exits', 'companiesCreated', 'jobsFte', ...MONEY_FIGURES, 'socialContributions'];
    return {
      month,
      caes: m.caes,
      welcomed: show(id('welcomed'), m.welcomed),
      entries: show(id('entries'), m.entries),
      exits: show(id('exits'), m.exits),
      companiesCreated: show(id('companiesCreated'), m.companiesCreated),
      jobsFte: show(id('jobsFte'), m.jobsFte.toFixed(2, Decimal.ROUND_HALF_UP)),
      revenue: show(id('revenue'), formatMoney(m.revenue)),
      purchases: show(id('purchases'), formatMoney(m.purchases)),
      valueAdded: show(id('valueAdded'), formatMoney(m.valueAdded)),
      vatCollected: show(id('vatCollected'), formatMoney(m.vatCollected)),
      grossSalaries: show(id('grossSalaries'), formatMoney(m.grossSalaries)),
      employerContributions: show(id('employerContributions'), formatMoney(m.employerContributions)),
      employeeContributions: show(id('employeeContributions'), formatMoney(m.employeeContributions)),
      socialContributions: show(id('socialContributions'), formatMoney(m.employerContributions.plus(m.employeeContributions))),
      cooperativeContributions: show(id('cooperativeContributions'), formatMoney(m.cooperativeContributions)),
      publicFunding: formatMoney(m.publicFunding),
      ...mark(Object.fromEntries(fields.map((f) => [f, id(f)]))),
    };
  });

  const breakdowns = Object.fromEntries(
    BREAKDOWN_NAMES.map((name) => [
      name,
      BREAKDOWN_VALUES[name].map((value): BreakdownCell => {
        const raw = breakdownRaw[name];
        const ids = { peopleAtEnd: `bd:${name}:${value}:end`, entries: `bd:${name}:${value}:entries` };
        return {
          value,
          peopleAtEnd: show(ids.peopleAtEnd, raw.end.get(value) ?? 0),
          entries: show(ids.entries, raw.entries.get(value) ?? 0),
          ...mark(ids),
        };
      }),
    ]),
  ) as unknown as TerritoryReport['breakdowns'];

  const ratioOf = (figure: string, numerator: Decimal) => show(figure, ratio(numerator, funding));
  const statusIds = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, `status:${s}`]));
  const exitIds = Object.fromEntries(END_REASONS.map((r) => [r, `exit:${r}`]));
  const topFields = ['companiesCreated', 'jobsFte', ...MONEY_FIGURES, 'socialContributions'];
  const perEuro = ['revenue', 'valueAdded', 'vatCollected', 'grossSalaries', 'socialContributions'];

  const report: TerritoryReport = {
    territory,
    territoryName: territoryName(parsed.territory) ?? null,
    from,
    to,
    statisticalSecrecy: input.statisticalSecrecy,
    datasetVintage,
    dataVintages: [...vintages].sort(),
    caes: caes.size,
    entrepreneurs: {
      statusMonth,
      byStatusAtEnd: {
        ...(Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, show(`status:${s}`, byStatusAtEnd[s])])) as Record<ActiveStatus, number | null>),
        ...mark(statusIds),
      },
      welcomed: show('welcomed', welcomed),
      entries: show('entries', entries),
      exits: { ...(Object.fromEntries(END_REASONS.map((r) => [r, show(`exit:${r}`, exits[r])])) as Record<EndReason, number | null>), ...mark(exitIds) },
      ...mark({ welcomed: 'welcomed', entries: 'entries' }),
    },
    companiesCreated: show('companiesCreated', companiesCreated),
    jobsFte: show('jobsFte', jobsFte.toFixed(2, Decimal.ROUND_HALF_UP)),
    revenue: show('revenue', formatMoney(totals.revenue)),
    purchases: show('purchases', formatMoney(totals.purchases)),
    valueAdded: show('valueAdded', formatMoney(totals.valueAdded)),
    vatCollected: show('vatCollected', formatMoney(totals.vatCollected)),
    grossSalaries: show('grossSalaries', formatMoney(totals.grossSalaries)),
    employerContributions: show('employerContributions', formatMoney(totals.employerContributions)),
    employeeContributions: show('employeeContributions', formatMoney(totals.employeeContributions)),
    socialContributions: show('socialContributions', formatMoney(socialContributions)),
    cooperativeContributions: show('cooperativeContributions', formatMoney(totals.cooperativeContributions)),
    publicFunding: formatMoney(funding),
    perPublicEuro: {
      revenue: ratioOf('revenue', totals.revenue),
      valueAdded: ratioOf('valueAdded', totals.valueAdded),
      vatCollected: ratioOf('vatCollected', totals.vatCollected),
      grossSalaries: ratioOf('grossSalaries', totals.grossSalaries),
      socialContributions: ratioOf('socialContributions', socialContributions),
      ...mark(Object.fromEntries(perEuro.map((f) => [f, f]))),
    },
    selfFinancingRatio: funding.isZero() ? null : show('cooperativeContributions', ratio(totals.cooperativeContributions, totals.cooperativeContributions.plus(funding))),
    grants,
    months: monthRows,
    breakdowns,
    ...mark({ ...Object.fromEntries(topFields.map((f) => [f, f])), ...(funding.isZero() ? {} : { selfFinancingRatio: 'cooperativeContributions' }) }),
  };
  return { report, table, hidden };
}

interface TableInput {
  months: readonly IsoMonth[];
  relevant: ReadonlyMap<IsoMonth, TerritoryMonth>;
  byMonth: ReadonlyMap<IsoMonth, MonthTotals>;
  welcomed: number;
  entries: number;
  companiesCreated: number;
  exits: Readonly<Record<EndReason, number>>;
  byStatusAtEnd: Readonly<Record<ActiveStatus, number>>;
  peopleAtEnd: number;
  breakdownRaw: Readonly<Record<BreakdownName, { end: Map<string, number>; entries: Map<string, number> }>>;
}

/**
 * The report's figures as secrecy cells, and the sums between them: each period figure is the sum of its months,
 * social contributions the sum of employer and employee ones, and the people at the end (`peopleAtEnd`, published
 * as the sum of any breakdown) and the exits (`exits`, the sum of the months' exits) totals that every breakdown,
 * status count or exit reason adds up to. Figures proportional through rates are linked: revenue, the VAT collected
 * on it and the contribution taken from it; gross salaries, the contributions on them and the FTE they make.
 */
function secrecyTable(t: TableInput): SecrecyTable {
  const cells = new Map<string, Cell>();
  const relations: Relation[] = [];
  const linked: string[][] = [];
  const monthSums = new Map<SecretSum, MonthSum[]>(SECRET_SUMS.map((f) => [f, t.months.map((month) => monthSum(t.relevant.get(month), f))]));
  const periodCells = new Map<PublishedSum, SumCell>();
  for (const f of SECRET_SUMS) periodCells.set(f, periodSum(monthSums.get(f) as MonthSum[]));
  periodCells.set('socialContributions', socialCell(periodCells.get('employerContributions') as SumCell, periodCells.get('employeeContributions') as SumCell));
  for (const [f, cell] of periodCells) cells.set(f, cell);

  t.months.forEach((month, i) => {
    const m = t.byMonth.get(month) as MonthTotals;
    const id = (f: string) => `${month}:${f}`;
    for (const f of SECRET_SUMS) cells.set(id(f), sumCell((monthSums.get(f) as MonthSum[])[i] as MonthSum));
    cells.set(id('socialContributions'), socialCell(cells.get(id('employerContributions')) as SumCell, cells.get(id('employeeContributions')) as SumCell));
    for (const c of ['welcomed', 'entries', 'exits', 'companiesCreated'] as const) cells.set(id(c), count(m[c]));
    relations.push({ total: id('socialContributions'), parts: [id('employerContributions'), id('employeeContributions')] });
    linked.push([id('revenue'), id('vatCollected'), id('cooperativeContributions')]);
    linked.push([id('grossSalaries'), id('employerContributions'), id('employeeContributions'), id('socialContributions'), id('jobsFte')]);
  });
  for (const f of [...SECRET_SUMS, 'socialContributions', 'welcomed', 'entries', 'exits', 'companiesCreated']) {
    relations.push({ total: f, parts: t.months.map((month) => `${month}:${f}`) });
  }
  relations.push({ total: 'socialContributions', parts: ['employerContributions', 'employeeContributions'] });
  linked.push(['revenue', 'vatCollected', 'cooperativeContributions']);
  linked.push(['grossSalaries', 'employerContributions', 'employeeContributions', 'socialContributions', 'jobsFte']);

  cells.set('welcomed', count(t.welcomed));
  cells.set('entries', count(t.entries));
  cells.set('companiesCreated', count(t.companiesCreated));
  cells.set('exits', count(END_REASONS.reduce((n, r) => n + t.exits[r], 0)));
  for (const r of END_REASONS) cells.set(`exit:${r}`, count(t.exits[r]));
  relations.push({ total: 'exits', parts: END_REASONS.map((r) => `exit:${r}`) });
  relations.push({ total: 'companiesCreated', parts: ['exit:company_created'] });

  cells.set('peopleAtEnd', count(t.peopleAtEnd));
  for (const s of ACTIVE_STATUSES) cells.set(`status:${s}`, count(t.byStatusAtEnd[s]));
  relations.push({ total: 'peopleAtEnd', parts: ACTIVE_STATUSES.map((s) => `status:${s}`) });
  for (const name of BREAKDOWN_NAMES) {
    const values = BREAKDOWN_VALUES[name];
    for (const value of values) {
      cells.set(`bd:${name}:${value}:end`, count(t.breakdownRaw[name].end.get(value) ?? 0));
      cells.set(`bd:${name}:${value}:entries`, count(t.breakdownRaw[name].entries.get(value) ?? 0));
    }
    relations.push({ total: 'peopleAtEnd', parts: values.map((v) => `bd:${name}:${v}:end`) });
    relations.push({ total: 'entries', parts: values.map((v) => `bd:${name}:${v}:entries`) });
  }
  return { cells, relations, linked };
}
