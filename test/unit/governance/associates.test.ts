import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { associatesOn, type Membership } from '../../../domain/governance/index.js';
import { membership } from './builders.js';

describe('associatesOn', () => {
  it('lists a member with their capital and one vote', () => {
    const register = associatesOn([membership({ capitalSubscribed: '250.00' })], '2025-06-01');
    expect(register).toEqual([
      { entrepreneurId: 'e-alice', name: 'Alice Martin', since: '2024-01-01', capitalSubscribed: '250.00', votes: 1 },
    ]);
  });

  it('counts a person from their first day as an associate', () => {
    expect(associatesOn([membership({ since: '2025-03-01' })], '2025-03-01')).toHaveLength(1);
  });

  it('does not count a person before their first day', () => {
    expect(associatesOn([membership({ since: '2025-03-01' })], '2025-02-28')).toEqual([]);
  });

  it('no longer counts a person on their exit date', () => {
    expect(associatesOn([membership({ until: '2025-07-01' })], '2025-07-01')).toEqual([]);
  });

  it('still counts a person the day before their exit date', () => {
    expect(associatesOn([membership({ until: '2025-07-01' })], '2025-06-30')).toHaveLength(1);
  });

  it('treats a null exit date as a current membership', () => {
    expect(associatesOn([membership({ until: null })], '2030-01-01')).toHaveLength(1);
  });

  it('ignores a period that ends the day it starts', () => {
    expect(associatesOn([membership({ since: '2025-03-01', until: '2025-03-01' })], '2025-03-01')).toEqual([]);
  });

  it('does not count a person between their exit and their re-entry', () => {
    const periods = [
      membership({ since: '2022-01-01', until: '2023-01-01' }),
      membership({ since: '2024-01-01' }),
    ];
    expect(associatesOn(periods, '2023-06-01')).toEqual([]);
  });

  it('dates a re-entered associate from their re-entry', () => {
    const periods = [
      membership({ since: '2022-01-01', until: '2023-01-01', capitalSubscribed: '100.00' }),
      membership({ since: '2024-01-01', capitalSubscribed: '300.00' }),
    ];
    expect(associatesOn(periods, '2025-01-01')).toEqual([
      expect.objectContaining({ since: '2024-01-01', capitalSubscribed: '300.00' }),
    ]);
  });

  it('counts a person once when several of their periods cover the date', () => {
    const periods = [membership({ since: '2022-01-01' }), membership({ since: '2024-01-01', capitalSubscribed: '500.00' })];
    const register = associatesOn(periods, '2025-01-01');
    expect(register).toHaveLength(1);
    expect(register[0]?.votes).toBe(1);
  });

  it('takes the capital of the covering period that started last', () => {
    const periods = [
      membership({ since: '2024-01-01', capitalSubscribed: '500.00' }),
      membership({ since: '2022-01-01', capitalSubscribed: '100.00' }),
    ];
    expect(associatesOn(periods, '2025-01-01')[0]?.capitalSubscribed).toBe('500.00');
  });

  it('dates an unbroken membership from its first period when capital changes start a new one', () => {
    const periods = [
      membership({ since: '2022-01-01', until: '2024-01-01', capitalSubscribed: '100.00' }),
      membership({ since: '2024-01-01', capitalSubscribed: '400.00' }),
    ];
    expect(associatesOn(periods, '2025-01-01')).toEqual([
      expect.objectContaining({ since: '2022-01-01', capitalSubscribed: '400.00' }),
    ]);
  });

  it('gives one vote to an associate whatever their capital', () => {
    const register = associatesOn(
      [
        membership({ entrepreneurId: 'e-big', name: 'Big', capitalSubscribed: '90000.00' }),
        membership({ entrepreneurId: 'e-small', name: 'Small', capitalSubscribed: '25.00' }),
      ],
      '2025-01-01',
    );
    expect(register.map((a) => a.votes)).toEqual([1, 1]);
  });

  it('sorts by name in French order, accents included', () => {
    const register = associatesOn(
      [
        membership({ entrepreneurId: 'e1', name: 'Fanny' }),
        membership({ entrepreneurId: 'e2', name: 'Émile' }),
        membership({ entrepreneurId: 'e3', name: 'Denis' }),
      ],
      '2025-01-01',
    );
    expect(register.map((a) => a.name)).toEqual(['Denis', 'Émile', 'Fanny']);
  });

  it('sorts namesakes by id', () => {
    const register = associatesOn(
      [membership({ entrepreneurId: 'e-b', name: 'Léa Petit' }), membership({ entrepreneurId: 'e-a', name: 'Léa Petit' })],
      '2025-01-01',
    );
    expect(register.map((a) => a.entrepreneurId)).toEqual(['e-a', 'e-b']);
  });

  it('writes the capital with exactly two decimals', () => {
    expect(associatesOn([membership({ capitalSubscribed: '50.5' })], '2025-01-01')[0]?.capitalSubscribed).toBe('50.50');
  });

  it('refuses a date that is not on the calendar', () => {
    expect(() => associatesOn([membership()], '2025-02-29')).toThrow(RangeError);
  });

  it('lists exactly the people with a period covering the date, once each', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));
    const period = fc.record({
      entrepreneurId: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
      since: day,
      until: fc.option(day, { nil: undefined }),
      capitalSubscribed: fc.constantFrom('10.00', '1000.00'),
    });
    fc.assert(
      fc.property(fc.array(period, { maxLength: 12 }), day, (periods, date) => {
        const memberships: Membership[] = periods.map((p) => ({ ...p, name: p.entrepreneurId }));
        const listed = associatesOn(memberships, date).map((a) => a.entrepreneurId);
        const covered = new Set(
          memberships
            .filter((m) => m.since <= date && (m.until == null || date < m.until))
            .map((m) => m.entrepreneurId),
        );
        expect(new Set(listed).size).toBe(listed.length);
        expect(new Set(listed)).toEqual(covered);
      }),
    );
  });
});
