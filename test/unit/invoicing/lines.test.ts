/** Lines and totals (domain/invoicing/lines.ts): half-up per line, VAT per rate on the sum of its lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VAT_RATES } from '../../../domain/activityAccount/vat.js';
import { checkLines, type Line, lineAmount, normaliseLines, totalsOfLines } from '../../../domain/invoicing/index.js';
import { Dec } from '../../../domain/money.js';

const line = (quantity: string, unitPriceExclVat: string, vatRate: Line['vatRate'] = '0.20'): Line => ({ description: 'x', quantity, unitPriceExclVat, vatRate });

describe('invoice lines and totals', () => {
  it('rounds each line half-up to the cent', () => {
    expect(lineAmount(line('2.5', '80.00')).toFixed(2)).toBe('200.00');
    expect(lineAmount(line('1', '0.125')).toFixed(2)).toBe('0.13');
    expect(lineAmount(line('3', '0.3333')).toFixed(2)).toBe('1.00');
  });

  it('computes VAT once per rate on the sum of its lines, not line by line', () => {
    // Three lines of 0.13 at 20%: per line 0.03 × 3 = 0.09; on the sum 0.39 × 20% = 0.078 → 0.08.
    const totals = totalsOfLines([line('1', '0.125'), line('1', '0.125'), line('1', '0.125')]);
    expect(totals).toEqual({ exclVat: '0.39', vat: [{ rate: '0.20', base: '0.39', amount: '0.08' }], inclVat: '0.47' });
  });

  it('keeps one VAT group per rate, in a fixed order', () => {
    const totals = totalsOfLines([line('1', '100.00', '0.055'), line('2', '50.00', '0.20'), line('1', '10.00', '0')]);
    expect(totals.vat.map((g) => g.rate)).toEqual(['0.20', '0.055', '0']);
    expect(totals).toMatchObject({ exclVat: '210.00', inclVat: '235.50' });
  });

  it('refuses a zero or negative quantity, more than 4 decimals and unknown VAT rates, naming each field', () => {
    const violations = checkLines([
      { description: 'a', quantity: '0', unitPriceExclVat: '1.00', vatRate: '0.20' },
      { description: 'b', quantity: '1.12345', unitPriceExclVat: '1.00001', vatRate: '0.19' },
    ]);
    expect(violations.map((v) => [v.id, v.path])).toEqual([
      ['quantity-not-positive', 'lines.0.quantity'],
      ['too-many-decimals', 'lines.1.quantity'],
      ['too-many-decimals', 'lines.1.unitPriceExclVat'],
      ['unknown-vat-rate', 'lines.1.vatRate'],
    ]);
  });

  it('spells VAT rates canonically', () => {
    expect(normaliseLines([{ description: 'a', quantity: '1', unitPriceExclVat: '1', vatRate: '0.2' }])[0]?.vatRate).toBe('0.20');
  });

  it('on random lines: excl. VAT is the sum of the rounded lines, incl. VAT adds each rate’s VAT on its base', () => {
    const aLine = fc.record({
      quantity: fc.integer({ min: 1, max: 10_000_000 }).map((n) => new Dec(n).dividedBy(10_000).toString()),
      unitPriceExclVat: fc.integer({ min: 0, max: 100_000_000 }).map((n) => new Dec(n).dividedBy(10_000).toString()),
      vatRate: fc.constantFrom(...VAT_RATES),
    });
    fc.assert(
      fc.property(fc.array(aLine, { minLength: 1, maxLength: 30 }), (raw) => {
        const lines = raw.map((l) => ({ ...l, description: 'x' }));
        const totals = totalsOfLines(lines);
        const sumOfLines = lines.reduce((t, l) => t.plus(lineAmount(l)), new Dec(0));
        expect(totals.exclVat).toBe(sumOfLines.toFixed(2));
        for (const group of totals.vat) {
          const base = lines.filter((l) => l.vatRate === group.rate).reduce((t, l) => t.plus(lineAmount(l)), new Dec(0));
          expect(group.base).toBe(base.toFixed(2));
          expect(group.amount).toBe(base.times(group.rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
        }
        const vat = totals.vat.reduce((t, g) => t.plus(g.amount), new Dec(0));
        expect(totals.inclVat).toBe(sumOfLines.plus(vat).toFixed(2));
      }),
    );
  });
});
