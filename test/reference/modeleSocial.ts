/**
 * The independent reference: modele-social (the rules behind the Urssaf public simulators) on the publicodes
 * engine. 2025 law comes from modele-social 10.0.0 (npm alias modele-social-2025: SMIC 11.88, PSS 3,925,
 * Fillon reduction with the reduced health and family rates); 2026 law from modele-social 11.1.0 (RGDU).
 * One engine per version, built once (≈0.5 s each); every case is a setSituation (≈50 ms forward, ≈300 ms for
 * an inversion).
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
    // biome-ignore lint/suspicious/noExplicitAny: the two rule sets have different rule-name types
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
  };
}

/** The reference payslip totals for a gross. */
export function referencePayslip(c: ReferenceCase & { gross: string }): ReferenceTotals {
  const { engine, reduction } = engineFor(c.date);
  engine.setSituation({ ...situation(c), 'salarié . contrat . salaire brut': `${c.gross} €/mois` });
  return totals(engine, reduction);
}

/** The reference's gross for an employer cost (publicodes numeric inversion, not rounded to the cent). */
export function referenceGrossForEmployerCost(c: ReferenceCase & { budget: string }): ReferenceTotals {
  const { engine, reduction } = engineFor(c.date);
  engine.setSituation({ ...situation(c), 'salarié . coût total employeur': `${c.budget} €/mois` });
  return totals(engine, reduction);
}

/** The reference's gross for a net pay before income tax (numeric inversion). */
export function referenceGrossForNet(c: ReferenceCase & { net: string }): ReferenceTotals {
  const { engine, reduction } = engineFor(c.date);
  engine.setSituation({ ...situation(c), 'salarié . rémunération . net . à payer avant impôt': `${c.net} €/mois` });
  return totals(engine, reduction);
}
