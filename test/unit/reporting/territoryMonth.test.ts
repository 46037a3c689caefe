import { describe, expect, it } from 'vitest';
import { additiveFigures, figuresDelta, mergeTerritoryMonths, territoryMonthOf } from '../../../domain/reporting/index.js';
import { anAggregate, anAggregateWithoutDominance } from './builders.js';

const DEP = 'departement:69';

describe('federation-wide months of a territory', () => {
  it("adds up the CAEs' aggregates of one territory and month, each figure, and lists the CAEs", () => {
    const [month] = mergeTerritoryMonths([
      anAggregate({ territory: DEP, month: '2025-01', caeId: 'B', revenue: '0.10', jobsFte: '0.5000', welcomed: 1, contributors: { revenue: 1 } as never }),
      anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '0.20', jobsFte: '0.6660', welcomed: 2, contributors: { revenue: 2 } as never }),
    ]);
    expect(month).toMatchObject({ territory: DEP, month: '2025-01', caes: ['A', 'B'], revenue: '0.30', jobsFte: '1.1660', welcomed: 3 });
    expect(month?.contributors.revenue).toBe(3);
  });

  it('counts a CAE given twice for the same month once', () => {
    const a = anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '100.00' });
    expect(mergeTerritoryMonths([a, a]).map((m) => m.revenue)).toEqual(['100.00']);
  });

  it('keeps territories and months apart', () => {
    const months = mergeTerritoryMonths([
      anAggregate({ territory: DEP, month: '2025-02', caeId: 'A' }),
      anAggregate({ territory: 'france', month: '2025-01', caeId: 'A' }),
      anAggregate({ territory: DEP, month: '2025-01', caeId: 'A' }),
    ]);
    expect(months.map((m) => `${m.territory} ${m.month}`)).toEqual([`${DEP} 2025-01`, `${DEP} 2025-02`, 'france 2025-01']);
  });

  it('gives as a delta only the figures that changed, negative where they went down', () => {
    const before = additiveFigures(anAggregateWithoutDominance({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '100.00', welcomed: 1 }));
    const after = additiveFigures(anAggregateWithoutDominance({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '80.50', welcomed: 1, entries: 1 }));
    expect(figuresDelta(after, before)).toEqual({ revenue: '-19.5', entries: '1' });
    expect(figuresDelta(undefined, before)).toMatchObject({ revenue: '-100', welcomed: '-1' });
  });

  it('reads back the figures it flattened', () => {
    const a = anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '12.30', exits: { company_created: 1 } as never, byStatusAtEnd: { employee: 2 } as never });
    const { caeId, datasetVintage, ...figures } = a;
    expect(territoryMonthOf(DEP, '2025-01', additiveFigures(a), [caeId], [datasetVintage])).toEqual({ ...figures, caes: ['A'], datasetVintages: [datasetVintage], dominanceKept: 1 });
  });
});
