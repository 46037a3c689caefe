import { describe, expect, it } from 'vitest';
import {
  contractOn,
  currentContract,
  currentStatus,
  EMPTY_PATH,
  stageOn,
  statusChangesOn,
  statusOn,
  timeline,
} from '../../../domain/careerPath/index.js';
import { applied, contract, convention, domainExample, exitOn, membership, pathOf, welcome } from './builders.js';

const full = pathOf([...domainExample, membership('2025-06-01'), exitOn('2027-03-01', 'company_created')]);

describe('status on a date', () => {
  it('is none for a person with no stage', () => {
    expect(statusOn(EMPTY_PATH, '2024-01-01')).toBe('none');
  });

  it('is none before the welcome', () => {
    expect(statusOn(full, '2022-11-30')).toBe('none');
  });

  it.each([
    ['2022-12-01', 'candidate'],
    ['2022-12-31', 'candidate'],
    ['2023-01-01', 'supported'],
    ['2023-12-31', 'supported'],
    ['2024-01-01', 'employee'],
    ['2025-05-31', 'employee'],
    ['2025-06-01', 'associate'],
    ['2027-02-28', 'associate'],
    ['2027-03-01', 'exited'],
    ['2040-01-01', 'exited'],
  ])('on %s is %s along a full path', (date, status) => {
    expect(statusOn(full, date)).toBe(status);
  });

  it('is the current status for today', () => {
    expect(currentStatus(full, '2025-06-01')).toBe('associate');
  });
});

describe('a CAPE that ends with nothing after it', () => {
  const supported = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]);

  it('leaves the person supported up to its end date', () => {
    expect(statusOn(supported, '2023-12-31')).toBe('supported');
  });

  it('makes the person a candidate again the next day', () => {
    expect(stageOn(supported, '2024-01-01')).toMatchObject({ stage: 'candidate', details: { cause: 'convention_ended' } });
  });

  it('is followed by candidate in the timeline once that day has come', () => {
    expect(timeline(supported, '2024-01-01').map((s) => s.stage)).toEqual(['candidate', 'supported', 'candidate']);
  });

  it('is not followed by anything in the timeline before its end', () => {
    expect(timeline(supported, '2023-06-01').map((s) => s.stage)).toEqual(['candidate', 'supported']);
  });

  it('keeps the person supported after a renewal extends it', () => {
    const renewed = applied(supported, { kind: 'renewConvention', endsOn: '2024-06-30' });
    expect(statusOn(renewed, '2024-01-01')).toBe('supported');
    expect(statusOn(renewed, '2024-07-01')).toBe('candidate');
  });
});

describe('a CESA that reaches the associate deadline without membership', () => {
  const employee = pathOf(domainExample); // deadline 2026-01-01

  it('leaves the person an employee on the deadline', () => {
    expect(statusOn(employee, '2026-01-01')).toBe('employee');
  });

  it('ends: the person is exited the next day, with reason associate_deadline', () => {
    expect(stageOn(employee, '2026-01-02')).toMatchObject({ stage: 'exited', reason: 'associate_deadline' });
  });

  it('has no contract in force after the deadline', () => {
    expect(contractOn(employee, '2026-01-01')).toBeDefined();
    expect(contractOn(employee, '2026-01-02')).toBeUndefined();
  });

  it('shows the exit in the timeline', () => {
    expect(timeline(employee).at(-1)).toEqual({
      stage: 'exited',
      from: '2026-01-02',
      reason: 'associate_deadline',
      details: {},
    });
  });
});

describe('the current contract', () => {
  it('is absent for a supported person', () => {
    const supported = pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]);
    expect(currentContract(supported, '2023-06-01')).toBeUndefined();
  });

  it('is absent after an exit', () => {
    expect(currentContract(full, '2027-03-01')).toBeUndefined();
  });

  it('is the re-entry contract after a re-entry', () => {
    const back = applied(full, contract('2028-01-01', { fixedMonthlyGross: '2000.00' }), {
      requireConventionBeforeContract: false,
    });
    expect(currentContract(back, '2028-02-01')?.fixedMonthlyGross).toBe('2000.00');
    expect(contractOn(back, '2026-01-01')?.fixedMonthlyGross).toBe('1801.80');
  });
});

describe('the path as stored and shown', () => {
  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(full))).toEqual(full);
  });

  it('lists the stages with their dates, reasons and details', () => {
    expect(timeline(full)).toEqual([
      { stage: 'candidate', from: '2022-12-01', to: '2022-12-31', details: { cause: 'welcomed' } },
      {
        stage: 'supported',
        from: '2023-01-01',
        to: '2023-12-31',
        details: { signedOn: '2023-01-01', startsOn: '2023-01-01', initialEndsOn: '2023-12-31', renewals: [], endsOn: '2023-12-31' },
      },
      {
        stage: 'employee',
        from: '2024-01-01',
        to: '2025-05-31',
        details: {
          signedOn: '2024-01-01',
          startsOn: '2024-01-01',
          fixedMonthlyGross: '1801.80',
          trialMonths: 0,
          associateDeadline: '2026-01-01',
        },
      },
      {
        stage: 'associate',
        from: '2025-06-01',
        to: '2027-02-28',
        details: { effectiveOn: '2025-06-01', capitalSubscribed: '100.00' },
      },
      { stage: 'exited', from: '2027-03-01', reason: 'company_created', details: {} },
    ]);
  });
});

describe('when the status changes by itself', () => {
  it('is the day after the CAPE ends for a supported person', () => {
    expect(statusChangesOn(pathOf([welcome('2022-12-01'), convention('2023-01-01', '2023-12-31')]))).toBe('2024-01-01');
  });

  it('is the day after the associate deadline for an employee', () => {
    expect(statusChangesOn(pathOf(domainExample))).toBe('2026-01-02');
  });

  it('is undefined for an associate', () => {
    expect(statusChangesOn(applied(pathOf(domainExample), membership('2025-06-01')))).toBeUndefined();
  });

  it('is undefined once the person has exited', () => {
    expect(statusChangesOn(full)).toBeUndefined();
  });
});
