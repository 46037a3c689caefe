/**
 * One CAE's closed month, cut by territory: what the payroll workflow writes when it closes a month, and what
 * every report sums (a report never reads the ledger).
 *
 * Who counts where: an entrepreneur counts in every territory that contains the commune of their activity
 * (docs/domain.md): the commune (for a municipal arrondissement, the arrondissement and its commune), its EPCI when it
 * has one, its département, its région when it has one, and `france`. The commune is the one the payroll run
 * recorded on the month's result when there is one, else the one on the entrepreneur's record. A commune code
 * the territory dataset does not know places the person nowhere; they are returned in `unplaced`.
 *
 * Who counts in a month: a person with a result that month (their money), or whose status on the month's last
 * day is candidate, supported, employee or associate, or who was welcomed, entered or exited during the month.
 * People who left before the month and came back after it count nowhere that month.
 *
 * Definitions (the figures of docs/domain.md "What funders ask for"):
 * - welcomed: the person's first stage (the accueil) starts in the month;
 * - entries: a supported (CAPE) or employee (CESA) stage starts in the month and the stage before it is a
 *   candidate or exited stage, or there is none: someone who had no contract with the CAE now has one. Moving
 *   on from a CAPE to a CESA, or from a CESA to membership, is a progression, not an entry; a person whose CAPE
 *   ran out (candidate again) and who later signs a CESA enters again, as does a person who comes back after an
 *   exit. Stages that lasted no day (superseded the day they began) still count: they happened;
 * - byStatusAtEnd: the status on the month's last day (`statusOn`, so a CAPE or CESA that ended by itself is
 *   seen as it ended);
 * - exits: the exited stages (stored, or the projected end of a CESA at its associate deadline) that start in
 *   the month, by reason; companiesCreated: those with reason company_created;
 * - jobsFte: per payslip min(1, gross ÷ full-time SMIC gross of the month), rounded half-up to 4 decimals;
 * - money: sums of the closed accounts (revenue, purchases for resale, VAT collected, cooperative contribution)
 *   and payslips (gross, employer contributions after the general reduction, employee contributions);
 *   valueAdded = revenue − every expense of the account (docs/domain.md "Value added": intermediate consumption,
 *   purchases for resale included; salaries and social contributions are not expenses of the account), while
 *   revenue − purchases for resale is the gross margin, the base of margin contribution policies, not value added;
 * - contributors: for each money figure, the people with a non-zero amount in it (statistical secrecy);
 * - largest and squares: for each secret sum (money and FTE), the largest amount one person has in it (absolute
 *   value) and the sum of each person's amount squared: what the dominance test bounds a person's share with
 *   (secrecy.ts);
 * - people: the people still in the CAE at the month's end (`end:<bucket>`) and the month's entries
 *   (`entries:<bucket>`, one per entry) by breakdown bucket (breakdowns.ts).
 *
 * Pure and deterministic: the same inputs give the same aggregates in the same order, so writing them twice
 * writes the same items.
 */
import { Decimal } from 'decimal.js';
import { type IsoMonth, firstDayOf, lastDayOf } from '../calendar.js';
import { type EndReason, statusOn, timeline } from '../careerPath/index.js';
import { Dec, formatMoney, minOf, money } from '../money.js';
import { datasetVintage, territoriesOfCommune } from '../territory/index.js';
import { bucketsOf } from './breakdowns.js';
import {
  ACTIVE_STATUSES,
  COUNTED_STATUSES,
  type CountedStatus,
  END_REASONS,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonthAggregate,
  type MonthFigures,
  type PersonInput,
  SECRET_SUMS,
  type SecretSum,
} from './types.js';

export interface AggregateMonthInput {
  readonly caeId: string;
  readonly month: IsoMonth;
  /** Every entrepreneur of the CAE (any status): the function picks those who count in the month. */
  readonly entrepreneurs: readonly PersonInput[];
  /** The month's closed results of the CAE. */
  readonly results: readonly MonthFigures[];
}

export interface AggregateMonthOutput {
  /** One aggregate per territory where the CAE has someone counted in the month, sorted by territory. */
  readonly aggregates: MonthAggregate[];
  /** Ids of the people counted in the month whose commune code the territory dataset does not know. */
  readonly unplaced: string[];
}

/**
 * The territories that contain a commune, as `kind:code` strings, smallest first; undefined for an unknown code.
 */
export function territoriesForCommune(communeCode: string): string[] | undefined {
  if (typeof communeCode !== 'string') return undefined; // a stored result written without one
  const found = territoriesOfCommune(communeCode);
  if (!found) return undefined;
  const list: string[] = [];
  if (found.arrondissement) list.push(`commune:${found.arrondissement}`);
  list.push(`commune:${found.commune}`);
  if (found.epci) list.push(`epci:${found.epci}`);
  list.push(`departement:${found.departement}`);
  if (found.region) list.push(`region:${found.region}`);
  list.push('france');
  return list;
}

/** min(1, gross ÷ full-time SMIC gross), half-up to 4 decimals. */
export function fteOf(gross: string, fullTimeSmicGross: string): Decimal {
  const smic = money(fullTimeSmicGross);
  if (!smic.greaterThan(0)) throw new RangeError(`a payslip's full-time SMIC gross must be positive, got ${fullTimeSmicGross}`);
  return minOf(new Dec(1), money(gross).dividedBy(smic)).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

interface PersonMonth {
  welcomed: number;
  entries: number;
  status: CountedStatus | 'none';
  exits: EndReason[];
  /** The person's breakdown buckets (breakdowns.ts), filled when they are placed. */
  buckets?: string[];
}

const inMonth = (date: string, first: string, last: string) => first <= date && date <= last;

/** What a person's career path says about one month. */
export function personMonth(person: Pick<PersonInput, 'path'>, month: IsoMonth): PersonMonth {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const stages = timeline(person.path);
  let entries = 0;
  const exits: EndReason[] = [];
  stages.forEach((stage, i) => {
    if (!inMonth(stage.from, first, last)) return;
    if (stage.stage === 'exited') exits.push(stage.reason);
    if (stage.stage === 'supported' || stage.stage === 'employee') {
      const before = stages[i - 1]?.stage;
      if (before === undefined || before === 'candidate' || before === 'exited') entries += 1;
    }
  });
  const firstStage = person.path.stages[0];
  return {
    welcomed: firstStage && inMonth(firstStage.from, first, last) ? 1 : 0,
    entries,
    status: statusOn(person.path, last),
    exits,
  };
}

interface Accumulator {
  welcomed: number;
  entries: number;
  byStatusAtEnd: Record<CountedStatus, number>;
  exits: Record<EndReason, number>;
  payslips: number;
  jobsFte: Decimal;
  revenue: Decimal;
  purchases: Decimal;
  valueAdded: Decimal;
  vatCollected: Decimal;
  grossSalaries: Decimal;
  employerContributions: Decimal;
  employeeContributions: Decimal;
  cooperativeContributions: Decimal;
  contributors: Record<MoneyFigure, number>;
  largest: Record<SecretSum, Decimal>;
  squares: Record<SecretSum, Decimal>;
  people: Record<string, number>;
}

const isActive = (status: CountedStatus | 'none') => (ACTIVE_STATUSES as readonly string[]).includes(status);
const zeroSums = () => Object.fromEntries(SECRET_SUMS.map((f) => [f, new Dec(0)])) as Record<SecretSum, Decimal>;

function emptyAccumulator(): Accumulator {
  return {
    welcomed: 0,
    entries: 0,
    byStatusAtEnd: Object.fromEntries(COUNTED_STATUSES.map((s) => [s, 0])) as Record<CountedStatus, number>,
    exits: Object.fromEntries(END_REASONS.map((r) => [r, 0])) as Record<EndReason, number>,
    payslips: 0,
    jobsFte: new Dec(0),
    revenue: new Dec(0),
    purchases: new Dec(0),
    valueAdded: new Dec(0),
    vatCollected: new Dec(0),
    grossSalaries: new Dec(0),
    employerContributions: new Dec(0),
    employeeContributions: new Dec(0),
    cooperativeContributions: new Dec(0),
    contributors: Object.fromEntries(MONEY_FIGURES.map((f) => [f, 0])) as Record<MoneyFigure, number>,
    largest: zeroSums(),
    squares: zeroSums(),
    people: {},
  };
}

/** Keeps what the dominance test needs of one person's amount (see the module's TSDoc). */
function addToDominance(acc: Accumulator, figure: SecretSum, amount: Decimal): void {
  if (amount.isZero()) return;
  if (amount.abs().greaterThan(acc.largest[figure])) acc.largest[figure] = amount.abs();
  acc.squares[figure] = acc.squares[figure].plus(amount.times(amount));
}

function addToBuckets(acc: Accumulator, kind: 'end' | 'entries', buckets: readonly string[], n: number): void {
  for (const bucket of buckets) acc.people[`${kind}:${bucket}`] = (acc.people[`${kind}:${bucket}`] ?? 0) + n;
}

/** One person's amounts of a month, by money figure (zero where they have none). */
function moneyOf(result: MonthFigures): Record<MoneyFigure, Decimal> {
  const revenue = money(result.account.revenue);
  const payslip = result.payslip;
  return {
    revenue,
    purchases: money(result.account.purchases),
    valueAdded: revenue.minus(money(result.account.expenses)),
    vatCollected: money(result.account.vatCollected),
    grossSalaries: payslip ? money(payslip.gross) : new Dec(0),
    employerContributions: payslip ? money(payslip.employerContributions) : new Dec(0),
    employeeContributions: payslip ? money(payslip.employeeContributions) : new Dec(0),
    cooperativeContributions: money(result.account.contribution),
  };
}

function addPerson(acc: Accumulator, person: PersonMonth | undefined, result: MonthFigures | undefined): void {
  if (person) {
    acc.welcomed += person.welcomed;
    acc.entries += person.entries;
    if (person.status !== 'none') acc.byStatusAtEnd[person.status] += 1;
    for (const reason of person.exits) acc.exits[reason] += 1;
    if (person.buckets) {
      if (isActive(person.status)) addToBuckets(acc, 'end', person.buckets, 1);
      if (person.entries > 0) addToBuckets(acc, 'entries', person.buckets, person.entries);
    }
  }
  if (result) {
    const amounts = moneyOf(result);
    for (const figure of MONEY_FIGURES) {
      acc[figure] = acc[figure].plus(amounts[figure]);
      // valueAdded: anyone with revenue or an expense contributes, even when the two cancel out.
      const contributes = figure === 'valueAdded' ? !amounts.revenue.isZero() || !money(result.account.expenses).isZero() : !amounts[figure].isZero();
      if (contributes) acc.contributors[figure] += 1;
      addToDominance(acc, figure, amounts[figure]);
    }
    const payslip = result.payslip;
    if (payslip) {
      acc.payslips += 1;
      const fte = fteOf(payslip.gross, payslip.fullTimeSmicGross);
      acc.jobsFte = acc.jobsFte.plus(fte);
      addToDominance(acc, 'jobsFte', fte);
    }
  }
}

function counts(person: PersonMonth): boolean {
  return (
    person.welcomed > 0 ||
    person.entries > 0 ||
    person.exits.length > 0 ||
    (person.status !== 'none' && person.status !== 'exited')
  );
}

/** Cuts one CAE's closed month into one aggregate per territory (see the module's TSDoc). */
export function aggregateMonth(input: AggregateMonthInput): AggregateMonthOutput {
  const { caeId, month } = input;
  const resultsById = new Map<string, MonthFigures>();
  for (const result of input.results) resultsById.set(result.entrepreneurId, result);
  const byTerritory = new Map<string, Accumulator>();
  const unplaced: string[] = [];

  // A CAE's people share a few communes: each commune's territories are looked up once.
  const territoriesByCommune = new Map<string, string[] | undefined>();
  const place = (id: string, communeCode: string, person: PersonMonth | undefined, result: MonthFigures | undefined) => {
    if (!territoriesByCommune.has(communeCode)) territoriesByCommune.set(communeCode, territoriesForCommune(communeCode));
    const territories = territoriesByCommune.get(communeCode);
    if (!territories) {
      unplaced.push(id);
      return;
    }
    for (const territory of territories) {
      let acc = byTerritory.get(territory);
      if (!acc) {
        acc = emptyAccumulator();
        byTerritory.set(territory, acc);
      }
      addPerson(acc, person, result);
    }
  };

  const seen = new Set<string>();
  for (const entrepreneur of input.entrepreneurs) {
    if (seen.has(entrepreneur.id)) continue;
    seen.add(entrepreneur.id);
    const person: PersonMonth = { ...personMonth(entrepreneur, month), buckets: bucketsOf(entrepreneur, month) };
    const result = resultsById.get(entrepreneur.id);
    if (!result && !counts(person)) continue;
    place(entrepreneur.id, result?.communeCode ?? entrepreneur.communeCode, person, result);
  }
  // A result whose entrepreneur was not listed still brings its money (never lose revenue from a report).
  for (const result of input.results) {
    if (!seen.has(result.entrepreneurId)) place(result.entrepreneurId, result.communeCode, undefined, result);
  }

  const aggregates = [...byTerritory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([territory, acc]): MonthAggregate => ({
      territory,
      month,
      caeId,
      datasetVintage,
      welcomed: acc.welcomed,
      entries: acc.entries,
      byStatusAtEnd: acc.byStatusAtEnd,
      exits: acc.exits,
      companiesCreated: acc.exits.company_created,
      payslips: acc.payslips,
      jobsFte: acc.jobsFte.toFixed(4),
      ...(Object.fromEntries(MONEY_FIGURES.map((f) => [f, formatMoney(acc[f])])) as Record<MoneyFigure, string>),
      contributors: acc.contributors,
      largest: Object.fromEntries(SECRET_SUMS.map((f) => [f, acc.largest[f].toFixed()])) as Record<SecretSum, string>,
      squares: Object.fromEntries(SECRET_SUMS.map((f) => [f, acc.squares[f].toFixed()])) as Record<SecretSum, string>,
      people: acc.people,
    }));
  return { aggregates, unplaced: [...new Set(unplaced)].sort() };
}
