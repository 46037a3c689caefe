/**
 * The vocabulary of territorial reporting (docs/domain.md "What funders ask for"): the monthly aggregate of one
 * CAE in one territory, the public grant, and the report a funder reads. Everything stored is a string or a
 * count, so an aggregate can be written to DynamoDB and read back as it is.
 */
import type { IsoMonth } from '../calendar.js';
import type { CareerPath, EndReason } from '../careerPath/index.js';
import type { EducationLevel, Gender, SituationAtEntry } from '../person.js';

/** The statuses counted at a month's end. `exited` is kept in the aggregate; reports show exits per period instead. */
export const COUNTED_STATUSES = ['candidate', 'supported', 'employee', 'associate', 'exited'] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];

/** The statuses a report shows as "people at the end of the period": the people still in the CAE. */
export const ACTIVE_STATUSES = ['candidate', 'supported', 'employee', 'associate'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** Every reason an exited stage can carry, including the CESA that ends by law at the associate deadline. */
export const END_REASONS: readonly EndReason[] = ['company_created', 'salaried_job', 'training', 'stopped', 'other', 'associate_deadline'];

/** The money figures of an aggregate and a report: decimal strings with two decimals. */
export const MONEY_FIGURES = [
  'revenue',
  'purchases',
  'valueAdded',
  'vatCollected',
  'grossSalaries',
  'employerContributions',
  'employeeContributions',
  'cooperativeContributions',
] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];

/**
 * The sums statistical secrecy tests for dominance (docs/domain.md "Statistical secrecy"): the money figures and
 * the jobs in FTE (a sum of each person's FTE).
 */
export const SECRET_SUMS = [...MONEY_FIGURES, 'jobsFte'] as const;
export type SecretSum = (typeof SECRET_SUMS)[number];

/**
 * One entrepreneur as aggregation sees them: where their activity is, their career path, and the values funders
 * break counts down by (docs/domain.md "What funders ask for"); nothing else (no name, no contact).
 */
export interface PersonInput {
  readonly id: string;
  /** The activity's commune (INSEE) on the entrepreneur's record. */
  readonly communeCode: string;
  readonly path: CareerPath;
  readonly birthDate?: string;
  readonly gender?: Gender;
  readonly situationAtEntry?: SituationAtEntry;
  readonly educationLevel?: EducationLevel;
  readonly priorityNeighbourhood?: boolean;
}

/**
 * The figures of one entrepreneur's closed month that aggregation reads: a structural subset of the payroll
 * run's `MonthResult` (functions/shared/repositories/payrollRuns.ts), so the domain does not depend on storage.
 */
export interface MonthFigures {
  readonly entrepreneurId: string;
  /** The activity's commune when the month closed: it wins over the record's for that month. */
  readonly communeCode: string;
  readonly account: {
    readonly revenue: string;
    /** Every expense of the month's account excl. VAT (purchases for resale included; never salaries). */
    readonly expenses: string;
    readonly purchases: string;
    readonly vatCollected: string;
    readonly contribution: string;
  };
  readonly payslip?: {
    readonly gross: string;
    readonly employerContributions: string;
    readonly employeeContributions: string;
    readonly fullTimeSmicGross: string;
  };
}

/** One CAE's month in one territory: what the payroll workflow writes when a month closes. */
export interface MonthAggregate {
  /** The territory as a string: `france`, `region:84`, `departement:69`, `epci:200046977`, `commune:69123`. */
  readonly territory: string;
  readonly month: IsoMonth;
  readonly caeId: string;
  /** The territory dataset the codes were read with (`@etalab/decoupage-administratif@6.0.0`). */
  readonly datasetVintage: string;
  /** People whose first stage (the accueil) started in the month. */
  readonly welcomed: number;
  /** Entries into a contract in the month (see aggregateMonth.ts for the definition). */
  readonly entries: number;
  /** People by status on the month's last day, among the people counted in the month. */
  readonly byStatusAtEnd: Readonly<Record<CountedStatus, number>>;
  /** Exits in the month, by reason. */
  readonly exits: Readonly<Record<EndReason, number>>;
  /** Exits with reason company_created ("entreprises créées"). */
  readonly companiesCreated: number;
  /** Payslips of the month (salaried entrepreneurs paid). */
  readonly payslips: number;
  /** Jobs in full-time equivalents: Σ min(1, gross ÷ full-time SMIC gross), each rounded to 4 decimals. */
  readonly jobsFte: string;
  readonly revenue: string;
  /** Purchases for resale: revenue − purchases is the gross margin (marge commerciale), not value added. */
  readonly purchases: string;
  /** Revenue − every expense of the activity account (docs/domain.md "Value added"). */
  readonly valueAdded: string;
  readonly vatCollected: string;
  readonly grossSalaries: string;
  readonly employerContributions: string;
  readonly employeeContributions: string;
  readonly cooperativeContributions: string;
  /**
   * For each money figure, how many people have a non-zero amount in it: what statistical secrecy needs (a sum
   * of fewer than 3 people is not published), and it adds up across CAEs like the sums themselves.
   */
  readonly contributors: Readonly<Record<MoneyFigure, number>>;
  /**
   * For each secret sum, the largest amount (in absolute value) one person of the CAE has in it, and the sum of
   * every person's amount squared: what the dominance test of statistical secrecy bounds one person's share by
   * (secrecy.ts). Absent from aggregates written before they were kept.
   */
  readonly largest?: Readonly<Record<SecretSum, string>>;
  readonly squares?: Readonly<Record<SecretSum, string>>;
  /**
   * The people of the month by breakdown bucket (breakdowns.ts): `end:<bucket>` those still in the CAE at the
   * month's end, `entries:<bucket>` the entries of the month, e.g. `end:gender:female`, `entries:born:1990-04`.
   * Absent from aggregates written before breakdowns were kept (they count as unknown).
   */
  readonly people?: Readonly<Record<string, number>>;
}

/**
 * One territory's month, federation-wide: the sum of every CAE's aggregate of that territory and month, kept as
 * one item as the CAEs close the month, so that a report reads one item per month whatever the number of CAEs.
 */
export interface TerritoryMonth extends Omit<MonthAggregate, 'caeId' | 'datasetVintage' | 'largest' | 'squares' | 'people'> {
  /** Each CAE's largest amounts, summed: an upper bound of the month's largest (no max adds up across CAEs). */
  readonly largest: Readonly<Record<SecretSum, string>>;
  readonly squares: Readonly<Record<SecretSum, string>>;
  readonly people: Readonly<Record<string, number>>;
  /** How many of the CAEs counted wrote `largest` and `squares`: when fewer than `caes`, dominance is unknown. */
  readonly dominanceKept: number;
  /** The CAEs counted in it (each once), sorted. */
  readonly caes: readonly string[];
  /** The territory datasets the CAEs' aggregates were cut with. */
  readonly datasetVintages: readonly string[];
}

/**
 * The grants of one funder for one territory and year, summed over the CAEs that received them: what a report
 * lists and spreads over months (one line per funder, however many CAEs it funds).
 */
export interface GrantLine {
  readonly funder: string;
  /** The funder's territory, where the grants count. */
  readonly territory: string;
  readonly year: number;
  /** The yearly amounts summed, a money string. */
  readonly amount: string;
  /** The CAEs that received them, sorted. */
  readonly caes: readonly string[];
}

/** A public grant received by a CAE: a yearly amount from a funder, counted in the funder's territory. */
export interface Grant {
  readonly id: string;
  readonly caeId: string;
  /** The public body that gave it ("Département du Rhône"). */
  readonly funder: string;
  /** The funder's territory, where the grant counts. */
  readonly territory: string;
  readonly year: number;
  /** The yearly amount, a money string. */
  readonly amount: string;
}

export type Ratio = string | null;

/**
 * How an object of a published report marks its hidden figures (docs/api.md "Reports: breakdowns and
 * statistical secrecy"): a hidden figure is null, and the object holding it says which.
 */
export interface SecretMark {
  readonly secret?: true;
  readonly secretFields?: string[];
}

/** A count, or null when statistical secrecy hides it. */
export type Count = number | null;
/** A decimal string, or null when statistical secrecy hides it. */
export type Amount = string | null;

/** One month of a report (also one CSV row). */
export interface ReportMonth extends SecretMark {
  readonly month: IsoMonth;
  /** CAEs with figures in the territory that month. */
  readonly caes: number;
  readonly welcomed: Count;
  readonly entries: Count;
  readonly exits: Count;
  readonly companiesCreated: Count;
  readonly jobsFte: Amount;
  readonly revenue: Amount;
  readonly purchases: Amount;
  readonly valueAdded: Amount;
  readonly vatCollected: Amount;
  readonly grossSalaries: Amount;
  readonly employerContributions: Amount;
  readonly employeeContributions: Amount;
  /** Employer + employee contributions of the month. */
  readonly socialContributions: Amount;
  readonly cooperativeContributions: Amount;
  readonly publicFunding: string;
}

/** A grant as a report lists it: where it counts and how much of it falls in the period. */
export interface ReportGrant {
  readonly funder: string;
  readonly territory: string;
  readonly year: number;
  readonly amount: string;
  readonly inPeriod: string;
}

/** One value of a breakdown: the people at the end of the period and the period's entries with that value. */
export interface BreakdownCell extends SecretMark {
  readonly value: string;
  readonly peopleAtEnd: Count;
  readonly entries: Count;
}

export const BREAKDOWN_NAMES = ['gender', 'ageBand', 'situationAtEntry', 'educationLevel', 'priorityNeighbourhood'] as const;
export type BreakdownName = (typeof BREAKDOWN_NAMES)[number];
export type Breakdowns = Readonly<Record<BreakdownName, BreakdownCell[]>>;

/** The territorial report of docs/api.md ("Public funding and reports", "Reports: breakdowns and statistical secrecy"). */
export interface TerritoryReport extends SecretMark {
  readonly territory: string;
  readonly territoryName: string | null;
  readonly from: IsoMonth;
  readonly to: IsoMonth;
  /** Whether the figures passed statistical secrecy (false only for the federation admin). */
  readonly statisticalSecrecy: boolean;
  /** The dataset the report's territory was read with, and those the aggregates were written with. */
  readonly datasetVintage: string;
  readonly dataVintages: string[];
  /** CAEs with figures or grants counted in the territory over the period. */
  readonly caes: number;
  readonly entrepreneurs: SecretMark & {
    /** The month whose end `byStatusAtEnd` describes: the period's last month with figures; null without any. */
    readonly statusMonth: IsoMonth | null;
    readonly byStatusAtEnd: SecretMark & Readonly<Record<ActiveStatus, Count>>;
    readonly welcomed: Count;
    readonly entries: Count;
    readonly exits: SecretMark & Readonly<Record<EndReason, Count>>;
  };
  readonly companiesCreated: Count;
  /** Average monthly FTE from `from` to `statusMonth`, 2 decimals. */
  readonly jobsFte: Amount;
  readonly revenue: Amount;
  readonly purchases: Amount;
  readonly valueAdded: Amount;
  readonly vatCollected: Amount;
  readonly grossSalaries: Amount;
  readonly employerContributions: Amount;
  readonly employeeContributions: Amount;
  /** Employer + employee contributions. */
  readonly socialContributions: Amount;
  readonly cooperativeContributions: Amount;
  readonly publicFunding: string;
  readonly perPublicEuro: SecretMark & {
    readonly revenue: Ratio;
    readonly valueAdded: Ratio;
    readonly vatCollected: Ratio;
    readonly grossSalaries: Ratio;
    readonly socialContributions: Ratio;
  };
  readonly selfFinancingRatio: Ratio;
  readonly grants: ReportGrant[];
  readonly months: ReportMonth[];
  /** The people at the end of the period and the period's entries, by value of each breakdown. */
  readonly breakdowns: Breakdowns;
}
