/**
 * POST /caes/{caeId}/payroll/simulations on dynalite, through the handler: the three bases, the payslip's
 * identities, agreement with the payroll engine (itself checked against modele-social in test/reference), the
 * CAE's settings, part time, and orders of magnitude from docs/domain.md.
 */
import { describe, expect, it } from 'vitest';
import { computePayslip, type Payslip } from '../../../domain/payroll/index.js';
import { d, expectConsistent, lineOf, newCae, putSettings, type Simulation, simulated } from './fixtures.js';

/** The engine's payslip as the API prints it. */
function printed(p: Payslip) {
  const m = (x: { toFixed(n: number): string }) => x.toFixed(2);
  return {
    gross: m(p.gross),
    net: m(p.net),
    employeeContributions: m(p.employeeContributions),
    employerContributions: m(p.employerContributions),
    generalReduction: m(p.generalReduction),
    employerCost: m(p.employerCost),
    rulesVersion: p.rulesVersion,
    lines: p.lines.map((l) => ({
      code: l.code,
      base: m(l.base),
      employeeAmount: m(l.employeeAmount),
      employerAmount: m(l.employerAmount),
    })),
  };
}

function totalsAndLines(s: Simulation) {
  return {
    gross: s.gross,
    net: s.net,
    employeeContributions: s.employeeContributions,
    employerContributions: s.employerContributions,
    generalReduction: s.generalReduction,
    employerCost: s.employerCost,
    rulesVersion: s.rulesVersion,
    lines: s.lines.map(({ code, base, employeeAmount, employerAmount }) => ({ code, base, employeeAmount, employerAmount })),
  };
}

/** docs/api.md default settings of a CAE that set none: headcount 50, the rest from the rate table of the date. */
const DEFAULTS = { headcount: 50 };

describe('simulation from a gross', () => {
  it('gives the lines of a payslip whose totals are the sums of its lines', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    expect(s.gross).toBe('2500.00');
    expect(s.lines.length).toBeGreaterThan(8);
    expectConsistent(s);
  });

  it('agrees with the payroll engine on the default settings (headcount 50)', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    expect(totalsAndLines(s)).toEqual(printed(computePayslip({ date: '2026-03-15', gross: '2500.00', settings: DEFAULTS })));
  });

  it('prints every line as base × rate rounded half-up to the cent (full time, 2025 and 2026)', async () => {
    const caeId = await newCae();
    for (const date of ['2025-03-10', '2025-09-10', '2026-03-10', '2026-09-10']) {
      const s = await simulated(caeId, { date, basis: 'gross', amount: '2612.34' });
      for (const l of s.lines.filter((line) => line.code !== 'complementaire-sante')) {
        if (l.employeeRate !== null) expect(d(l.base).times(l.employeeRate).toFixed(2), `${date} ${l.code}`).toBe(l.employeeAmount);
        if (l.employerRate !== null) expect(d(l.base).times(l.employerRate).toFixed(2), `${date} ${l.code}`).toBe(l.employerAmount);
      }
    }
  });

  it('splits the health insurance premium of the settings between employee and employer', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    const health = lineOf(s, 'complementaire-sante');
    expect(health.base).toBe('40.00');
    expect(health.employerAmount).toBe('20.00');
    expect(health.employeeAmount).toBe('20.00');
  });

  it('uses the national average AT/MP rate of the date when the CAE set none (docs/api.md: 0.0212 in 2025, 0.0208 in 2026)', async () => {
    const caeId = await newCae();
    const in2025 = await simulated(caeId, { date: '2025-06-15', basis: 'gross', amount: '2500.00' });
    const in2026 = await simulated(caeId, { date: '2026-06-15', basis: 'gross', amount: '2500.00' });
    expect(lineOf(in2025, 'accidents-du-travail').employerRate).toBe('0.0212');
    expect(lineOf(in2026, 'accidents-du-travail').employerRate).toBe('0.0208');
    expect(in2025.settings.atMpRate).toBe('0.0212');
    expect(in2026.settings.atMpRate).toBe('0.0208');
  });

  it('takes the rules in force on the date: another rulesVersion each period', async () => {
    const caeId = await newCae();
    const versions = new Set<string>();
    for (const date of ['2025-01-01', '2025-05-01', '2026-01-01', '2026-12-31']) {
      versions.add((await simulated(caeId, { date, basis: 'gross', amount: '2500.00' })).rulesVersion);
    }
    expect(versions.size).toBe(4);
  });

  it('gives a payslip without lines for a gross of 0.00', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '0.00' });
    expect(s).toMatchObject({ gross: '0.00', net: '0.00', employerCost: '0.00', lines: [] });
  });

  it('takes the largest amount, 1000000.00', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '1000000.00' });
    expect(s.gross).toBe('1000000.00');
    expectConsistent(s);
  });
});

describe('orders of magnitude (docs/domain.md "Social contributions")', () => {
  it.each(['2025-06-15', '2026-03-15'])('near 2,500 gross on %s: employer cost ≈ 1.3 × gross, net ≈ 0.78 × gross', async (date) => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date, basis: 'gross', amount: '2500.00' });
    const cost = d(s.employerCost).div(s.gross).toNumber();
    const net = d(s.net).div(s.gross).toNumber();
    expect(cost).toBeGreaterThan(1.2);
    expect(cost).toBeLessThan(1.4);
    expect(net).toBeGreaterThan(0.76);
    expect(net).toBeLessThan(0.8);
  });

  it('gives a general reduction that shrinks as the gross grows and is nil from 3 SMIC in 2026', async () => {
    const caeId = await newCae();
    // full-time SMIC 2026-01: 12.02 €/h × 35 × 52 ÷ 12 = 1,823.03; 3 SMIC = 5,469.10 (docs/domain.md)
    const atSmic = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '1823.03' });
    const at2500 = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    const at3Smic = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '5469.10' });
    expect(d(atSmic.generalReduction).div(atSmic.gross).toNumber()).toBeGreaterThan(d(at2500.generalReduction).div(at2500.gross).toNumber());
    expect(d(at2500.generalReduction).isPositive() && !d(at2500.generalReduction).isZero()).toBe(true);
    expect(at3Smic.generalReduction).toBe('0.00');
  });
});

describe('simulation from an employer cost', () => {
  it.each([
    ['2026-03-15', '3000.00'],
    ['2025-03-15', '2345.67'],
    ['2026-07-01', '1950.00'],
  ])('on %s, %s: the largest gross whose employer cost fits', async (date, budget) => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date, basis: 'employerCost', amount: budget });
    expectConsistent(s);
    expect(d(s.employerCost).lessThanOrEqualTo(budget)).toBe(true);
    const oneCentMore = computePayslip({ date, gross: d(s.gross).plus('0.01').toFixed(2), settings: DEFAULTS });
    expect(oneCentMore.employerCost.greaterThan(budget)).toBe(true);
  });

  it('gives gross 0.00 for a budget below the cost of the smallest pay', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'employerCost', amount: '10.00' });
    expect(s.gross).toBe('0.00');
  });

  it('fits the largest budget, 1000000.00', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'employerCost', amount: '1000000.00' });
    expect(d(s.employerCost).lessThanOrEqualTo('1000000.00')).toBe(true);
    expect(d(s.gross).greaterThan('500000')).toBe(true);
  });
});

describe('simulation from a net', () => {
  it.each([
    ['2026-03-15', '1800.00'],
    ['2025-10-01', '2222.22'],
    ['2026-06-30', '1456.78'],
  ])('on %s, %s: the gross that pays exactly that net', async (date, net) => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date, basis: 'net', amount: net });
    expectConsistent(s);
    expect(s.net).toBe(net);
    const oneCentLess = computePayslip({ date, gross: d(s.gross).minus('0.01').toFixed(2), settings: DEFAULTS });
    expect(oneCentLess.net.lessThan(net)).toBe(true);
  });
});

describe('part time', () => {
  it('prorates the PSS by weeklyHours ÷ 35: at 17.5 h, the capped base is half of 4,005.00', async () => {
    const caeId = await newCae();
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '3000.00', weeklyHours: '17.5' });
    expect(s.weeklyHours).toBe('17.5');
    expect(lineOf(s, 'vieillesse-plafonnee').base).toBe('2002.50');
    const full = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '3000.00' });
    expect(full.weeklyHours).toBe('35');
    expect(lineOf(full, 'vieillesse-plafonnee').base).toBe('3000.00');
  });

  it('prorates the SMIC: the same gross gets a smaller general reduction at 17.5 h than full time', async () => {
    const caeId = await newCae();
    const half = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '1500.00', weeklyHours: '17.5' });
    const full = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '1500.00' });
    expect(d(half.generalReduction).lessThan(full.generalReduction)).toBe(true);
    expectConsistent(half);
  });

  it('agrees with the payroll engine at 17.5 h, in every basis', async () => {
    const caeId = await newCae();
    const input = { date: '2026-03-15', settings: DEFAULTS, weeklyHours: '17.5' };
    const fromGross = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '1234.56', weeklyHours: '17.5' });
    expect(totalsAndLines(fromGross)).toEqual(printed(computePayslip({ ...input, gross: '1234.56' })));
    const fromCost = await simulated(caeId, { date: '2026-03-15', basis: 'employerCost', amount: '1500.00', weeklyHours: '17.5' });
    expect(d(fromCost.employerCost).lessThanOrEqualTo('1500.00')).toBe(true);
    expect(computePayslip({ ...input, gross: d(fromCost.gross).plus('0.01').toFixed(2) }).employerCost.greaterThan('1500.00')).toBe(true);
    const fromNet = await simulated(caeId, { date: '2026-03-15', basis: 'net', amount: '900.00', weeklyHours: '17.5' });
    expect(fromNet.net).toBe('900.00');
  });
});

describe("the CAE's payroll settings", () => {
  it('applies the headcount thresholds: FNAL 0.10% within the PSS under 50, no forfait social under 11 (CSS L834-1, L137-15)', async () => {
    const caeId = await newCae();
    expect((await putSettings(caeId, { headcount: 10 })).status).toBe(200);
    const small = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '5000.00' });
    const fnal = lineOf(small, 'fnal');
    expect(fnal).toMatchObject({ base: '4005.00', employerRate: '0.001', employerAmount: '4.01' });
    expect(small.lines.some((l) => l.code === 'forfait-social')).toBe(false);

    expect((await putSettings(caeId, { headcount: 60 })).status).toBe(200);
    const large = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '5000.00' });
    // from 50: 0.50% on the whole pay, within "other employer contributions"; forfait social from 11
    expect(large.lines.some((l) => l.code === 'fnal')).toBe(false);
    expect(large.lines.some((l) => l.code === 'forfait-social')).toBe(true);
    expect(large.settings.headcount).toBe(60);
    expect(d(large.employerCost).greaterThan(small.employerCost)).toBe(true);
    expectConsistent(large);
  });

  it('uses the AT/MP rate, health insurance and mobility rate the CAE set', async () => {
    const caeId = await newCae();
    const settings = { headcount: 20, atMpRate: '0.031', healthInsurance: { monthlyAmount: '60.00', employerShare: '0.75' }, mobilityRate: '0.0295' };
    expect((await putSettings(caeId, settings)).status).toBe(200);
    const s = await simulated(caeId, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    expect(lineOf(s, 'accidents-du-travail').employerRate).toBe('0.031');
    expect(lineOf(s, 'complementaire-sante')).toMatchObject({ base: '60.00', employerAmount: '45.00', employeeAmount: '15.00' });
    expect(s.settings).toEqual(settings);
    expect(totalsAndLines(s)).toEqual(printed(computePayslip({ date: '2026-03-15', gross: '2500.00', settings })));
  });
});
