import { describe, expect, it } from 'vitest';
import { currentContract, stageOn, statusOn } from '../../../domain/careerPath/index.js';
import { applied, contract, convention, domainExample, exitOn, membership, pathOf, ruleBroken, welcome } from './builders.js';

const employee = pathOf(domainExample); // deadline 2026-01-01

describe('becoming an associate', () => {
  it('makes an employee an associate from the effective date', () => {
    const path = applied(employee, membership('2025-06-01'));
    expect(statusOn(path, '2025-05-31')).toBe('employee');
    expect(statusOn(path, '2025-06-01')).toBe('associate');
  });

  it('allows membership on the deadline itself', () => {
    expect(ruleBroken(employee, membership('2026-01-01'))).toBe('accepted');
  });

  it('refuses membership the day after the deadline as associate-deadline-passed', () => {
    expect(ruleBroken(employee, membership('2026-01-02'))).toBe('associate-deadline-passed');
  });

  it('records the capital subscribed as a money string', () => {
    const path = applied(employee, membership('2025-06-01', '250'));
    expect(stageOn(path, '2025-06-01')).toMatchObject({ details: { effectiveOn: '2025-06-01', capitalSubscribed: '250.00' } });
  });

  it('keeps the CESA in force for an associate', () => {
    const path = applied(employee, membership('2025-06-01'));
    expect(currentContract(path, '2027-01-01')?.startsOn).toBe('2024-01-01');
  });

  it('keeps an associate an associate after the deadline', () => {
    const path = applied(employee, membership('2025-06-01'));
    expect(statusOn(path, '2030-01-01')).toBe('associate');
  });

  it('refuses membership of a candidate as invalid-transition', () => {
    expect(ruleBroken(pathOf([welcome('2022-12-01')]), membership('2023-01-01'))).toBe('invalid-transition');
  });

  it('refuses membership of a supported person as invalid-transition', () => {
    const supported = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]);
    expect(ruleBroken(supported, membership('2023-06-01'))).toBe('invalid-transition');
  });

  it('refuses membership of an associate as invalid-transition', () => {
    expect(ruleBroken(applied(employee, membership('2025-06-01')), membership('2025-07-01'))).toBe('invalid-transition');
  });

  it('refuses membership of an exited person as invalid-transition', () => {
    expect(ruleBroken(applied(employee, exitOn('2025-01-01')), membership('2025-02-01'))).toBe('invalid-transition');
  });

  it('refuses membership dated before the CESA started as date-out-of-order', () => {
    expect(ruleBroken(employee, membership('2023-12-31'))).toBe('date-out-of-order');
  });

  it('refuses a capital of zero as invalid-input', () => {
    expect(ruleBroken(employee, membership('2025-06-01', '0.00'))).toBe('invalid-input');
  });

  it('counts the deadline from a re-entry CESA, not from the first path', () => {
    const reentered = pathOf(
      [...domainExample, exitOn('2024-06-01', 'salaried_job'), contract('2027-01-01')],
      { requireConventionBeforeContract: false },
    );
    expect(ruleBroken(reentered, membership('2029-12-31'))).toBe('accepted');
  });

  it('deducts the re-entry CAPE, not the first path’s CAPE', () => {
    const reentered = pathOf([
      ...domainExample,
      exitOn('2024-06-01', 'training'),
      convention('2025-01-01', '2025-03-31'),
      contract('2025-04-01'),
    ]);
    // 2025-04-01 + 36 months − 3 months = 2028-01-01.
    expect(ruleBroken(reentered, membership('2028-01-01'))).toBe('accepted');
    expect(ruleBroken(reentered, membership('2028-01-02'))).toBe('associate-deadline-passed');
  });
});
