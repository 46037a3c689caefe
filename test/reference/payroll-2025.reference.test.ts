/** 2025 law (Fillon reduction, reduced health and family rates) against modele-social 10.0.0. */
import { describe } from 'vitest';
import { referenceSuite } from './referenceSuite.js';

describe('payroll against the reference, 2025', () => {
  // one date under each 2025 table: FR-2025-01 (until April) and FR-2025-05
  referenceSuite('2025', ['2025-03-15', '2025-09-15'], 2025);
});
