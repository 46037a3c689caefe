import { describe, expect, it } from 'vitest';
import {
  type ClaimLine,
  type ClaimLineRequest,
  checkTransition,
  entriesOf,
  type ExpenseLineRequest,
  type MileageLineRequest,
  priceClaim,
  vehicleKey,
} from '../../../domain/expenses/claims.js';
import { activeContext } from '../activityAccount/builders.js';

const expense = (over: Partial<ExpenseLineRequest> = {}): ExpenseLineRequest => ({
  kind: 'expense',
  date: '2025-03-12',
  description: 'Lunch with a client',
  amountExclVat: '25.00',
  vatRate: '0.10',
  category: 'meals',
  ...over,
});

const trip = (over: Partial<MileageLineRequest> = {}): MileageLineRequest => ({
  kind: 'mileage',
  date: '2025-03-14',
  description: 'Client visit',
  km: 100,
  vehicle: { type: 'car', fiscalPower: 4, electric: false },
  ...over,
});

function priced(lines: ClaimLineRequest[], kmAlready: (key: string, year: number) => number = () => 0) {
  const result = priceClaim(lines, { kmAlready, ledger: activeContext() });
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  return result.value;
}

function refused(lines: ClaimLineRequest[], ledger = activeContext()) {
  const result = priceClaim(lines, { kmAlready: () => 0, ledger });
  return result.ok ? [] : result.violations.map((v) => `${v.id}@${v.path}`);
}

describe('the same vehicle', () => {
  it('is the same registration, however it is written', () => {
    const a = vehicleKey({ type: 'car', fiscalPower: 4, electric: false, registration: 'ab-123 cd' });
    expect(a).toBe(vehicleKey({ type: 'car', fiscalPower: 5, electric: true, registration: 'AB123CD' }));
    expect(a).not.toBe(vehicleKey({ type: 'car', fiscalPower: 4, electric: false, registration: 'AB123CE' }));
  });
  it('without a registration, is the same type, power and electric flag', () => {
    const base = { type: 'car' as const, fiscalPower: 4, electric: false };
    expect(vehicleKey(base)).toBe(vehicleKey({ ...base }));
    expect(vehicleKey(base)).not.toBe(vehicleKey({ ...base, electric: true }));
    expect(vehicleKey(base)).not.toBe(vehicleKey({ ...base, fiscalPower: 5 }));
    expect(vehicleKey(base)).not.toBe(vehicleKey({ ...base, type: 'motorcycle' }));
  });
});

describe('pricing a claim', () => {
  it('adds the lines up: VAT rounded half-up per line, allowances at VAT 0, total VAT included', () => {
    // 10.05 × 5.5% = 0.55275 → 0.55; 12.35 × 20% = 2.47; 100 km on a 4 CV = 60.60.
    const claim = priced([expense({ amountExclVat: '10.05', vatRate: '0.055' }), expense({ amountExclVat: '12.35', vatRate: '0.2' }), trip()]);
    expect(claim.lines.map((l) => (l.kind === 'expense' ? l.vatAmount : l.amount))).toEqual(['0.55', '2.47', '60.60']);
    expect(claim.lines[1]).toMatchObject({ vatRate: '0.20' });
    expect(claim.totals).toEqual({ totalExclVat: '83.00', vat: '3.02', total: '86.02' });
  });

  it('prices each trip after the km already counted for its vehicle and year, then after the earlier trips of the claim', () => {
    const asked: string[] = [];
    const claim = priced(
      [trip({ date: '2025-05-01', km: 600 }), trip({ date: '2025-04-01', km: 500 }), trip({ date: '2026-01-05', km: 100 })],
      (key, year) => {
        asked.push(`${year}|${key}`);
        return year === 2025 ? 4000 : 0;
      },
    );
    expect(claim.lines.map((l) => (l.kind === 'mileage' ? l.kmAlreadyThisYear : -1))).toEqual([4500, 4000, 0]);
    // 4,500 → 5,100 km: (5,100 × 0.340 + 1,330) − 4,500 × 0.606 = 3,064.00 − 2,727.00
    expect(claim.lines[0]).toMatchObject({ amount: '337.00' });
    expect(asked.sort()).toEqual(['2025|car-4CV-thermal', '2026|car-4CV-thermal']);
  });

  it('allows 1,000 km with one vehicle on one day, and refuses one more, naming the line that goes over', () => {
    expect(refused([trip({ km: 1000 })])).toEqual([]);
    expect(refused([trip({ km: 1001 })])).toEqual(['mileage-over-daily-limit@lines.0.km']);
    expect(refused([trip({ km: 400 }), expense(), trip({ km: 601 })])).toEqual(['mileage-over-daily-limit@lines.2.km']);
    expect(refused([trip({ km: 600 }), trip({ km: 600, vehicle: { type: 'car', fiscalPower: 4, electric: false, registration: 'AA-001-AA' } })])).toEqual([]);
    expect(refused([trip({ km: 600 }), trip({ km: 600, date: '2025-03-15' })])).toEqual([]);
  });

  it('judges each line on its own date: a closed month, a day before the activity, a date no scale covers', () => {
    expect(refused([expense(), trip({ date: '2025-02-28' })], activeContext({ lastClosedMonth: '2025-02' }))).toEqual(['month-closed@lines.1.date']);
    expect(refused([expense({ date: '2023-12-20' })])).toEqual(['before-activity-start@lines.0.date']);
    // (The employee's CESA ends at the end of 2026 without membership: that date is refused on both counts.)
    expect(refused([trip({ date: '2028-02-01' })])).toContain('no-mileage-scale-for-date@lines.0.date');
  });
});

describe('the entries of an approved claim', () => {
  it('are one expense per line, dated by it, referenced by the claim, oldest first; a trip at VAT 0', () => {
    const claim = priced([expense({ date: '2025-03-20' }), trip({ date: '2025-03-02' })]);
    expect(entriesOf('CLAIM1', claim.lines)).toEqual([
      { line: 1, entry: { type: 'expense', date: '2025-03-02', amountExclVat: '60.60', vatRate: '0', label: 'Client visit', reference: 'CLAIM1', category: 'other' } },
      { line: 0, entry: { type: 'expense', date: '2025-03-20', amountExclVat: '25.00', vatRate: '0.10', label: 'Lunch with a client', reference: 'CLAIM1', category: 'other' } },
    ]);
  });
});

describe('the lifecycle', () => {
  it('submits only a draft, approves and rejects only a submitted claim', () => {
    const allowed = (status: 'draft' | 'submitted' | 'approved' | 'rejected', action: 'submit' | 'approve' | 'reject') => checkTransition(status, action).length === 0;
    expect(['draft', 'submitted', 'approved', 'rejected'].map((s) => allowed(s as never, 'submit'))).toEqual([true, false, false, false]);
    expect(['draft', 'submitted', 'approved', 'rejected'].map((s) => allowed(s as never, 'approve'))).toEqual([false, true, false, false]);
    expect(['draft', 'submitted', 'approved', 'rejected'].map((s) => allowed(s as never, 'reject'))).toEqual([false, true, false, false]);
    expect(checkTransition('approved', 'approve')[0]?.id).toBe('claim-not-submitted');
    expect(checkTransition('submitted', 'submit')[0]?.id).toBe('claim-not-draft');
  });
});
