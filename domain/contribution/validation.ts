/**
 * Validation of a contribution policy's content (the request's shape is zod's job): rates between 0 and 1,
 * amounts as money strings, brackets strictly ascending and ending with an open bracket, floor ≤ cap.
 */
import { Dec, isMoneyString, isRateString } from '../money.js';
import type { ContributionPolicy } from './policy.js';
import { type Violation, violation } from './violation.js';

/** Ids of the violations `validatePolicy` returns. */
export type PolicyViolationId =
  | 'invalid-kind'
  | 'invalid-base'
  | 'invalid-rate'
  | 'rate-out-of-range'
  | 'invalid-amount'
  | 'amount-negative'
  | 'brackets-empty'
  | 'brackets-not-ascending'
  | 'open-bracket-not-last'
  | 'last-bracket-not-open'
  | 'floor-above-cap';

type PolicyViolation = Violation<PolicyViolationId>;

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

function checkRate(value: unknown, path: string): PolicyViolation[] {
  if (typeof value !== 'string' || !isRateString(value)) {
    return [violation('invalid-rate', path, 'a rate is a decimal string such as "0.10"')];
  }
  if (new Dec(value).greaterThan(1)) return [violation('rate-out-of-range', path, 'a rate is between 0 and 1')];
  return [];
}

function checkAmount(value: unknown, path: string): PolicyViolation[] {
  if (typeof value !== 'string' || !isMoneyString(value)) {
    return [violation('invalid-amount', path, 'an amount is a decimal string with two decimals such as "40.00"')];
  }
  if (new Dec(value).isNegative()) return [violation('amount-negative', path, 'an amount here may not be negative')];
  return [];
}

function checkBrackets(policy: ContributionPolicy & { kind: 'tiered' }, prefix: string): PolicyViolation[] {
  const path = at(prefix, 'brackets');
  const brackets = Array.isArray(policy.brackets) ? policy.brackets : [];
  if (brackets.length === 0) return [violation('brackets-empty', path, 'a tiered policy needs at least one bracket')];
  const out: PolicyViolation[] = [];
  let previous: Dec | null = null;
  brackets.forEach((bracket, i) => {
    const here = `${path}[${i}]`;
    out.push(...checkRate(bracket.rate, `${here}.rate`));
    const isLast = i === brackets.length - 1;
    if (bracket.upTo === null) {
      if (!isLast) out.push(violation('open-bracket-not-last', `${here}.upTo`, 'only the last bracket may be open'));
      return;
    }
    if (isLast) out.push(violation('last-bracket-not-open', `${here}.upTo`, 'the last bracket must be open (upTo: null)'));
    const amount = checkAmount(bracket.upTo, `${here}.upTo`);
    out.push(...amount);
    if (amount.length > 0) return;
    const upTo = new Dec(bracket.upTo);
    if ((previous === null && upTo.isZero()) || (previous !== null && !upTo.greaterThan(previous))) {
      out.push(violation('brackets-not-ascending', `${here}.upTo`, 'bracket limits must be positive and strictly ascending'));
    }
    previous = upTo;
  });
  return out;
}

/**
 * Every problem with a policy's content, each with the path of the field at fault (prefixed by `prefix`,
 * e.g. 'policy' → 'policy.brackets[1].upTo'). Empty when the policy is valid.
 */
export function validatePolicy(policy: ContributionPolicy, prefix = ''): Violation<PolicyViolationId>[] {
  const out: PolicyViolation[] = [];
  if (policy.kind === 'flat') out.push(...checkRate(policy.rate, at(prefix, 'rate')));
  else if (policy.kind === 'tiered') out.push(...checkBrackets(policy, prefix));
  else return [violation('invalid-kind', at(prefix, 'kind'), "kind is 'flat' or 'tiered'")];
  if (policy.base !== undefined && policy.base !== 'revenue' && policy.base !== 'margin' && policy.base !== 'collected') {
    out.push(violation('invalid-base', at(prefix, 'base'), "base is 'revenue', 'margin' or 'collected'"));
  }
  const floor = policy.monthlyFloor === undefined ? [] : checkAmount(policy.monthlyFloor, at(prefix, 'monthlyFloor'));
  const cap = policy.yearlyCap === undefined ? [] : checkAmount(policy.yearlyCap, at(prefix, 'yearlyCap'));
  out.push(...floor, ...cap);
  if (
    policy.monthlyFloor !== undefined &&
    policy.yearlyCap !== undefined &&
    floor.length === 0 &&
    cap.length === 0 &&
    new Dec(policy.monthlyFloor).greaterThan(policy.yearlyCap)
  ) {
    out.push(violation('floor-above-cap', at(prefix, 'monthlyFloor'), 'the monthly floor may not exceed the yearly cap'));
  }
  return out;
}
