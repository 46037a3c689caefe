/**
 * Territorial impact reporting (docs/domain.md "What funders ask for"):
 * - aggregateMonth.ts: one CAE's closed month cut by territory (written by the payroll workflow);
 * - buildReport.ts: a territory's report over a period, from those aggregates and the grants;
 * - grants.ts: where a grant counts and how a yearly grant counts in a period of months;
 * - types.ts: the shapes.
 */
export { type AggregateMonthInput, type AggregateMonthOutput, aggregateMonth, fteOf, personMonth, territoriesForCommune } from './aggregateMonth.js';
export { type BuildReportInput, buildReport } from './buildReport.js';
export { enclosingTerritories, grantCountsIn, grantInPeriod, grantMonthShare, grantShares } from './grants.js';
export {
  ACTIVE_STATUSES,
  type ActiveStatus,
  COUNTED_STATUSES,
  type CountedStatus,
  END_REASONS,
  type Grant,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonthAggregate,
  type MonthFigures,
  type PersonInput,
  type Ratio,
  type ReportGrant,
  type ReportMonth,
  type TerritoryReport,
} from './types.js';
