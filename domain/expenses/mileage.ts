/**
 * Mileage allowances (indemnités kilométriques) from the annual scale (docs/domain.md "Expenses"): because the
 * scale prices a whole year's distance with one vehicle, a trip's allowance is
 * scale(km this year after the trip) − scale(km this year before it), raised by 20% for a fully electric
 * vehicle, rounded half-up to the cent once, at the end.
 */
import { type IsoDate, isValidDate } from '../calendar.js';
import { type Checked, type Violation, violation } from '../contribution/violation.js';
import { Dec, formatMoney, roundCents } from '../money.js';
import { MILEAGE_SCALES, type MileageScale, type PowerClass, type ScaleBand, type VehicleType } from './mileageScales.js';

export type { MileageScale, PowerClass, ScaleBand, VehicleType } from './mileageScales.js';
export { MILEAGE_SCALES } from './mileageScales.js';

/** The vehicle a trip was made with. `registration` tells two vehicles of the same kind apart. */
export interface Vehicle {
  readonly type: VehicleType;
  /** Puissance fiscale (CV), 1 to 50. */
  readonly fiscalPower: number;
  readonly electric: boolean;
  readonly registration?: string;
}

export type MileageViolationId = 'no-mileage-scale-for-date' | 'invalid-km' | 'invalid-fiscal-power';

/** The most a fiscal power can be (the API refuses more): no vehicle sold in France comes near it. */
export const MAX_FISCAL_POWER = 50;

/** What a trip's allowance was computed with, as shown to people. */
export interface ScaleUsed {
  readonly id: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  readonly source: string;
  readonly provisional?: string;
  readonly vehicle: VehicleType;
  readonly powerClass: string;
  readonly electric: boolean;
}

export interface TripAllowance {
  /** Money string, never negative. */
  readonly amount: string;
  readonly kmBefore: number;
  readonly kmAfter: number;
  readonly scale: ScaleUsed;
  /** The computation spelt out, e.g. "scale(1250) − scale(1000) = 1250 × 0.606 − 1000 × 0.606 = 151.50". */
  readonly formula: string;
}

export interface Trip {
  readonly date: IsoDate;
  readonly km: number;
  /** Km already driven in the trip's calendar year with the same vehicle, before this trip. */
  readonly kmBefore: number;
  readonly vehicle: Vehicle;
}

/** The covered periods, to say what is missing when a date has no scale. */
export function coveredPeriods(): { from: IsoDate; to: IsoDate }[] {
  return MILEAGE_SCALES.map((s) => ({ from: s.validFrom, to: s.validTo }));
}

/** The scale in force on a trip date, or undefined when no table covers it. */
export function scaleFor(date: IsoDate): MileageScale | undefined {
  return MILEAGE_SCALES.find((s) => s.validFrom <= date && date <= s.validTo);
}

/** The power class of a vehicle in a scale (every power from 1 up falls in exactly one class). */
export function powerClassOf(scale: MileageScale, vehicle: Pick<Vehicle, 'type' | 'fiscalPower'>): PowerClass {
  const classes = scale.vehicles[vehicle.type];
  const found = classes.find((c) => c.fromPower <= vehicle.fiscalPower && (c.toPower === null || vehicle.fiscalPower <= c.toPower));
  if (!found) throw new RangeError(`no ${vehicle.type} class for ${vehicle.fiscalPower} CV`);
  return found;
}

/** The band a yearly distance falls in: the first whose threshold it does not exceed. */
export function bandOf(powerClass: PowerClass, d: number): ScaleBand {
  const found = powerClass.bands.find((b) => b.upToKm === null || d <= b.upToKm);
  if (!found) throw new RangeError(`the scale ${powerClass.label} has no last band`);
  return found;
}

/** The scale's yearly amount for d km, exact (not rounded: only the trip's difference is). */
export function annualAmount(powerClass: PowerClass, d: number): Dec {
  if (d === 0) return new Dec(0);
  const b = bandOf(powerClass, d);
  return new Dec(d).times(b.rate).plus(b.fixed);
}

function spelt(powerClass: PowerClass, d: number): string {
  if (d === 0) return '0';
  const b = bandOf(powerClass, d);
  return new Dec(b.fixed).isZero() ? `${d} × ${b.rate}` : `(${d} × ${b.rate} + ${b.fixed})`;
}

function isCount(value: number, min: number): boolean {
  return Number.isSafeInteger(value) && value >= min;
}

/**
 * A trip's allowance, or what refuses it: a date no scale covers ('no-mileage-scale-for-date', naming `date`),
 * a distance that is not a positive whole number of km, a fiscal power outside 1–50.
 *
 * Every scale rises with d (test/unit/expenses/mileage.test.ts checks each threshold), so a trip's difference is
 * never negative; the floor at 0.00 only guards a future table typed wrong.
 */
export function tripAllowance(trip: Trip): Checked<TripAllowance, MileageViolationId> {
  const out: Violation<MileageViolationId>[] = [];
  if (!isCount(trip.km, 1)) out.push(violation('invalid-km' as const, 'km', 'km is a whole number of kilometres, at least 1'));
  if (!isCount(trip.kmBefore, 0)) out.push(violation('invalid-km' as const, 'kmBefore', 'the km already driven is a whole number, at least 0'));
  if (!isCount(trip.vehicle.fiscalPower, 1) || trip.vehicle.fiscalPower > MAX_FISCAL_POWER) {
    out.push(violation('invalid-fiscal-power' as const, 'vehicle.fiscalPower', `the fiscal power is a whole number from 1 to ${MAX_FISCAL_POWER}`));
  }
  const scale = isValidDate(trip.date) ? scaleFor(trip.date) : undefined;
  if (!scale) {
    const periods = coveredPeriods();
    const range = `${periods[0]?.from} to ${periods[periods.length - 1]?.to}`;
    out.push(violation('no-mileage-scale-for-date' as const, 'date', `no mileage scale covers ${trip.date} (the scales cover ${range})`));
  }
  if (out.length > 0 || !scale) return { ok: false, violations: out };

  const powerClass = powerClassOf(scale, trip.vehicle);
  const kmAfter = trip.kmBefore + trip.km;
  const difference = annualAmount(powerClass, kmAfter).minus(annualAmount(powerClass, trip.kmBefore));
  const raised = trip.vehicle.electric ? difference.times(new Dec(1).plus(scale.electricIncrease.rate)) : difference;
  const amount = raised.isNegative() ? new Dec(0) : roundCents(raised);
  const electric = trip.vehicle.electric ? ` × ${new Dec(1).plus(scale.electricIncrease.rate).toFixed(2)} (fully electric)` : '';
  const floor = raised.isNegative() ? ' (the scale drops here: a trip is never negative)' : '';
  const spelled = `${spelt(powerClass, kmAfter)} − ${spelt(powerClass, trip.kmBefore)}`;
  const formula = `scale(${kmAfter}) − scale(${trip.kmBefore}) = ${electric ? `(${spelled})${electric}` : spelled} = ${formatMoney(amount)}${floor}`;
  return {
    ok: true,
    value: {
      amount: formatMoney(amount),
      kmBefore: trip.kmBefore,
      kmAfter,
      scale: {
        id: scale.id,
        validFrom: scale.validFrom,
        validTo: scale.validTo,
        source: scale.source,
        ...(scale.provisional ? { provisional: scale.provisional } : {}),
        vehicle: trip.vehicle.type,
        powerClass: powerClass.label,
        electric: trip.vehicle.electric,
      },
      formula,
    },
  };
}
