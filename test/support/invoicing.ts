/** Builders for invoicing requests (docs/api.md "Invoicing"): valid settings, a company customer, a line. */
import { frenchVatNumber } from '../../domain/invoicing/index.js';

export function settingsFor(siret: string, overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Coopérative Exemple SCOP SA',
    legalForm: 'SCOP SA à capital variable',
    shareCapital: '15000.00',
    rcs: 'RCS Lyon 123 456 789',
    vatNumber: frenchVatNumber(siret.slice(0, 9)),
    address: { line1: '1 rue de la République', postalCode: '69001', city: 'Lyon', countryCode: 'FR' },
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    apeCode: '7022Z',
    ...overrides,
  };
}

export const aCompany = { name: 'Client SAS', kind: 'company', siren: '732829320', vatNumber: 'FR44732829320', address: { line1: '2 place Bellecour', postalCode: '69002', city: 'Lyon', countryCode: 'FR' } };
export const aLine = (unitPriceExclVat = '80.00', vatRate = '0.20', quantity = '2.5') => ({ description: 'Conseil', quantity, unit: 'hour', unitPriceExclVat, vatRate });
