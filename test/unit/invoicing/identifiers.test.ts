/** SIREN (Luhn) and French VAT numbers (FR + key + SIREN), domain/invoicing/identifiers.ts. */
import { describe, expect, it } from 'vitest';
import { frenchVatNumber, isSiren, isVatNumber, legalMentions } from '../../../domain/invoicing/index.js';

describe('identifiers', () => {
  it('accepts a SIREN whose Luhn sum is a multiple of 10, and refuses one digit changed', () => {
    expect(isSiren('732829320')).toBe(true);
    expect(isSiren('732829321')).toBe(false);
    expect(isSiren('73282932')).toBe(false);
  });

  it('builds and checks the French VAT key', () => {
    expect(frenchVatNumber('732829320')).toBe('FR44732829320');
    expect(isVatNumber('FR44732829320')).toBe(true);
    expect(isVatNumber('FR45732829320')).toBe(false);
    expect(isVatNumber('FR44732829321')).toBe(false);
    expect(isVatNumber('DE123456789')).toBe(true);
  });
});

describe('legal mentions', () => {
  const base = { operationKind: 'services' as const, dueOn: '2026-04-30', latePenaltyRate: '0.1065', hasZeroRate: false };
  it('names the due date, the penalty rate, and between businesses the 40 € indemnity', () => {
    const mentions = legalMentions({ ...base, customerKind: 'company' });
    expect(mentions.join('\n')).toContain('30/04/2026');
    expect(mentions.join('\n')).toContain('10,65 %');
    expect(mentions.join('\n')).toContain('40,00 €');
  });

  it('leaves the indemnity out for a private person', () => {
    expect(legalMentions({ ...base, customerKind: 'person' }).join('\n')).not.toContain('40,00 €');
  });
});
