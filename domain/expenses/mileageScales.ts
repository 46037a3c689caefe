/**
 * The barème kilométrique (docs/domain.md "Expenses"): dated tables a person can review line by line, like the
 * payroll rates. Each table covers a period of trip dates and carries its legal source; a trip dated outside
 * every table is refused (no silent fallback on another year's scale).
 *
 * A scale is annual: d is the distance driven in the calendar year with that vehicle, and the scale gives the
 * allowance for the whole year's d. Every figure is a decimal string.
 */
import type { IsoDate } from '../calendar.js';

export type VehicleType = 'car' | 'motorcycle' | 'moped';

/** One piece of the scale: for d up to `upToKm` (null: beyond the last threshold), d × rate + fixed. */
export interface ScaleBand {
  readonly upToKm: number | null;
  readonly rate: string;
  readonly fixed: string;
}

/** The scale of the vehicles whose fiscal power is between `fromPower` and `toPower` (null: and more). */
export interface PowerClass {
  readonly label: string;
  readonly fromPower: number;
  readonly toPower: number | null;
  readonly bands: readonly ScaleBand[];
}

export interface MileageScale {
  readonly id: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  readonly source: string;
  /** Set when the table is applied before its period's scale is published: why, and what would replace it. */
  readonly provisional?: string;
  /** Fully electric vehicles: the allowance is raised by this rate. */
  readonly electricIncrease: { readonly rate: string; readonly source: string };
  readonly vehicles: Readonly<Record<VehicleType, readonly PowerClass[]>>;
}

const band = (upToKm: number | null, rate: string, fixed = '0'): ScaleBand => ({ upToKm, rate, fixed });

/**
 * The scale as revalued in 2023 (+5.4%) and kept unchanged for 2024 and 2025 income, as docs/domain.md
 * "Expenses" gives it.
 */
const SCALE_2023: MileageScale['vehicles'] = {
  car: [
    { label: '3 CV and less', fromPower: 1, toPower: 3, bands: [band(5000, '0.529'), band(20000, '0.316', '1065'), band(null, '0.370')] },
    { label: '4 CV', fromPower: 4, toPower: 4, bands: [band(5000, '0.606'), band(20000, '0.340', '1330'), band(null, '0.407')] },
    { label: '5 CV', fromPower: 5, toPower: 5, bands: [band(5000, '0.636'), band(20000, '0.357', '1395'), band(null, '0.427')] },
    { label: '6 CV', fromPower: 6, toPower: 6, bands: [band(5000, '0.665'), band(20000, '0.374', '1457'), band(null, '0.447')] },
    { label: '7 CV and more', fromPower: 7, toPower: null, bands: [band(5000, '0.697'), band(20000, '0.394', '1515'), band(null, '0.470')] },
  ],
  motorcycle: [
    { label: '1–2 CV', fromPower: 1, toPower: 2, bands: [band(3000, '0.395'), band(6000, '0.099', '891'), band(null, '0.248')] },
    { label: '3–5 CV', fromPower: 3, toPower: 5, bands: [band(3000, '0.468'), band(6000, '0.082', '1158'), band(null, '0.275')] },
    { label: '6 CV and more', fromPower: 6, toPower: null, bands: [band(3000, '0.606'), band(6000, '0.079', '1583'), band(null, '0.343')] },
  ],
  // The published moped scale has the motorcycles' thresholds (3,000 and 6,000 km) and a fixed part of 711; the
  // older 2,000 / 5,000 km and 412 (last published with rates of 0.269 / 0.063) would make the scale drop by
  // 60 € at 2,000 km with today's rates, i.e. a negative trip.
  moped: [{ label: 'all (≤ 50 cc)', fromPower: 1, toPower: null, bands: [band(3000, '0.315'), band(6000, '0.079', '711'), band(null, '0.198')] }],
};

const ARRETE = "Arrêté du 27 mars 2023 fixant le barème forfaitaire des frais de déplacement (véhicules des salariés); CGI art. 83, 3°; BOFiP BOI-BAREME-000001";
const ELECTRIC = { rate: '0.20', source: 'BOFiP BOI-BAREME-000001: the amounts of the scale are raised by 20% for fully electric vehicles' };

/** Every table, oldest first, day after day without gap or overlap (test/unit/expenses/mileage.test.ts). */
export const MILEAGE_SCALES: readonly MileageScale[] = [
  {
    id: 'FR-2024',
    validFrom: '2024-01-01',
    validTo: '2024-12-31',
    source: `${ARRETE} (scale of 2023 kept unchanged for 2024 income)`,
    electricIncrease: ELECTRIC,
    vehicles: SCALE_2023,
  },
  {
    id: 'FR-2025',
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    source: `${ARRETE} (scale of 2023 kept unchanged for 2025 income)`,
    electricIncrease: ELECTRIC,
    vehicles: SCALE_2023,
  },
  {
    id: 'FR-2026-provisional',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    source: `${ARRETE} (latest published scale)`,
    // The scale for a year's income is published in the spring of the next year: trips of 2026 are priced
    // with the latest published scale until then; a new table for 2026 replaces this one when it is out.
    provisional: 'the scale for 2026 income is not published yet: the 2025 scale applies until it is',
    electricIncrease: ELECTRIC,
    vehicles: SCALE_2023,
  },
  {
    id: 'FR-2027-provisional',
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
    source: `${ARRETE} (latest published scale)`,
    // Unlike payroll rates, which change on 1 January and cannot be guessed, the mileage scale of a year is only
    // known a year later, and practice is to claim on the latest published one meanwhile: trips of the year
    // after the payroll horizon are claimed the same way, so expense claims keep working across New Year.
    provisional: 'the scales for 2026 and 2027 income are not published yet: the 2025 scale applies until they are',
    electricIncrease: ELECTRIC,
    vehicles: SCALE_2023,
  },
];
