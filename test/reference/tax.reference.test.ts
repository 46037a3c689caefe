/**
 * The neutral grids of tax withheld at source (domain/payroll/taxRates) against modele-social's
 * "impôt . taux neutre d'impôt sur le revenu" (mainland France): same brackets, same rates. modele-social 11.1.0
 * dates the 2026 grid from 1 January 2026 where the law applied it from 1 May 2026 (see the grid's note), so
 * the grids are compared by content, each with the version of the reference that carries it.
 */
import rules2026 from 'modele-social';
import rules2025 from 'modele-social-2025';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import { NEUTRAL_GRIDS, type NeutralGrid } from '../../domain/payroll/index.js';

type Variation = { si?: string; sinon?: unknown; alors?: { grille: { tranches: { plafond?: string; montant: string }[] } } };
const RULE = "impôt . taux neutre d'impôt sur le revenu";

/** The reference's grid whose condition is "date >= <dd/mm/yyyy>", as brackets like ours. */
function referenceGrid(rules: Record<string, unknown>, since: string): NeutralGrid['brackets'] {
  const variations = (rules[RULE] as { variations: Variation[] }).variations;
  const found = variations.find((v) => v.si === `date >= ${since}`);
  if (!found?.alors) throw new Error(`no grid since ${since} in the reference`);
  return found.alors.grille.tranches.map((t) => {
    const rate = new Dec(t.montant.replace('%', '').trim()).div(100).toString();
    return t.plafond ? { below: t.plafond.replace(' €/mois', ''), rate } : { rate };
  });
}

const byId = (id: string) => NEUTRAL_GRIDS.find((g) => g.id === id) as NeutralGrid;

describe('neutral rate grids against modele-social', () => {
  it('PAS-2024 (January–April 2025) is modele-social 10.0.0 grid of 1 January 2024', () => {
    expect(byId('PAS-2024').brackets).toEqual(referenceGrid(rules2025 as Record<string, unknown>, '01/01/2024'));
  });
  it('PAS-2025-05 is modele-social 10.0.0 grid of 1 May 2025', () => {
    expect(byId('PAS-2025-05').brackets).toEqual(referenceGrid(rules2025 as Record<string, unknown>, '01/05/2025'));
  });
  it('PAS-2026-05 is modele-social 11.1.0 grid of 2026', () => {
    expect(byId('PAS-2026-05').brackets).toEqual(referenceGrid(rules2026 as Record<string, unknown>, '01/01/2026'));
  });
});
