/** Supplier invoice drafts and what their approval posts (domain/expenses/supplierInvoices.ts). */
import { describe, expect, it } from 'vitest';
import {
  draftOfTyped,
  expenseEntriesOf,
  isSiren,
  numberKeyOf,
  sirenOfVatNumber,
  supplierKeyOf,
  type TypedSupplierInvoice,
} from '../../../domain/expenses/supplierInvoices.js';

const typed = (overrides: Partial<TypedSupplierInvoice> = {}): TypedSupplierInvoice => ({
  supplier: { name: 'Imprimerie du Rhône', siren: '732829320' },
  number: 'A-17',
  issuedOn: '2026-02-20',
  lines: [
    { description: 'Flyers', amountExclVat: '100.05', vatRate: '0.20' },
    { description: 'Affiches', amountExclVat: '40.00', vatRate: '0.2' },
    { description: 'Brochure', amountExclVat: '10.10', vatRate: '0.055' },
  ],
  purchaseForResale: false,
  ...overrides,
});

describe('a typed-in supplier invoice', () => {
  it('gets its VAT per rate, half-up to the cent, and its totals', () => {
    const outcome = draftOfTyped(typed());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // 140.05 × 0.20 = 28.01; 10.10 × 0.055 = 0.5555 → 0.56
    expect(outcome.value.vatBreakdown).toEqual([
      { vatRate: '0.20', taxableAmount: '140.05', vatAmount: '28.01' },
      { vatRate: '0.055', taxableAmount: '10.10', vatAmount: '0.56' },
    ]);
    expect(outcome.value).toMatchObject({ totalExclVat: '150.15', vat: '28.57', total: '178.72', amountDue: '178.72' });
    expect(outcome.value.lines[1]?.vatRate).toBe('0.20');
  });

  it('refuses a due date before the issue date, naming it', () => {
    const outcome = draftOfTyped(typed({ dueOn: '2026-02-19' }));
    expect(outcome.ok === false && outcome.violations.map((v) => [v.id, v.path])).toEqual([['due-before-issue', 'dueOn']]);
  });

  it('refuses a rate that is not French, naming the line', () => {
    const outcome = draftOfTyped(typed({ lines: [{ description: 'x', amountExclVat: '1.00', vatRate: '0.19' }] }));
    expect(outcome.ok === false && outcome.violations.map((v) => [v.id, v.path])).toEqual([['unknown-vat-rate', 'lines.0.vatRate']]);
  });
});

describe('the entries an approval posts', () => {
  it('are one expense per VAT rate, dated on the issue date, referenced by supplier and number', () => {
    const outcome = draftOfTyped(typed({ purchaseForResale: true }));
    if (!outcome.ok) throw new Error('draft refused');
    expect(expenseEntriesOf(outcome.value)).toEqual([
      { vatRate: '0.20', amountExclVat: '140.05', date: '2026-02-20', label: 'Imprimerie du Rhône: invoice A-17', reference: '732829320 A-17', category: 'purchase_for_resale' },
      { vatRate: '0.055', amountExclVat: '10.10', date: '2026-02-20', label: 'Imprimerie du Rhône: invoice A-17', reference: '732829320 A-17', category: 'purchase_for_resale' },
    ]);
  });

  it("are 'other' expenses when the invoice is not flagged as goods for resale", () => {
    const outcome = draftOfTyped(typed());
    if (!outcome.ok) throw new Error('draft refused');
    expect(new Set(expenseEntriesOf(outcome.value).map((e) => e.category))).toEqual(new Set(['other']));
  });
});

describe('what makes a duplicate', () => {
  it('is the same SIREN, given or read from the French VAT number, and the same number up to spaces and case', () => {
    expect(supplierKeyOf({ name: 'A', siren: '732829320' })).toBe(supplierKeyOf({ name: 'B', vatNumber: 'FR44 732829320' }));
    expect(numberKeyOf('f-2026 0042')).toBe(numberKeyOf('F-20260042'));
    expect(numberKeyOf('F-2026-0042')).not.toBe(numberKeyOf('F-2026-0043'));
  });

  it('is the name, normalised, for a supplier without SIREN or VAT number', () => {
    expect(supplierKeyOf({ name: 'Marché  Bio' })).toBe(supplierKeyOf({ name: 'marché bio' }));
    expect(supplierKeyOf({ name: 'Marché Bio' })).not.toBe(supplierKeyOf({ name: 'Marché Bio 2' }));
  });

  it('checks a SIREN by its Luhn key', () => {
    expect(isSiren('732829320')).toBe(true);
    expect(isSiren('732829321')).toBe(false);
    expect(isSiren('12345678')).toBe(false);
    expect(sirenOfVatNumber('FR44732829320')).toBe('732829320');
    expect(sirenOfVatNumber('DE123456789')).toBeUndefined();
  });
});
