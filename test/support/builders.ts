/** Small builders for valid requests, so that each test states only what it is about. */
import { siretWithCheckDigit } from '../../infra/local/seed.js';

let counter = 0;

/** A valid SIRET, different on each call. */
export function aSiret(): string {
  counter += 1;
  return siretWithCheckDigit(`9${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(6, '0')}`);
}

export function aCae(overrides: Record<string, unknown> = {}) {
  return { name: 'CAE de test', siret: aSiret(), communeCode: '69123', ...overrides };
}

export function aPerson(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    firstName: 'Alex',
    lastName: `Durand${counter}`,
    email: `alex.durand${counter}@example.org`,
    communeCode: '69123',
    activity: 'graphic design',
    welcomedOn: '2025-01-02',
    ...overrides,
  };
}
