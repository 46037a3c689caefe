import { describe, expect, it } from 'vitest';
import { type SupportedStage, statusOn } from '../../../domain/careerPath/index.js';
import { applied, contract, convention, exitOn, pathOf, renewal, ruleBroken, welcome } from './builders.js';

const candidate = pathOf([welcome('2022-12-01')]);
const supported = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]);

function lastSupported(path: ReturnType<typeof pathOf>): SupportedStage {
  const last = path.stages.at(-1);
  if (last?.stage !== 'supported') throw new Error('expected a CAPE last');
  return last;
}

describe('signing a CAPE (convention d’accompagnement)', () => {
  it('makes a candidate supported from the start date', () => {
    const path = applied(candidate, convention('2023-01-01', '2023-12-31'));
    expect(statusOn(path, '2022-12-31')).toBe('candidate');
    expect(statusOn(path, '2023-01-01')).toBe('supported');
  });

  it('allows a CAPE of exactly 12 months (2023-01-01 → 2023-12-31)', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2023-12-31'))).toBe('accepted');
  });

  it('refuses a CAPE one day longer than 12 months as convention-too-long', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2024-01-01'))).toBe('convention-too-long');
  });

  it('refuses a CAPE of 13 months as convention-too-long', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2024-01-31'))).toBe('convention-too-long');
  });

  it('allows a CAPE of one day', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2023-01-01'))).toBe('accepted');
  });

  it('refuses a CAPE that ends before it starts as date-out-of-order', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2022-12-31'))).toBe('date-out-of-order');
  });

  it('refuses a CAPE signed after it starts as date-out-of-order', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2023-06-30', '2023-01-02'))).toBe('date-out-of-order');
  });

  it('allows a CAPE signed before it starts', () => {
    expect(ruleBroken(candidate, convention('2023-01-01', '2023-06-30', '2022-12-15'))).toBe('accepted');
  });

  it('refuses a CAPE starting before the person was welcomed as date-out-of-order', () => {
    expect(ruleBroken(candidate, convention('2022-11-30', '2023-06-30', '2022-11-01'))).toBe('date-out-of-order');
  });

  it('allows a CAPE starting the day the person was welcomed, keeping the welcome as a stage of no day', () => {
    const path = applied(candidate, convention('2022-12-01', '2023-06-30'));
    expect(path.stages[0]).toMatchObject({ stage: 'candidate', from: '2022-12-01', to: '2022-11-30' });
    expect(statusOn(path, '2022-12-01')).toBe('supported');
  });

  it('refuses a CAPE for someone already supported as invalid-transition', () => {
    expect(ruleBroken(supported, convention('2023-03-01', '2023-06-30'))).toBe('invalid-transition');
  });

  it('refuses a CAPE for an employee as invalid-transition', () => {
    const employee = applied(supported, contract('2023-06-01'));
    expect(ruleBroken(employee, convention('2023-07-01', '2023-12-31'))).toBe('invalid-transition');
  });

  it('refuses a CAPE for someone never welcomed as invalid-transition', () => {
    expect(ruleBroken({ stages: [] }, convention('2023-01-01', '2023-06-30'))).toBe('invalid-transition');
  });

  it('refuses a second CAPE in the same path segment after the first one ended', () => {
    expect(ruleBroken(supported, convention('2024-03-01', '2024-06-30'))).toBe('invalid-transition');
  });

  it('refuses a date that does not exist as invalid-input', () => {
    expect(ruleBroken(candidate, convention('2023-02-29', '2023-06-30'))).toBe('invalid-input');
  });
});

describe('renewing a CAPE', () => {
  it('extends the CAPE and records the renewal', () => {
    const path = applied(supported, renewal('2024-12-31'));
    const cape = lastSupported(path);
    expect(cape.details).toMatchObject({ initialEndsOn: '2023-12-31', endsOn: '2024-12-31', renewals: [{ endsOn: '2024-12-31' }] });
    expect(cape.to).toBe('2024-12-31');
    expect(statusOn(path, '2024-06-01')).toBe('supported');
  });

  it('allows two renewals of 12 months each: 36 months in all', () => {
    const twice = applied(applied(supported, renewal('2024-12-31')), renewal('2025-12-31'));
    expect(lastSupported(twice).details.renewals).toHaveLength(2);
    expect(statusOn(twice, '2025-12-31')).toBe('supported');
  });

  it('refuses a third renewal as too-many-renewals', () => {
    const twice = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-03-31'), renewal('2023-06-30'), renewal('2023-09-30')]);
    expect(ruleBroken(twice, renewal('2023-12-31'))).toBe('too-many-renewals');
  });

  it('refuses a renewal taking the CAPE past 36 months in all as convention-total-too-long', () => {
    const once = applied(supported, renewal('2024-12-31'));
    expect(ruleBroken(once, renewal('2026-01-01'))).toBe('convention-total-too-long');
  });

  it('allows a renewal ending on the last day of the 36th month', () => {
    const once = applied(supported, renewal('2024-12-31'));
    expect(ruleBroken(once, renewal('2025-12-31'))).toBe('accepted');
  });

  it('refuses a renewal longer than 12 months as convention-too-long even within 36 months in all', () => {
    const short = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-03-31')]);
    expect(ruleBroken(short, renewal('2024-04-01'))).toBe('convention-too-long');
  });

  it('allows a renewal of exactly 12 months from the day after the current end', () => {
    const short = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-03-31')]);
    expect(ruleBroken(short, renewal('2024-03-31'))).toBe('accepted');
  });

  it('refuses a renewal that does not end after the current end as date-out-of-order', () => {
    expect(ruleBroken(supported, renewal('2023-12-31'))).toBe('date-out-of-order');
  });

  it('refuses a renewal without a convention as invalid-transition', () => {
    expect(ruleBroken(candidate, renewal('2023-12-31'))).toBe('invalid-transition');
  });

  it('refuses a renewal once a CESA has followed the CAPE as invalid-transition', () => {
    const employee = applied(supported, contract('2024-01-01'));
    expect(ruleBroken(employee, renewal('2024-12-31'))).toBe('invalid-transition');
  });

  it('refuses a renewal after an exit as invalid-transition', () => {
    const exited = applied(supported, exitOn('2023-06-01'));
    expect(ruleBroken(exited, renewal('2024-12-31'))).toBe('invalid-transition');
  });
});
