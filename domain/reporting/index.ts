/**
 * Territorial impact reporting (docs/domain.md "What funders ask for"):
 * - aggregateMonth.ts: one CAE's closed month cut by territory (written by the payroll workflow);
 * - buildReport.ts: a territory's report over a period, from those aggregates and the grants;
 * - territoryMonth.ts: a territory's month federation-wide, the CAEs' aggregates added up (what reports read);
 * - grants.ts: where a grant counts, how a yearly grant counts in a period of months, grants summed by line;
 * - breakdowns.ts: funders' breakdowns (gender, age band, situation at entry…), counted by bucket at month close;
 * - secrecy.ts: statistical secrecy, which figures a published report hides;
 * - types.ts: the shapes.
 */
export { type AggregateMonthInput, type AggregateMonthOutput, aggregateMonth, fteOf, personMonth, territoriesForCommune } from './aggregateMonth.js';
export { type BuildReportInput, buildReport, buildReportWithSecrecy } from './buildReport.js';
export { AGE_BANDS, ageAtEndOf, ageBand, BREAKDOWN_VALUES, birthBucket, breakdownCounts, bucketsOf, PEOPLE_FIGURE, UNKNOWN } from './breakdowns.js';
export { type Cell, DOMINANCE_SHARE, hiddenCells, MIN_CONTRIBUTORS, primarySecret, type Relation, type SecrecyTable, sqrtUp } from './secrecy.js';
export { enclosingTerritories, grantCountsIn, grantInPeriod, grantLines, grantMonthShare, grantShares } from './grants.js';
export {
  ADDITIVE_FIGURES,
  type AdditiveFigures,
  additiveFigures,
  figuresDelta,
  isAdditiveFigure,
  mergeTerritoryMonths,
  territoryMonthOf,
} from './territoryMonth.js';
export {
  ACTIVE_STATUSES,
  type ActiveStatus,
  type Amount,
  BREAKDOWN_NAMES,
  type BreakdownCell,
  type BreakdownName,
  type Breakdowns,
  type Count,
  COUNTED_STATUSES,
  type CountedStatus,
  END_REASONS,
  type Grant,
  type GrantLine,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonthAggregate,
  type MonthFigures,
  type PersonInput,
  type Ratio,
  type ReportGrant,
  type ReportMonth,
  SECRET_SUMS,
  type SecretMark,
  type SecretSum,
  type TerritoryMonth,
  type TerritoryReport,
} from './types.js';
