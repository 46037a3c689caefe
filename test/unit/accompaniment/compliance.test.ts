/** The compliance rule of docs/domain.md "Accompaniment": two individual interviews in 12 months, pro rata in the first year. */
import { describe, expect, it } from 'vitest';
import { accompanimentStart, complianceOn, compliantShare, inWindow, interviewsRequired } from '../../../domain/accompaniment/index.js';
import { contract, convention, pathOf, welcome } from '../careerPath/builders.js';

describe('the 12-month window', () => {
  it('holds the 12 months ending on the date: the day 12 months before is out, the date itself is in', () => {
    expect(inWindow('2025-03-15', '2026-03-15')).toBe(false);
    expect(inWindow('2025-03-16', '2026-03-15')).toBe(true);
    expect(inWindow('2026-03-15', '2026-03-15')).toBe(true);
    expect(inWindow('2026-03-16', '2026-03-15')).toBe(false);
  });

  it('counts a 29 February for the months ending on 28 February of the next year, not on 1 March', () => {
    expect(inWindow('2024-02-29', '2025-02-28')).toBe(true);
    expect(inWindow('2024-02-29', '2025-03-01')).toBe(false);
  });
});

describe('who owes how many interviews', () => {
  it('asks two of someone accompanied for a year or more', () => {
    expect(interviewsRequired('2024-01-01', '2026-03-01')).toBe(2);
    expect(interviewsRequired('2025-03-01', '2026-03-01')).toBe(2);
  });

  it('asks a newcomer one per full six months: none before six months, one from the sixth, two from the twelfth', () => {
    expect(interviewsRequired('2025-09-02', '2026-03-01')).toBe(0);
    expect(interviewsRequired('2025-09-01', '2026-03-01')).toBe(1);
    expect(interviewsRequired('2025-03-02', '2026-03-01')).toBe(1);
  });
});

describe('compliance on a date', () => {
  const since = '2024-01-01';

  it('is compliant with two held in the window, due again the day the older one leaves it', () => {
    const c = complianceOn({ asOf: '2026-03-01', since, heldOn: ['2025-06-10', '2025-11-20'] });
    expect(c).toEqual({ individualInterviews12m: 2, required: 2, compliant: true, nextDueOn: '2026-06-10' });
  });

  it('is not compliant with one interview in the window and an older one outside it; due now', () => {
    const c = complianceOn({ asOf: '2026-03-01', since, heldOn: ['2025-02-28', '2025-11-20'] });
    expect(c).toEqual({ individualInterviews12m: 1, required: 2, compliant: false, nextDueOn: '2026-03-01' });
  });

  it('keeps the third interview in mind: the due date is when the second latest leaves, not the oldest', () => {
    const c = complianceOn({ asOf: '2026-03-01', since, heldOn: ['2025-04-01', '2025-08-01', '2026-01-15'] });
    expect(c.individualInterviews12m).toBe(3);
    expect(c.nextDueOn).toBe('2026-08-01');
    // and on that day, without a new interview, the person falls short
    expect(complianceOn({ asOf: '2026-08-01', since, heldOn: ['2025-04-01', '2025-08-01', '2026-01-15'] }).compliant).toBe(false);
    expect(complianceOn({ asOf: '2026-07-31', since, heldOn: ['2025-04-01', '2025-08-01', '2026-01-15'] }).compliant).toBe(true);
  });

  it('does not flag a newcomer of three months without interviews; their first is due at six months', () => {
    const c = complianceOn({ asOf: '2026-03-01', since: '2025-12-01', heldOn: [] });
    expect(c).toEqual({ individualInterviews12m: 0, required: 0, compliant: true, nextDueOn: '2026-06-01' });
  });

  it('flags a newcomer of seven months without interviews, and takes one as enough', () => {
    expect(complianceOn({ asOf: '2026-03-01', since: '2025-08-01', heldOn: [] }).compliant).toBe(false);
    const one = complianceOn({ asOf: '2026-03-01', since: '2025-08-01', heldOn: ['2025-10-01'] });
    expect(one).toMatchObject({ compliant: true, required: 1, nextDueOn: '2026-08-01' });
  });
});

describe('when the accompaniment began', () => {
  it('runs from the CAPE through the CESA that follows it', () => {
    const path = pathOf([welcome('2024-01-01'), convention('2024-02-01', '2025-01-31'), contract('2025-02-01')]);
    expect(accompanimentStart(path, '2026-03-01')).toBe('2024-02-01');
  });

  it('is undefined for a candidate, and restarts after a gap back to candidate', () => {
    const path = pathOf([welcome('2024-01-01'), convention('2024-02-01', '2024-07-31'), contract('2025-02-01')]);
    expect(accompanimentStart(path, '2024-09-01')).toBeUndefined();
    expect(accompanimentStart(path, '2026-03-01')).toBe('2025-02-01');
  });
});

describe('the share of compliant people', () => {
  it('is a ratio with four decimals, null when nobody is accompanied', () => {
    expect(compliantShare(3, 2)).toBe('0.6667');
    expect(compliantShare(4, 4)).toBe('1.0000');
    expect(compliantShare(0, 0)).toBeNull();
  });
});
