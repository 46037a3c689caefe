/**
 * Allocation of a year's surplus (excédents nets de gestion) under the Scop rules, law 78-763 art. 33, as
 * docs/domain.md ("The cooperative itself") states them:
 * 1° legal reserve: at least 15% of the surplus, until the reserve equals the highest capital ever reached
 *    ("ce prélèvement cesse d'être obligatoire lorsque le montant de ladite réserve s'élève au montant le plus
 *    élevé atteint par le capital");
 * 2° development fund (réserves impartageables): the rest; never distributable;
 * 3° workers' share (part travail): at least 25% of the surplus, to all employees, associates or not;
 * 4° interest on capital: at most the workers' share.
 *
 * Decisions taken here (see each function):
 * - When the reserve would reach the highest capital part-way through this year's allocation, only what it
 *   lacks is required: minimum = min(15% × surplus, highestCapital − legalReserveBalance), never below 0.
 * - The 15% and 25% minimums are rounded half-up to the cent, like every other line (docs/domain.md, "Money"):
 *   15% of 100.01 is 15.0015, so 15.00 is accepted. A stricter reading (round up, 15.01) would make a surplus
 *   of 0.01 impossible to allocate in cents; it is a one-line change in `percentOf` if counsel prefers it.
 * - Giving more than the minimum to the legal reserve or the workers is always allowed.
 */
import { Dec, type Dec as Decimal, formatMoney, isMoneyString, maxOf, minOf, money, roundCents, sum, ZERO } from '../money.js';

/** The allocation the assembly votes, and the two figures the legal-reserve rule depends on. Money strings. */
export interface SurplusAllocation {
  readonly year: number;
  /** Excédents nets de gestion of the year; must be positive. */
  readonly surplus: string;
  readonly legalReserve: string;
  /** Fonds de développement / réserves impartageables: what is left once the other three parts are set. */
  readonly developmentFund: string;
  /** Part travail, to all employees. */
  readonly workersShare: string;
  /** Intérêts aux parts sociales (dividends). */
  readonly capitalInterest: string;
  /** The legal reserve before this allocation. */
  readonly legalReserveBalance: string;
  /** The highest capital the cooperative has ever reached. */
  readonly highestCapital: string;
}

export type SurplusField = Exclude<keyof SurplusAllocation, 'year'>;

/**
 * The rules, in the order violations are reported. Each id is stable: the API answers 422 with it as the
 * problem `type` (the first violation's id) and lists every violation in `errors` ({ path: field, message }).
 */
export type SurplusRuleId =
  | 'surplus-not-positive'
  | 'negative-amount'
  | 'allocation-sum-mismatch'
  | 'legal-reserve-below-15-percent'
  | 'workers-share-below-25-percent'
  | 'capital-interest-exceeds-workers-share';

export const SURPLUS_RULES: readonly SurplusRuleId[] = Object.freeze([
  'surplus-not-positive',
  'negative-amount',
  'allocation-sum-mismatch',
  'legal-reserve-below-15-percent',
  'workers-share-below-25-percent',
  'capital-interest-exceeds-workers-share',
]);

export interface SurplusViolation {
  readonly rule: SurplusRuleId;
  /** The input field the rule is about. The sum rule names `developmentFund`, the residual part. */
  readonly field: SurplusField;
  readonly message: string;
  /** The amount the field should have (a minimum, a maximum or the exact residual), when there is one. */
  readonly expected?: string;
  readonly actual: string;
}

/** What the law asks of an allocation, given the surplus, the reserve so far and the highest capital. */
export interface SurplusRequirements {
  /** Minimum to the legal reserve: min(15% × surplus, highestCapital − legalReserveBalance), at least 0. */
  readonly legalReserveMinimum: string;
  /** Minimum to the workers: 25% of the surplus. */
  readonly workersShareMinimum: string;
}

export type SurplusAllocationDecision =
  | { readonly ok: true; readonly allocation: SurplusAllocation; readonly requirements: SurplusRequirements }
  | { readonly ok: false; readonly violations: readonly SurplusViolation[]; readonly requirements: SurplusRequirements };

export const LEGAL_RESERVE_RATE = '0.15';
export const WORKERS_SHARE_RATE = '0.25';

const AMOUNT_FIELDS: readonly SurplusField[] = [
  'surplus',
  'legalReserve',
  'developmentFund',
  'workersShare',
  'capitalInterest',
  'legalReserveBalance',
  'highestCapital',
];

/**
 * The minimums of art. 33 for a surplus. A surplus that is not positive requires nothing (it is refused by
 * its own rule); a reserve already at or above the highest capital requires nothing more.
 *
 * @throws RangeError when an amount is not a money string with two decimals.
 */
export function surplusRequirements(input: {
  readonly surplus: string;
  readonly legalReserveBalance: string;
  readonly highestCapital: string;
}): SurplusRequirements {
  const surplus = maxOf(parse(input.surplus, 'surplus'), ZERO);
  const headroom = maxOf(
    parse(input.highestCapital, 'highestCapital').minus(parse(input.legalReserveBalance, 'legalReserveBalance')),
    ZERO,
  );
  return {
    legalReserveMinimum: formatMoney(minOf(percentOf(surplus, LEGAL_RESERVE_RATE), headroom)),
    workersShareMinimum: formatMoney(percentOf(surplus, WORKERS_SHARE_RATE)),
  };
}

/**
 * Checks an allocation against every rule and returns all the violations found, in the order of
 * `SURPLUS_RULES`, each naming its field. An accepted allocation comes back with its amounts normalized.
 *
 * @throws RangeError when an amount is not a money string with two decimals ("1234.50"); the request schema
 *   refuses those with a 400 before the domain is reached.
 */
export function checkSurplusAllocation(allocation: SurplusAllocation): SurplusAllocationDecision {
  const amount = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, parse(allocation[f], f)])) as Record<SurplusField, Decimal>;
  const requirements = surplusRequirements(allocation);
  const violations: SurplusViolation[] = [];

  if (amount.surplus.lessThanOrEqualTo(0)) {
    violations.push({
      rule: 'surplus-not-positive',
      field: 'surplus',
      message: `there is nothing to allocate: the surplus is ${formatMoney(amount.surplus)}`,
      actual: formatMoney(amount.surplus),
    });
  }

  for (const field of AMOUNT_FIELDS) {
    if (field !== 'surplus' && amount[field].lessThan(0)) {
      violations.push({
        rule: 'negative-amount',
        field,
        message: `${field} cannot be negative`,
        expected: '0.00',
        actual: formatMoney(amount[field]),
      });
    }
  }

  const parts = sum([amount.legalReserve, amount.developmentFund, amount.workersShare, amount.capitalInterest]);
  if (!parts.equals(amount.surplus)) {
    const residual = amount.surplus.minus(amount.legalReserve).minus(amount.workersShare).minus(amount.capitalInterest);
    violations.push({
      rule: 'allocation-sum-mismatch',
      field: 'developmentFund',
      message:
        `the four parts sum to ${formatMoney(parts)}, not to the surplus ${formatMoney(amount.surplus)}; ` +
        `the development fund takes the rest: ${formatMoney(residual)}`,
      expected: formatMoney(residual),
      actual: formatMoney(amount.developmentFund),
    });
  }

  const legalReserveMinimum = money(requirements.legalReserveMinimum);
  if (amount.legalReserve.lessThan(legalReserveMinimum)) {
    violations.push({
      rule: 'legal-reserve-below-15-percent',
      field: 'legalReserve',
      message:
        `the legal reserve must receive at least ${requirements.legalReserveMinimum}: 15% of the surplus, ` +
        `or what the reserve (${formatMoney(amount.legalReserveBalance)}) lacks to reach the highest capital ` +
        `(${formatMoney(amount.highestCapital)}) if that is less`,
      expected: requirements.legalReserveMinimum,
      actual: formatMoney(amount.legalReserve),
    });
  }

  const workersShareMinimum = money(requirements.workersShareMinimum);
  if (amount.workersShare.lessThan(workersShareMinimum)) {
    violations.push({
      rule: 'workers-share-below-25-percent',
      field: 'workersShare',
      message: `the workers' share must be at least ${requirements.workersShareMinimum}: 25% of the surplus`,
      expected: requirements.workersShareMinimum,
      actual: formatMoney(amount.workersShare),
    });
  }

  if (amount.capitalInterest.greaterThan(amount.workersShare)) {
    violations.push({
      rule: 'capital-interest-exceeds-workers-share',
      field: 'capitalInterest',
      message: `interest on capital cannot exceed the workers' share (${formatMoney(amount.workersShare)})`,
      expected: formatMoney(amount.workersShare),
      actual: formatMoney(amount.capitalInterest),
    });
  }

  if (violations.length > 0) return { ok: false, violations, requirements };
  const normalized = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, formatMoney(amount[f])]));
  return { ok: true, allocation: { year: allocation.year, ...normalized } as SurplusAllocation, requirements };
}

/**
 * The minimal legal allocation of a surplus: the minimum to the legal reserve, the minimum to the workers,
 * no interest on capital, and the rest to the development fund. Always accepted by `checkSurplusAllocation`.
 *
 * @throws RangeError when the surplus is not positive, the reserve or the highest capital is negative, or an
 *   amount is not a money string with two decimals.
 */
export function proposeMinimalAllocation(input: {
  readonly year: number;
  readonly surplus: string;
  readonly legalReserveBalance: string;
  readonly highestCapital: string;
}): SurplusAllocation {
  const surplus = parse(input.surplus, 'surplus');
  if (surplus.lessThanOrEqualTo(0)) throw new RangeError(`the surplus must be positive, got ${input.surplus}`);
  for (const field of ['legalReserveBalance', 'highestCapital'] as const) {
    if (parse(input[field], field).lessThan(0)) {
      throw new RangeError(`${field} cannot be negative, got ${input[field]}`);
    }
  }
  const requirements = surplusRequirements(input);
  const legalReserve = money(requirements.legalReserveMinimum);
  const workersShare = money(requirements.workersShareMinimum);
  return {
    year: input.year,
    surplus: formatMoney(surplus),
    legalReserve: formatMoney(legalReserve),
    // Each minimum is at most its share plus half a cent, so 40% + 1 cent never exceeds a surplus ≥ 0.02,
    // and a surplus of 0.01 requires 0.00 of each: the rest is never negative.
    developmentFund: formatMoney(surplus.minus(legalReserve).minus(workersShare)),
    workersShare: formatMoney(workersShare),
    capitalInterest: '0.00',
    legalReserveBalance: formatMoney(parse(input.legalReserveBalance, 'legalReserveBalance')),
    highestCapital: formatMoney(parse(input.highestCapital, 'highestCapital')),
  };
}

/** A rate of an amount, rounded half-up to the cent (the project's rounding for every line). */
function percentOf(amount: Decimal, rate: string): Decimal {
  return roundCents(amount.times(new Dec(rate)));
}

function parse(value: string, field: string): Decimal {
  if (typeof value !== 'string' || !isMoneyString(value)) {
    throw new RangeError(`${field} must be a money string with two decimals, got ${String(value)}`);
  }
  // plus(0) turns "-0.00" into 0.00, so it never prints with a sign.
  return money(value).plus(0);
}
