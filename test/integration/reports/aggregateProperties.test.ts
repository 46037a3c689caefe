/**
 * The stored federation-wide months against the in-memory sum (domain mergeTerritoryMonths), for random
 * histories: CAEs adding their month, adding it again (a retry, a month run twice), and adding it with other
 * figures (history recorded after the fact, a commune corrected), in any order. Whatever happened, each
 * territory's stored month must equal the sum of every CAE's last figures, each CAE counted once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MONEY_FIGURES, type MonthAggregate, mergeTerritoryMonths } from '../../../domain/reporting/index.js';
import { addMonthAggregates, territoryMonths } from '../../../functions/shared/repositories/aggregates.js';
import { anAggregate } from '../../unit/reporting/builders.js';

const MONTH = '2013-04';
const CAES = ['A', 'B', 'C'];
const TERRITORIES = ['t1', 't2', 't3'];

const cents = fc.integer({ min: -100_000_000, max: 100_000_000_000 }).map((n) => (n / 100).toFixed(2));

/** One CAE's month: some of the territories, each with random figures. */
const caeMonth = fc.record({
  territories: fc.subarray(TERRITORIES),
  revenue: cents,
  valueAdded: cents,
  jobsFte: fc.integer({ min: 0, max: 500_000 }).map((n) => (n / 10_000).toFixed(4)),
  welcomed: fc.nat(5),
  contributors: fc.nat(9),
});

const history = fc.array(fc.record({ cae: fc.constantFrom(...CAES), month: caeMonth, times: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 8 });

let run = 0;

describe('federation-wide months, stored by ADD, against their sum in memory', () => {
  it('equal the sum of every CAE’s last figures, each CAE once, after any history of adds, retries and rewrites', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        run += 1;
        const prefix = `commune:PROP${run}-`; // each run its own territories: the table is shared
        const last = new Map<string, MonthAggregate[]>();
        for (const step of steps) {
          const caeId = `PROP${run}${step.cae}`;
          const aggregates = step.month.territories.map((t) =>
            anAggregate({
              territory: `${prefix}${t}`,
              month: MONTH,
              caeId,
              revenue: step.month.revenue,
              valueAdded: step.month.valueAdded,
              jobsFte: step.month.jobsFte,
              welcomed: step.month.welcomed,
              contributors: Object.fromEntries(MONEY_FIGURES.map((f) => [f, step.month.contributors])) as MonthAggregate['contributors'],
            }),
          );
          for (let i = 0; i < step.times; i++) await addMonthAggregates(caeId, MONTH, aggregates);
          last.set(caeId, aggregates);
        }
        const expected = mergeTerritoryMonths([...last.values()].flat());
        for (const t of TERRITORIES) {
          const [stored] = await territoryMonths(`${prefix}${t}`, MONTH, MONTH);
          const want = expected.find((m) => m.territory === `${prefix}${t}`);
          if (!want) {
            // Never added, or every CAE left it: no item, or one that counts nobody and nothing.
            if (stored) expect({ caes: stored.caes, revenue: stored.revenue, welcomed: stored.welcomed }).toEqual({ caes: [], revenue: '0.00', welcomed: 0 });
            continue;
          }
          expect(stored).toEqual(want);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
