/** 2026 law (RGDU, SMIC 12.02 then 12.31 from June) against modele-social 11.1.0. */
import { describe } from 'vitest';
import { referenceSuite } from './referenceSuite.js';

describe('payroll against the reference, 2026', () => {
  // one date under each 2026 table: FR-2026-01 and FR-2026-06
  referenceSuite('2026', ['2026-02-15', '2026-07-15'], 2026);
});
