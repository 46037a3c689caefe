import { describe, expect, it } from 'vitest';
import { EXIT_REASONS, segmentsOf, stageOn, statusOn } from '../../../domain/careerPath/index.js';
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
const employee = pathOf(domainExample);
const associate = applied(employee, membership('2025-01-01'));

describe('exiting', () => {
  it.each(EXIT_REASONS)('accepts the reason %s', (reason) => {
    expect(ruleBroken(employee, exitOn('2025-01-01', reason))).toBe('accepted');
  });

  it('refuses an unknown reason as invalid-exit-reason', () => {
    expect(ruleBroken(employee, exitOn('2025-01-01', 'retired'))).toBe('invalid-exit-reason');
  });

  it('refuses the reason only the model gives, associate_deadline, as invalid-exit-reason', () => {
    expect(ruleBroken(employee, exitOn('2025-01-01', 'associate_deadline'))).toBe('invalid-exit-reason');
  });

  it('makes the person exited from the effective date, with the reason', () => {
    const path = applied(employee, exitOn('2025-01-01', 'company_created'));
    expect(statusOn(path, '2024-12-31')).toBe('employee');
    expect(stageOn(path, '2025-01-01')).toMatchObject({ stage: 'exited', reason: 'company_created' });
  });

  it.each([
    ['a candidate', candidate],
    ['a supported person', supported],
    ['an employee', employee],
    ['an associate', associate],
  ])('is allowed for %s', (_, path) => {
    expect(ruleBroken(path, exitOn('2025-06-01', 'stopped'))).toBe('accepted');
  });

  it('refuses the exit of an already exited person as invalid-transition', () => {
    expect(ruleBroken(applied(employee, exitOn('2025-01-01')), exitOn('2025-02-01'))).toBe('invalid-transition');
  });

  it('refuses the exit of someone whose CESA ended at the deadline as invalid-transition', () => {
    expect(ruleBroken(employee, exitOn('2026-01-02'))).toBe('invalid-transition');
  });

  it('allows the exit of an employee on the deadline day', () => {
    expect(ruleBroken(employee, exitOn('2026-01-01'))).toBe('accepted');
  });

  it('refuses an exit dated before the current stage as date-out-of-order', () => {
    expect(ruleBroken(employee, exitOn('2023-12-31'))).toBe('date-out-of-order');
  });

  it('refuses the exit of someone never welcomed as invalid-transition', () => {
    expect(ruleBroken({ stages: [] }, exitOn('2025-01-01'))).toBe('invalid-transition');
  });
});

describe('re-entry after an exit: a new path segment, history kept', () => {
  const exited = applied(employee, exitOn('2024-06-01', 'salaried_job'));

  it('allows an exited person to sign a CAPE again', () => {
    const back = applied(exited, convention('2025-01-01', '2025-12-31'));
    expect(statusOn(back, '2025-01-01')).toBe('supported');
  });

  it('keeps every earlier stage unchanged', () => {
    const back = applied(exited, convention('2025-01-01', '2025-12-31'));
    expect(back.stages.slice(0, exited.stages.length - 1)).toEqual(exited.stages.slice(0, -1));
    expect(back.stages.map((s) => s.stage)).toEqual(['candidate', 'supported', 'employee', 'exited', 'supported']);
  });

  it('ends the exited stage the day before the re-entry', () => {
    const back = applied(exited, convention('2025-01-01', '2025-12-31'));
    expect(back.stages[3]).toMatchObject({ stage: 'exited', from: '2024-06-01', to: '2024-12-31', reason: 'salaried_job' });
  });

  it('answers the status of the first path after the re-entry', () => {
    const back = applied(exited, convention('2025-01-01', '2025-12-31'));
    expect(statusOn(back, '2023-06-01')).toBe('supported');
    expect(statusOn(back, '2024-03-01')).toBe('employee');
    expect(statusOn(back, '2024-09-01')).toBe('exited');
  });

  it('starts a new segment', () => {
    const back = applied(exited, convention('2025-01-01', '2025-12-31'));
    expect(segmentsOf(back.stages).map((segment) => segment.map((s) => s.stage))).toEqual([
      ['candidate', 'supported', 'employee', 'exited'],
      ['supported'],
    ]);
  });

  it('refuses a direct CESA re-entry as convention-required where the CAE requires a CAPE', () => {
    expect(ruleBroken(exited, contract('2025-01-01'))).toBe('convention-required');
  });

  it('allows a direct CESA re-entry where the CAE does not require a CAPE', () => {
    const back = applied(exited, contract('2025-01-01'), conventionOptional);
    expect(statusOn(back, '2025-01-01')).toBe('employee');
  });

  it('gives a direct CESA re-entry a full 8-month trial: the first path’s CAPE does not count', () => {
    expect(ruleBroken(exited, contract('2025-01-01', { trialMonths: 8 }), conventionOptional)).toBe('accepted');
  });

  it('refuses going back to candidate as invalid-transition', () => {
    expect(ruleBroken(exited, welcome('2025-01-01'))).toBe('invalid-transition');
  });

  it('refuses a re-entry dated before the exit as date-out-of-order', () => {
    expect(ruleBroken(exited, convention('2024-05-01', '2024-12-31'))).toBe('date-out-of-order');
  });

  it('allows a re-entry after the CESA ended at the deadline, keeping that exit in the history', () => {
    const back = applied(employee, convention('2026-06-01', '2026-12-31'));
    expect(back.stages.map((s) => [s.stage, s.from, s.to])).toEqual([
      ['candidate', '2022-12-01', '2022-12-31'],
      ['supported', '2023-01-01', '2023-12-31'],
      ['employee', '2024-01-01', '2026-01-01'],
      ['exited', '2026-01-02', '2026-05-31'],
      ['supported', '2026-06-01', '2026-12-31'],
    ]);
    expect(back.stages[3]).toMatchObject({ reason: 'associate_deadline' });
  });
});
