/**
 * Inverse payroll, exact to the cent:
 * - grossForEmployerCost: the largest gross whose employer cost does not exceed a budget
 *   (cost(gross) ≤ budget < cost(gross + 0.01));
 * - grossForNet: the smallest gross whose net pay before income tax reaches a target
 *   (net(gross) ≥ target and no smaller gross reaches it).
 *
 * Why these definitions hold up:
 * - The employer cost never decreases when the gross grows by a cent: every line is a non-negative rate on a
 *   base that does not decrease, and the general reduction (at most 0.0040 × 0.01 more per cent, rounded)
 *   can only absorb a cent already added. The reduced-rate thresholds and the end of the reduction make the
 *   cost jump up. So the largest gross within a budget is the last cent before the budget is crossed.
 * - The net grows by at most one cent per cent of gross (a cent minus the non-negative rounded lines), so
 *   the smallest gross whose net reaches the target pays exactly the target, whenever the target is above the
 *   net of the smallest pay. It can dip by a cent where two employee lines round up together, so after finding
 *   a crossing, the few cents below it where the rounding could still reach the target are checked too
 *   (bound: |rounded − exact net| ≤ 0.005 per varying line, exact net slope ≥ 1 − Σ employee rates).
 * - The net drops once, by several euros, one cent above the social security ceiling: the employee's CET is
 *   due on the whole pay as soon as the pay exceeds the ceiling. A net just below what the ceiling pays is then
 *   paid by two grosses, one at most the ceiling and one above it; the answer is the smaller (the cheapest for
 *   the activity: docs/domain.md "Salary"). So when the crossing found lies above the ceiling and the pay at
 *   the ceiling already reaches the target, the search is run again below the ceiling.
 *
 * Both searches take secant steps inside the bracket found so far (bisection as a fallback): a handful of
 * evaluations of one side of the payslip instead of ~27 full payslips for a bisection.
 */
import { Decimal } from 'decimal.js';
import type { IsoDate } from '../calendar.js';
import { Dec } from '../money.js';
import { InvalidPayrollInput } from './errors.js';
import {
  checkedAmount,
  contributionBase,
  evaluateEmployerCost,
  evaluateNet,
  MAX_AMOUNT,
  type DecimalInput,
  type HoursInput,
  type Payslip,
  type PayrollPlan,
  type SearchPoint,
  type PayrollSettings,
  payrollPlan,
  toPayslip,
} from './payslip.js';

type D = Decimal;
const ZERO = new Dec(0);
const CENT = new Dec('0.01');
const TWO = new Dec(2);
const TEN_CENTS = new Dec('0.1');
const FIVE_CENTS = new Dec('0.05');
const ONE_EURO = new Dec(1);
/** A secant this many times steeper than the local slope crosses a jump of the cost. */
const JUMP_RATIO = new Dec('2.5');

export interface InverseInput {
  date: IsoDate;
  weeklyHours?: HoursInput;
  settings: PayrollSettings;
}

function floorCents(x: D): D {
  return x.toDecimalPlaces(2, Decimal.ROUND_FLOOR);
}

/**
 * Finds adjacent cents lo and hi = lo + 0.01 where `reached` turns from false (at lo) to true (at hi).
 * Requires reached to be false at gross 0 (and true at MAX_AMOUNT + 0.01). Newton steps from a first guess,
 * on the secant slope between the last two points when they are at least a euro apart (the general reduction
 * makes the cost a staircase: its slope on one step is not the slope across steps), else on the local slope.
 * A step that lands just past an end of the bracket found so far tests the cent next to that end; one that
 * lands far outside it (across a jump of the cost, where Newton would bounce) or that does not halve the
 * bracket bisects instead. On these piecewise-linear functions it ends in 3 to 8 evaluations.
 */
function findCrossing<P extends SearchPoint>(
  evaluate: (g: D) => P,
  reached: (v: D) => boolean,
  target: D,
  guess: D,
  /** A gross already known to reach: the search stays below it. */
  reachedAt: D | null = null,
): { lo: D; hi: D; atLo: P | null } {
  let lo = ZERO;
  let atLo: P | null = null;
  let hi: D | null = reachedAt;
  let g = guess;
  let previous: { g: D; value: D } | null = null;
  let widths: D[] = [];
  for (let iteration = 1; ; iteration += 1) {
    if (iteration > 200) throw new Error('payroll inverse search did not converge');
    const point = evaluate(g);
    if (reached(point.value)) {
      hi = g;
    } else {
      lo = g;
      atLo = point;
      if (g.greaterThanOrEqualTo(MAX_AMOUNT)) return { lo, hi: lo.plus(CENT), atLo };
    }
    if (hi?.minus(lo).lessThanOrEqualTo(CENT)) return { lo, hi, atLo };

    let slope = point.slope.greaterThan(0) ? point.slope : TEN_CENTS;
    let jump = false;
    if (previous && g.minus(previous.g).abs().greaterThanOrEqualTo(ONE_EURO)) {
      const secant = point.value.minus(previous.value).div(g.minus(previous.g));
      if (secant.greaterThan(0)) {
        jump = secant.greaterThan(slope.times(JUMP_RATIO));
        slope = secant;
      }
    }
    previous = { g, value: point.value };
    // aim at the last cent before the crossing: the cent after it is what tells the crossing apart
    let next = floorCents(g.plus(target.minus(point.value).div(slope)));
    if (hi) {
      const width = hi.minus(lo);
      widths.push(width);
      const stalled = widths.length >= 4 && width.times(2).greaterThan(widths[widths.length - 4] as D);
      const outside = next.lessThan(lo.minus(FIVE_CENTS)) || next.greaterThan(hi.plus(FIVE_CENTS));
      if (jump || stalled || outside) {
        next = floorCents(lo.plus(width.div(TWO)));
        widths = [];
      }
    }
    if (next.lessThanOrEqualTo(lo)) next = lo.plus(CENT);
    if (hi && next.greaterThanOrEqualTo(hi)) next = hi.minus(CENT);
    if (next.greaterThan(MAX_AMOUNT)) next = MAX_AMOUNT;
    g = next;
  }
}

/** The largest gross on a compiled plan whose employer cost does not exceed the budget. */
export function grossForEmployerCostOnPlan(plan: PayrollPlan, budget: D): D {
  const over = (v: D): boolean => v.greaterThan(budget);
  const guess = floorCents(budget.minus(plan.healthEmployer).div(plan.costSlopeHint));
  return findCrossing((g) => evaluateEmployerCost(plan, g), over, budget, Decimal.max(guess, CENT)).lo;
}

/**
 * The largest gross whose contribution base stays within the social security ceiling (the last cent before
 * the CET falls due on the whole pay), or null when no employee line starts above the ceiling.
 */
function lastGrossWithinCeiling(plan: PayrollPlan): D | null {
  if (!plan.employeeLines.some((l) => l.base === 'upTo8PssWhenAbovePss')) return null;
  const within = (g: D): boolean => !contributionBase(plan, g).greaterThan(plan.pssProrated);
  // The base is the gross plus an employer health excess that shrinks as the gross grows: it never decreases,
  // so the cents within the ceiling are an interval from 0; bisection on whole cents.
  let lo = ZERO;
  let hi = floorCents(plan.pssProrated).plus(CENT);
  if (within(hi.minus(CENT))) return hi.minus(CENT);
  while (hi.minus(lo).greaterThan(CENT)) {
    const mid = floorCents(lo.plus(hi).div(TWO));
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return lo.isZero() ? null : lo;
}

/** The smallest gross on a compiled plan whose net pay reaches the target. */
export function grossForNetOnPlan(plan: PayrollPlan, target: D): D {
  if (!target.greaterThan(0)) return ZERO;
  const evaluate = (g: D) => evaluateNet(plan, g);
  const reached = (v: D): boolean => v.greaterThanOrEqualTo(target);
  const guess = floorCents(target.plus(plan.healthEmployee).div(plan.netSlopeHint));
  let crossing = findCrossing(evaluate, reached, target, Decimal.max(guess, CENT));
  if (crossing.hi.greaterThan(MAX_AMOUNT)) throw new InvalidPayrollInput('net', 'needs a gross above 1000000.00');
  const ceiling = lastGrossWithinCeiling(plan);
  if (ceiling && crossing.hi.greaterThan(ceiling) && reached(evaluate(ceiling).value)) {
    // Below the ceiling the net does not drop: the usual search, bounded by the ceiling, finds the smaller gross.
    crossing = findCrossing(evaluate, reached, target, Decimal.min(Decimal.max(guess, CENT), ceiling), ceiling);
  }
  const { lo, hi, atLo } = crossing;
  if (!atLo) return hi; // lo is 0: no smaller gross
  // A smaller gross g can reach the target only if its exact net, at most slopeMin × (lo − g) below the
  // exact net at lo, is within E (the most rounding can add) of the target:
  // lo − g ≤ (exact(lo) + E − target) ÷ slopeMin. E: half a cent per rounded line (a line with no base at lo
  // has none below it either), plus what the rounding of the CSG base can move.
  const slopeMin = Decimal.max(new Dec(1).minus(plan.employeeRateSum), new Dec('0.05'));
  const maxError = new Dec('0.005').times(atLo.roundedLines).plus('0.002');
  const window = atLo.exact.plus(maxError).minus(target).div(slopeMin);
  let best = hi;
  for (let g = lo.minus(CENT); g.greaterThan(0) && lo.minus(g).lessThanOrEqualTo(window); g = g.minus(CENT)) {
    if (reached(evaluate(g).value)) best = g;
  }
  return best;
}

/**
 * The payslip of the largest gross whose employer cost does not exceed the budget
 * (API: simulation with basis "employerCost"). A budget below the cost of the smallest pay gives gross 0.
 */
export function grossForEmployerCost(input: InverseInput & { budget: DecimalInput }): Payslip {
  const plan = payrollPlan(input.date, input.settings, input.weeklyHours);
  const budget = checkedAmount('budget', input.budget);
  return toPayslip(plan, input.date, grossForEmployerCostOnPlan(plan, budget));
}

/**
 * The payslip of the smallest gross whose net pay before income tax reaches the target (API: simulation
 * with basis "net"). Its net equals the target exactly whenever the target is reachable by a positive gross.
 */
export function grossForNet(input: InverseInput & { net: DecimalInput }): Payslip {
  const plan = payrollPlan(input.date, input.settings, input.weeklyHours);
  const target = checkedAmount('net', input.net);
  return toPayslip(plan, input.date, grossForNetOnPlan(plan, target));
}
