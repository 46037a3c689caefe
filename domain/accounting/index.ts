/** The CAE's books (docs/domain.md "Accounting"): chart, events, entries, fiscal years, views, the FEC. */
export * from './chart.js';
export * from './entries.js';
export * from './events.js';
export * from './fec.js';
export * from './fiscalYear.js';
export * from './views.js';
