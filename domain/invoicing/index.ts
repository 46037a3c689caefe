/**
 * Invoicing under the CAE's identity (docs/domain.md "Invoicing"): lines and totals, the invoice life cycle,
 * credit notes and payments, quotes, the legal mentions, SIREN and VAT number checks. Pure: dates are inputs.
 */
export * from './identifiers.js';
export * from './lifecycle.js';
export * from './lines.js';
export * from './mentions.js';
export * from './quotes.js';
export { formatNumber, numberYear } from './numbering.js';
