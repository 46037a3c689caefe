/** Small builders for contribution tests. */
import type { Decimal } from 'decimal.js';
import type { ContributionInput, ContributionPolicy, TieredPolicy } from '../../../domain/contribution/index.js';
import { Dec } from '../../../domain/money.js';

export const d = (value: string | number): Decimal => new Dec(value);

/** The brackets of docs/domain.md: 10% up to 35,000, 8% up to 45,000, 6% above. */
export const DOMAIN_TIERS: TieredPolicy = {
  kind: 'tiered',
  brackets: [
    { upTo: '35000.00', rate: '0.10' },
    { upTo: '45000.00', rate: '0.08' },
    { upTo: null, rate: '0.06' },
  ],
};

/** docs/domain.md: 12% of margin, floor 40.00/month, cap 8,400.00/year. */
export const MARGIN_FLOOR_CAP: ContributionPolicy = {
  kind: 'flat',
  rate: '0.12',
  base: 'margin',
  monthlyFloor: '40.00',
  yearlyCap: '8400.00',
};

export const flat = (rate: string, extra: Partial<Omit<ContributionPolicy, 'kind'>> = {}): ContributionPolicy => ({
  kind: 'flat',
  rate,
  ...extra,
});

/** A contribution input for a month with nothing before it in the year. */
export function contributionInput(
  policy: ContributionPolicy,
  base: string,
  over: Partial<ContributionInput> = {},
): ContributionInput {
  return {
    policy,
    baseThisMonth: d(base),
    cumulatedBaseBeforeMonth: d(0),
    cumulatedContributionBeforeMonth: d(0),
    ...over,
  };
}
