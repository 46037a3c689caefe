/** The statement's French words: amounts, policies in a sentence, origins (functions/activity/statementLabels.ts). */
import { describe, expect, it } from 'vitest';
import { csvAmount } from '../../../functions/activity/statementCsv.js';
import { amountLabel, dateLabel, monthLabel, originLabel, policyLabel } from '../../../functions/activity/statementLabels.js';

describe('the statement’s labels', () => {
  it('write amounts the French way: narrow no-break spaces between thousands, a comma, a true minus', () => {
    expect(amountLabel('1234567.50')).toBe('1\u202f234\u202f567,50');
    expect(amountLabel('-1200.00')).toBe('−1\u202f200,00');
    expect(amountLabel('0.05')).toBe('0,05');
    expect(csvAmount('-1234.50')).toBe('-1234,50');
  });

  it('say a policy in a sentence: flat, tiered, on margin, with floor and cap', () => {
    expect(policyLabel({ kind: 'flat', rate: '0.115' })).toBe('11,5 % du chiffre d’affaires HT');
    expect(policyLabel({ kind: 'flat', rate: '0.12', base: 'margin', monthlyFloor: '40.00', yearlyCap: '8400.00' })).toBe(
      '12 % de la marge brute, plancher 40,00 € par mois, plafond 8\u202f400,00 € par an',
    );
    expect(
      policyLabel({ kind: 'tiered', brackets: [{ upTo: '35000.00', rate: '0.10' }, { upTo: '45000.00', rate: '0.08' }, { upTo: null, rate: '0.06' }] }),
    ).toBe('10 % jusqu’à 35\u202f000,00 €, 8 % jusqu’à 45\u202f000,00 €, 6 % au-delà du chiffre d’affaires HT cumulé sur l’année');
  });

  it('name every origin of the ledger in French, and show one it does not know as stored', () => {
    expect(['transaction', 'reversal', 'invoice', 'credit_note', 'payment', 'expense_claim', 'supplier_invoice'].map(originLabel)).toEqual([
      'Saisie',
      'Contre-passation',
      'Facture',
      'Avoir',
      'Encaissement',
      'Note de frais',
      'Facture fournisseur',
    ]);
    expect(originLabel('grant')).toBe('grant');
  });

  it('write months and dates as a French reader expects', () => {
    expect(monthLabel('2026-08')).toBe('août 2026');
    expect(dateLabel('2026-03-05')).toBe('05/03/2026');
  });
});
