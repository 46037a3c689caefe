/** Small builders for the governance specs. */
import fc from 'fast-check';
import type { Membership, SurplusAllocation } from '../../../domain/governance/index.js';

export function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    entrepreneurId: 'e-alice',
    name: 'Alice Martin',
    since: '2024-01-01',
    capitalSubscribed: '100.00',
    ...overrides,
  };
}

/** A valid allocation of 10,000.00: 15% reserve, 25% workers, 10% interest, 50% development fund. */
export function allocation(overrides: Partial<SurplusAllocation> = {}): SurplusAllocation {
  return {
    year: 2025,
    surplus: '10000.00',
    legalReserve: '1500.00',
    developmentFund: '5000.00',
    workersShare: '2500.00',
    capitalInterest: '1000.00',
    legalReserveBalance: '0.00',
    highestCapital: '50000.00',
    ...overrides,
  };
}

/** Formats a number of cents as the API carries money ("1234.50"), exactly, for any bigint. */
export function centsToMoney(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function moneyToCents(value: string): bigint {
  const negative = value.startsWith('-');
  const [units = '0', decimals = '00'] = value.replace('-', '').split('.');
  const cents = BigInt(units) * 100n + BigInt(decimals);
  return negative ? -cents : cents;
}

/** Money amounts from 0.00 (or `min` cents) up to ten billion euros. */
export function moneyArb(min = 0n, max = 1_000_000_000_000n): fc.Arbitrary<string> {
  return fc.bigInt({ min, max }).map(centsToMoney);
}
