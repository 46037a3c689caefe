/**
 * Issue 10 item 2 as a property: an entry is accepted exactly when the person could have activity on its date
 * (supported, employee or associate on that date: careerPath `statusOn`) and its month is open; what the
 * person is today does not matter. Paths are random careers built with the career-path builders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordTransaction, reverseTransaction, type Transaction } from '../../../domain/activityAccount/index.js';
import { addDays, monthOf } from '../../../domain/calendar.js';
import { type CareerCommand, type CareerPath, decide, EMPTY_PATH, statusOn } from '../../../domain/careerPath/index.js';
import { applied, contract, convention, conventionOptional, exitOn, membership, renewal, welcome } from '../careerPath/builders.js';
import { request } from './builders.js';

const START = '2022-01-01';
/** An entry dated before every career, to reverse on random dates. */
const ORIGINAL: Transaction = { id: 'tx-o', type: 'revenue', date: '2021-12-01', month: '2021-12', amountExclVat: '100.00', vatRate: '0.20', vatAmount: '20.00', label: 'Invoice' };
const ACTIVE = ['supported', 'employee', 'associate'];

type Step = { kind: 'welcome' | 'convention' | 'renewal' | 'contract' | 'membership' | 'exit'; gap: number; months: number };

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('welcome', 'convention', 'convention', 'renewal', 'contract', 'contract', 'membership', 'exit'),
  gap: fc.integer({ min: 0, max: 200 }),
  months: fc.integer({ min: 1, max: 12 }),
});

/** A career welcomed on START: each step dated `gap` days after the previous stage began, refused ones left out. */
function careerOf(steps: readonly Step[]): CareerPath {
  let path = applied(EMPTY_PATH, welcome(START));
  for (const s of steps) {
    const from = addDays(path.stages.at(-1)?.from ?? START, s.gap);
    const last = path.stages.at(-1);
    const command: CareerCommand =
      s.kind === 'welcome'
        ? welcome(from)
        : s.kind === 'convention'
          ? convention(from, addDays(addDays(from, s.months * 30), -1))
          : s.kind === 'renewal'
            ? renewal(addDays(last?.stage === 'supported' ? last.details.endsOn : from, s.months * 30))
            : s.kind === 'contract'
              ? contract(from)
              : s.kind === 'membership'
                ? membership(from)
                : exitOn(from);
    const decision = decide(path, command, conventionOptional);
    if (decision.ok) path = decision.value;
  }
  return path;
}

const career = fc.array(step, { minLength: 1, maxLength: 8 }).map(careerOf);
const date = fc.integer({ min: -30, max: 3 * 365 }).map((days) => addDays(START, days));

describe('an entry is judged on its own date', () => {
  it('is accepted exactly when the person is supported, employee or associate on that date (month open)', () => {
    fc.assert(
      fc.property(career, date, (path, on) => {
        const decision = recordTransaction('tx-p', request({ date: on }), { path, lastClosedMonth: null });
        expect(decision.ok).toBe(ACTIVE.includes(statusOn(path, on)));
      }),
      { numRuns: 500 },
    );
  });

  it('is refused in a closed month whatever the status, and the status rules the open months', () => {
    fc.assert(
      fc.property(career, date, date, (path, on, closedUpTo) => {
        const lastClosedMonth = monthOf(closedUpTo);
        const decision = recordTransaction('tx-p', request({ date: on }), { path, lastClosedMonth });
        expect(decision.ok).toBe(ACTIVE.includes(statusOn(path, on)) && monthOf(on) > lastClosedMonth);
      }),
      { numRuns: 300 },
    );
  });

  it('judges a reversal on its own date the same way', () => {
    fc.assert(
      fc.property(career, date, (path, on) => {
        const decision = reverseTransaction('tx-r', ORIGINAL, { date: on, reason: 'x' }, { path, lastClosedMonth: null, alreadyReversed: false });
        expect(decision.ok).toBe(ACTIVE.includes(statusOn(path, on)));
      }),
      { numRuns: 300 },
    );
  });
});
