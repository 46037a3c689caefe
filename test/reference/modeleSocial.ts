/**
 * The independent reference: modele-social (the rules behind the Urssaf public simulators) on the publicodes
 * engine. 2025 law comes from modele-social 10.0.0 (npm alias modele-social-2025: SMIC 11.88, PSS 3,925,
 * Fillon reduction with the reduced health and family rates); 2026 law from modele-social 11.1.0 (RGDU).
 * One engine per version, built once (≈0.5 s each); every case is a setSituation (≈50 ms).
 */
import rules2026 from 'modele-social';
import rules2025 from 'modele-social-2025';
import Engine from 'publicodes';

export interface ReferenceCase {
  date: string; // YYYY-MM-DD
  weeklyHours: number;
  headcount: number;
  atMpRate?: string; // "0.015"
  mobilityRate?: string; // "0.0295"
  healthInsurance?: { monthlyAmount: string; employerShare: string };
}

export interface ReferenceTotals {
  gross: number;
  net: number;
  employeeContributions: number;
  employerContributions: number;
  generalReduction: number;
  employerCost: number;
  netSocial: number;
  netTaxable: number;
}

type AnyEngine = Engine<string>;
const engines = new Map<string, AnyEngine>();
const silent = { log() {}, warn() {}, error() {} };

/** The version of modele-social that carries the law of a date. */
export function referenceVersionFor(date: string): '2025' | '2026' {
  return date < '2026-01-01' ? '2025' : '2026';
}

export function referenceLabel(version: '2025' | '2026'): string {
  return version === '2025' ? 'modele-social 10.0.0' : 'modele-social 11.1.0';
}

function engineFor(date: string): { engine: AnyEngine; reduction: string } {
  const version = referenceVersionFor(date);
  let engine = engines.get(version);
  if (!engine) {
    engine = new Engine((version === '2025' ? rules2025 : rules2026) as any, { logger: silent }) as AnyEngine;
    engines.set(version, engine);
  }
  const reduction =
    version === '2025'
      ? 'salarié . cotisations . exonérations . réduction générale'
      : 'salarié . cotisations . exonérations . RGDU';
  return { engine, reduction };
}

function percent(rate: string): string {
  return `${Number(rate) * 100}%`;
}

function situation(c: ReferenceCase): Record<string, string> {
  const [y, m, d] = c.date.split('-');
  const s: Record<string, string> = {
    date: `'${d}/${m}/${y}'`,
    'salarié . contrat': "'CDI'",
    'salarié . contrat . statut cadre': 'non',
    'entreprise . salariés . effectif': `${c.headcount} employé`,
  };
  if (c.weeklyHours < 35) {
    s['salarié . contrat . temps de travail . temps partiel'] = 'oui';
    s['salarié . contrat . temps de travail . temps partiel . heures par semaine'] = `${c.weeklyHours} heure/semaine`;
  }
  if (c.atMpRate !== undefined) s['établissement . taux ATMP'] = percent(c.atMpRate);
  if (c.mobilityRate !== undefined) s['établissement . commune . taux versement mobilité'] = percent(c.mobilityRate);
  if (c.healthInsurance) {
    s['salarié . cotisations . prévoyances . santé . montant'] = `${c.healthInsurance.monthlyAmount} €/mois`;
    s['salarié . cotisations . prévoyances . santé . taux employeur'] = percent(c.healthInsurance.employerShare);
  }
  return s;
}

function value(engine: AnyEngine, rule: string): number {
  const v = engine.evaluate(rule).nodeValue;
  if (v === null || v === undefined || v === false) return 0;
  if (typeof v !== 'number') throw new Error(`${rule} is not a number: ${String(v)}`);
  return v;
}

function totals(engine: AnyEngine, reduction: string): ReferenceTotals {
  return {
    gross: value(engine, 'salarié . contrat . salaire brut'),
    net: value(engine, 'salarié . rémunération . net . à payer avant impôt'),
    employeeContributions: value(engine, 'salarié . cotisations . salarié'),
    employerContributions: value(engine, 'salarié . cotisations . employeur'),
    generalReduction: value(engine, reduction),
    employerCost: value(engine, 'salarié . coût total employeur'),
    netSocial: value(engine, 'salarié . rémunération . montant net social'),
    netTaxable: value(engine, 'salarié . rémunération . net . imposable'),
  };
}

/** The reference payslip totals for a gross. */
export function referencePayslip(c: ReferenceCase & { gross: string }): ReferenceTotals {
  const { engine, reduction } = engineFor(c.date);
  engine.setSituation({ ...situation(c), 'salarié . contrat . salaire brut': `${c.gross} €/mois` });
  return totals(engine, reduction);
}

/**
 * Solves reference(g) = target for the gross, to 0.001 €, on the reference's own forward model: the smallest
 * gross where the reference reaches the target (the reduction coefficient is rounded to 4 decimals in the
 * reference too, so its cost is a fine staircase and an exact solution may not exist). The bracket starts
 * around `near` (the gross we found) and widens until it holds the crossing; Illinois steps then close it.
 * publicodes' own inversion ('inversion numérique') is not used: it stops within 0.5 € of the target
 * (uniroot with errorTol 0.5), too coarse to compare inverse grosses to 0.10 €.
 */
function solveReference(f: (g: number) => number, target: number, near: number): number {
  let lo = Math.max(0.01, near - 1);
  let hi = near + 1;
  let flo = f(lo) - target;
  let fhi = f(hi) - target;
  for (let widen = 2; flo >= 0 && lo > 0.01; widen *= 2) {
    lo = Math.max(0.01, near - widen);
    flo = f(lo) - target;
  }
  for (let widen = 2; fhi < 0; widen *= 2) {
    hi = near + widen;
    fhi = f(hi) - target;
  }
  let side = 0;
  for (let i = 0; i < 60 && hi - lo > 0.001; i += 1) {
    let g = (lo * fhi - hi * flo) / (fhi - flo);
    if (!(g > lo && g < hi)) g = (lo + hi) / 2;
    const fg = f(g) - target;
    if (fg >= 0) {
      hi = g;
      fhi = fg;
      if (side === 1) flo /= 2;
      side = 1;
    } else {
      lo = g;
      flo = fg;
      if (side === -1) fhi /= 2;
      side = -1;
    }
  }
  return hi;
}

function totalsAt(c: ReferenceCase, gross: number): ReferenceTotals {
  return referencePayslip({ ...c, gross: gross.toFixed(6) });
}

/** The reference's gross for an employer-cost budget, solved near `near`. */
export function referenceGrossForEmployerCost(c: ReferenceCase & { budget: string; near: number }): number {
  return solveReference((g) => totalsAt(c, g).employerCost, Number(c.budget), c.near);
}

/** The reference's gross for a net pay before income tax, solved near `near`. */
export function referenceGrossForNet(c: ReferenceCase & { net: string; near: number }): number {
  return solveReference((g) => totalsAt(c, g).net, Number(c.net), c.near);
}

/**
 * publicodes' own inversion (what a caller of modele-social would do): the gross for an employer-cost budget,
 * within 0.5 € of cost. Used by the benchmark to time the reference in the inverse direction.
 */
export function referenceInversion(c: ReferenceCase & { budget: string }): number {
  const { engine } = engineFor(c.date);
  engine.setSituation({ ...situation(c), 'salarié . coût total employeur': `${c.budget} €/mois` });
  return value(engine, 'salarié . contrat . salaire brut');
}
