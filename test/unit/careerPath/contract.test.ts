import { describe, expect, it } from 'vitest';
import { associateDeadline, currentContract, statusOn } from '../../../domain/careerPath/index.js';
import {
  applied,
  contract,
  convention,
  conventionOptional,
  domainExample,
  exitOn,
  membership,
  pathOf,
  ruleBroken,
  welcome,
} from './builders.js';

const candidate = pathOf([welcome('2022-12-01')]);
const supported = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]);

describe('signing a CESA: the CAE’s convention-required setting', () => {
  it('refuses a CESA without a prior CAPE as convention-required by default', () => {
    expect(ruleBroken(candidate, contract('2023-01-01'))).toBe('convention-required');
  });

  it('refuses a CESA without a prior CAPE when the CAE requires one explicitly', () => {
    expect(ruleBroken(candidate, contract('2023-01-01'), { requireConventionBeforeContract: true })).toBe(
      'convention-required',
    );
  });

  it('allows a candidate to become an employee where the CAE does not require a CAPE', () => {
    const path = applied(candidate, contract('2023-01-01'), conventionOptional);
    expect(statusOn(path, '2023-01-01')).toBe('employee');
  });

  it('allows a CESA after a CAPE when the CAE requires one', () => {
    expect(ruleBroken(supported, contract('2024-01-01'))).toBe('accepted');
  });

  it('does not count a CAPE cut short the day it began as a prior CAPE', () => {
    expect(ruleBroken(supported, contract('2023-01-01'))).toBe('convention-required');
  });

  it('counts a CAPE that ended with nothing after it: the candidate may sign a CESA later', () => {
    expect(ruleBroken(supported, contract('2024-03-01'))).toBe('accepted');
  });
});

describe('signing a CESA: the transition', () => {
  it('ends the CAPE the day before the CESA starts when it starts early', () => {
    const path = applied(supported, contract('2023-07-01'));
    expect(path.stages[1]).toMatchObject({ stage: 'supported', from: '2023-01-01', to: '2023-06-30' });
    expect(statusOn(path, '2023-07-01')).toBe('employee');
  });

  it('follows a CAPE directly when it starts the day after the CAPE ends', () => {
    const path = pathOf(domainExample);
    expect(path.stages.map((s) => s.stage)).toEqual(['candidate', 'supported', 'employee']);
  });

  it('records the CAPE’s end and the candidate gap when the CESA starts after a gap', () => {
    const path = applied(supported, contract('2024-03-01'));
    expect(path.stages.map((s) => [s.stage, s.from, s.to])).toEqual([
      ['candidate', '2022-12-01', '2022-12-31'],
      ['supported', '2023-01-01', '2023-12-31'],
      ['candidate', '2024-01-01', '2024-02-29'],
      ['employee', '2024-03-01', '2026-03-01'],
    ]);
  });

  it('refuses a second CESA for an employee as invalid-transition', () => {
    const employee = pathOf(domainExample);
    expect(ruleBroken(employee, contract('2024-06-01'))).toBe('invalid-transition');
  });

  it('refuses a CESA for an associate as invalid-transition', () => {
    const associate = applied(pathOf(domainExample), membership('2024-06-01'));
    expect(ruleBroken(associate, contract('2024-07-01'))).toBe('invalid-transition');
  });

  it('refuses a CESA starting before the current stage as date-out-of-order', () => {
    expect(ruleBroken(supported, contract('2022-12-31'))).toBe('date-out-of-order');
  });

  it('refuses a CESA signed after it starts as date-out-of-order', () => {
    expect(ruleBroken(supported, contract('2024-01-01', { signedOn: '2024-01-02' }))).toBe('date-out-of-order');
  });

  it('refuses a fixed monthly gross with more than two decimals as invalid-input', () => {
    expect(ruleBroken(supported, contract('2024-01-01', { fixedMonthlyGross: '1801.805' }))).toBe('invalid-input');
  });

  it('refuses a negative fixed monthly gross as invalid-input', () => {
    expect(ruleBroken(supported, contract('2024-01-01', { fixedMonthlyGross: '-1.00' }))).toBe('invalid-input');
  });

  it('refuses a fractional trial period as invalid-input', () => {
    expect(ruleBroken(supported, contract('2024-01-01', { trialMonths: 1.5 }))).toBe('invalid-input');
  });

  it('stores the fixed monthly gross as a money string with two decimals', () => {
    const path = applied(supported, contract('2024-01-01', { fixedMonthlyGross: '1500' }));
    expect(currentContract(path, '2024-01-01')?.fixedMonthlyGross).toBe('1500.00');
  });
});

describe('the CESA trial period: at most 8 months minus the prior CAPE (L7332-1)', () => {
  const withoutCape = (trialMonths: number) => ruleBroken(candidate, contract('2023-01-01', { trialMonths }), conventionOptional);

  it('allows 8 months without a prior CAPE', () => {
    expect(withoutCape(8)).toBe('accepted');
  });

  it('refuses 9 months without a prior CAPE as trial-period-too-long', () => {
    expect(withoutCape(9)).toBe('trial-period-too-long');
  });

  it('allows 2 months after a CAPE of exactly 6 months', () => {
    const sixMonths = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-06-30')]);
    expect(ruleBroken(sixMonths, contract('2023-07-01', { trialMonths: 2 }))).toBe('accepted');
  });

  it('refuses 3 months after a CAPE of exactly 6 months as trial-period-too-long', () => {
    const sixMonths = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-06-30')]);
    expect(ruleBroken(sixMonths, contract('2023-07-01', { trialMonths: 3 }))).toBe('trial-period-too-long');
  });

  it('counts a started month of CAPE as a whole month: 6 months and 1 day leave 1 month of trial', () => {
    const sixMonthsAndADay = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-07-01')]);
    expect(ruleBroken(sixMonthsAndADay, contract('2023-07-02', { trialMonths: 2 }))).toBe('trial-period-too-long');
    expect(ruleBroken(sixMonthsAndADay, contract('2023-07-02', { trialMonths: 1 }))).toBe('accepted');
  });

  it('leaves no trial after a CAPE of 8 months or more, yet allows a CESA without trial', () => {
    expect(ruleBroken(supported, contract('2024-01-01', { trialMonths: 1 }))).toBe('trial-period-too-long');
    expect(ruleBroken(supported, contract('2024-01-01'))).toBe('accepted');
  });

  it('counts only the part of the CAPE before the CESA started', () => {
    // CAPE signed for 12 months but the CESA starts after 3: 5 months of trial remain.
    expect(ruleBroken(supported, contract('2023-04-01', { trialMonths: 5 }))).toBe('accepted');
    expect(ruleBroken(supported, contract('2023-04-01', { trialMonths: 6 }))).toBe('trial-period-too-long');
  });
});

describe('the associate deadline: CESA start + 36 months − the prior CAPE (L7331-3)', () => {
  it('is 2026-01-01 for a CAPE 2023-01-01 → 2023-12-31 and a CESA from 2024-01-01 (docs/domain.md)', () => {
    expect(associateDeadline(pathOf(domainExample))).toBe('2026-01-01');
  });

  it('is 36 months after the CESA start without a prior CAPE', () => {
    const path = applied(candidate, contract('2023-03-15'), conventionOptional);
    expect(associateDeadline(path)).toBe('2026-03-15');
  });

  it('deducts a CAPE of days exactly: a 10-day CAPE moves the deadline 10 days earlier', () => {
    const tenDays = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-01-10'), contract('2023-01-11')]);
    expect(associateDeadline(tenDays)).toBe('2026-01-01');
  });

  it('deducts the CAPE even when a candidate gap separates it from the CESA', () => {
    expect(associateDeadline(applied(supported, contract('2024-03-01')))).toBe('2026-03-01');
  });

  it('is part of the contract details', () => {
    expect(currentContract(pathOf(domainExample), '2024-01-01')).toEqual({
      signedOn: '2024-01-01',
      startsOn: '2024-01-01',
      fixedMonthlyGross: '1801.80',
      trialMonths: 0,
      associateDeadline: '2026-01-01',
    });
  });

  it('refuses a CESA whose deadline would fall before it starts as associate-deadline-passed', () => {
    // A CAPE of 35 months and 30 days, then a CESA starting on 1 February: 36 months − 35 months = 2026-03-01,
    // minus 30 days is 2026-01-30, before the start.
    const longCape = pathOf([
      welcome('2022-12-01'),
      convention('2023-01-01', '2023-12-31'),
      { kind: 'renewConvention', endsOn: '2024-12-31' },
      { kind: 'renewConvention', endsOn: '2025-12-30' },
    ]);
    expect(ruleBroken(longCape, contract('2026-02-01'))).toBe('associate-deadline-passed');
  });

  it('is undefined once the person is an associate', () => {
    expect(associateDeadline(applied(pathOf(domainExample), membership('2025-01-01')))).toBeUndefined();
  });

  it('is undefined for someone who exited', () => {
    expect(associateDeadline(applied(pathOf(domainExample), exitOn('2025-01-01')))).toBeUndefined();
  });
});
