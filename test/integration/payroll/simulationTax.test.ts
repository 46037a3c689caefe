/**
 * Simulations with tax withheld at source (POST …/payroll/simulations with `taxRate`): the net social and net
 * taxable pay are always shown; with a rate (or null: the neutral grid of the date) also the tax withheld and
 * the net paid; a rate outside 0–43% is a 400 naming body.taxRate.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/money.js';
import { newCae, type Simulation, simulate, simulated } from './fixtures.js';

type Taxed = Simulation & Record<'netSocial' | 'netTaxable' | 'taxRate' | 'taxRateSource' | 'taxWithheld' | 'netPaid', string>;
const taxed = async (caeId: string, body: unknown): Promise<Taxed> => (await simulated(caeId, body)) as Taxed;

describe('simulation with tax withheld at source', () => {
  it('shows net social and net taxable pay, and no tax, when no rate is given', async () => {
    const caeId = await newCae();
    const s = await taxed(caeId, { date: '2025-09-15', basis: 'gross', amount: '3000.00' });
    expect(s.netSocial).toBe(new Dec(s.gross).minus(s.employeeContributions).toFixed(2));
    expect(new Dec(s.netTaxable).greaterThan(s.net)).toBe(true);
    expect(s).not.toHaveProperty('taxWithheld');
    expect(s).not.toHaveProperty('netPaid');
  });

  it('withholds a personal rate on the net taxable pay', async () => {
    const caeId = await newCae();
    const s = await taxed(caeId, { date: '2025-09-15', basis: 'gross', amount: '3000.00', taxRate: '0.075' });
    const tax = new Dec(s.netTaxable).times('0.075').toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    expect(s).toMatchObject({ taxRate: '0.075', taxRateSource: 'personal', taxWithheld: tax.toFixed(2) });
    expect(s.netPaid).toBe(new Dec(s.net).minus(tax).toFixed(2));
  });

  it('withholds the neutral grid of the date with taxRate null', async () => {
    const caeId = await newCae();
    const s = await taxed(caeId, { date: '2026-06-15', basis: 'net', amount: '2200.00', taxRate: null });
    expect(s.taxRateSource).toBe('PAS-2026-05');
    expect(s.net).toBe('2200.00');
    // net taxable ≈ 2,290: the 2026 grid's bracket [2,170; 2,315) is 4.1%
    expect(s.taxRate).toBe('0.041');
  });

  it.each([['0.44'], ['-0.01'], ['1'], ['abc']])('refuses taxRate %s with a 400 naming body.taxRate', async (taxRate) => {
    const caeId = await newCae();
    const reply = await simulate(caeId, { date: '2026-06-15', basis: 'gross', amount: '2000.00', taxRate });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('body.taxRate');
  });
});
