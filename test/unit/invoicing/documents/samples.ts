/**
 * Invoice documents for the renderer tests: a CAE selling services to a business, with the figures worked out here
 * the way the domain does (each line half-up to the cent, VAT per rate on the sum of its lines).
 */
import { Dec } from '../../../../domain/money.js';
import type { DocumentLine, InvoiceDocument } from '../../../../functions/invoicing/documents/model.js';

export type LineInput = Omit<DocumentLine, 'lineTotalExclVat'>;

export function line(description: string, quantity: string, unitPriceExclVat: string, vatRate = '0.20', unit?: string): LineInput {
  return unit ? { description, quantity, unit, unitPriceExclVat, vatRate } : { description, quantity, unitPriceExclVat, vatRate };
}

export function withTotals(doc: Omit<InvoiceDocument, 'lines' | 'totals'>, inputs: LineInput[]): InvoiceDocument {
  const lines = inputs.map((l) => ({
    ...l,
    lineTotalExclVat: new Dec(l.quantity).times(l.unitPriceExclVat).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
  }));
  const rates = [...new Set(lines.map((l) => l.vatRate))];
  const vat = rates.map((rate) => {
    const base = lines.filter((l) => l.vatRate === rate).reduce((s, l) => s.plus(l.lineTotalExclVat), new Dec(0));
    const amount = base.times(rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    return { rate, base: base.toFixed(2), amount: amount.toFixed(2) };
  });
  const exclVat = vat.reduce((s, v) => s.plus(v.base), new Dec(0));
  const inclVat = vat.reduce((s, v) => s.plus(v.amount), exclVat);
  return { ...doc, lines, totals: { exclVat: exclVat.toFixed(2), vat, inclVat: inclVat.toFixed(2) } };
}

export const CAE_SELLER: InvoiceDocument['seller'] = {
  name: 'Coopérative Oxalis Rhône',
  legalForm: 'SCOP SA',
  shareCapital: '15000.00',
  rcs: 'RCS Lyon 552 100 554',
  siret: '55210055400013',
  vatNumber: 'FR40552100554',
  address: { line1: '12 rue de la République', line2: 'Bâtiment B', postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  apeCode: '7022Z',
  email: 'facturation@oxalis-rhone.example',
};

export const COMPANY_BUYER: InvoiceDocument['buyer'] = {
  name: "Boulangerie L'Épi d'Or & Fils",
  kind: 'company',
  siren: '732829320',
  vatNumber: 'FR44732829320',
  address: { line1: '3 place des Terreaux', postalCode: '69001', city: 'Lyon', countryCode: 'FR' },
  email: 'compta@epidor.example',
};

export const PERSON_BUYER: InvoiceDocument['buyer'] = {
  name: 'Camille Martin',
  kind: 'person',
  address: { line1: '8 chemin des Vignes', postalCode: '69130', city: 'Écully', countryCode: 'FR' },
};

const BASE = {
  kind: 'invoice' as const,
  number: '2026-000042',
  issuedOn: '2026-03-16',
  deliveredOn: '2026-03-13',
  dueOn: '2026-04-15',
  operationKind: 'services' as const,
  paymentTermsDays: 30,
  latePenaltyRate: '0.1065',
  fixedRecoveryIndemnity: '40.00',
  seller: CAE_SELLER,
  tradeName: 'Atelier Graphique Lumen',
  buyer: COMPANY_BUYER,
};

/** Services at 20 % and a book at 5.5 %, to a business. */
export function businessInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    ...withTotals(BASE, [
      line('Identité visuelle : logo, charte <couleurs> & typographie', '2.5', '480.00', '0.20', 'day'),
      line('Séances de travail', '3', '85.50', '0.20', 'hour'),
      line('Livre « Le métier de graphiste »', '2', '23.7', '0.055', 'unit'),
    ]),
    ...overrides,
  };
}

/** A partial credit note on the invoice above. */
export function creditNote(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    ...withTotals(
      { ...BASE, kind: 'credit_note', number: '2026-000057', issuedOn: '2026-03-30', dueOn: '2026-03-30', paymentTermsDays: 0 },
      [line('Séances de travail non réalisées', '1', '85.50', '0.20', 'hour')],
    ),
    creditedInvoice: { number: '2026-000042', issuedOn: '2026-03-16' },
    reason: 'Une séance annulée',
    ...overrides,
  };
}

/** An invoice of many lines, to flow over several pages. */
export function longInvoice(lineCount: number): InvoiceDocument {
  const inputs = Array.from({ length: lineCount }, (_, i) =>
    line(`Prestation n° ${i + 1} : accompagnement et suivi du projet, compte rendu détaillé remis au client`, String(1 + (i % 4)), `${100 + i}.25`, i % 3 === 0 ? '0.10' : '0.20', 'hour'),
  );
  return withTotals({ ...BASE, number: '2026-000100' }, inputs);
}
