/**
 * Statistical secrecy (docs/domain.md "Statistical secrecy"): which figures of a published report are hidden.
 * Pure: the report builder describes its figures as cells and the sums between them as relations; this module
 * says which cells to hide.
 *
 * Primary secrecy:
 * - a count of people is hidden when it is 1 or 2 (a count of 0 is shown);
 * - a sum is hidden when 1 or 2 people contribute to it, or when one of them may make 85% or more of it: when
 *   `largest` (an upper bound of the largest contribution in absolute value) is at least 85% of |sum|. A sum
 *   nobody contributes to (0.00) is shown.
 *
 * The report builder gives lower bounds of the contributors and upper bounds of the largest contribution
 * (buildReport.ts says which), so that whatever the bounds lose, the test hides more, never less.
 *
 * Secondary secrecy: a relation says total = Σ parts (a period total and its months, a count and its breakdown).
 * If exactly one of its cells is hidden, a reader gets it back by difference; the smallest non-zero part still
 * shown (or else the total) is hidden too, and so on until no relation has exactly one hidden cell. Groups of
 * `linked` cells (figures proportional to each other through rates a reader may know, such as revenue and the
 * VAT collected on it) are hidden together. Hiding only ever adds cells, so this ends.
 */
import { Decimal } from 'decimal.js';
import { Dec } from '../money.js';

/** Fewer contributors than this and a figure is not published. */
export const MIN_CONTRIBUTORS = 3;
/** One contributor with this share of a sum or more and the sum is not published. */
export const DOMINANCE_SHARE = new Dec('0.85');

export type Cell =
  | { readonly kind: 'count'; readonly value: number }
  | {
      readonly kind: 'sum';
      readonly value: Decimal;
      /** A lower bound of how many people have a non-zero amount in it. */
      readonly contributors: number;
      /** An upper bound of the largest amount one person has in it, in absolute value (Infinity: unknown). */
      readonly largest: Decimal;
    }
  /** A figure no person's secrecy applies to (public funding, a count of CAEs): always shown. */
  | { readonly kind: 'public'; readonly value: Decimal | number };

/** total = Σ parts, by cell id. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface SecrecyTable {
  readonly cells: ReadonlyMap<string, Cell>;
  readonly relations: readonly Relation[];
  /** Groups of cells hidden together. */
  readonly linked?: readonly (readonly string[])[];
}

/** True when the cell fails primary secrecy (see the module's TSDoc). */
export function primarySecret(cell: Cell): boolean {
  if (cell.kind === 'public') return false;
  if (cell.kind === 'count') return cell.value > 0 && cell.value < MIN_CONTRIBUTORS;
  if (cell.contributors <= 0) return false;
  if (cell.contributors < MIN_CONTRIBUTORS) return true;
  return cell.largest.greaterThanOrEqualTo(cell.value.abs().times(DOMINANCE_SHARE));
}

const magnitude = (cell: Cell | undefined) => (cell === undefined ? new Dec(0) : new Dec(cell.value as Decimal | number).abs());

/**
 * The ids of the cells to hide: primary secrecy, then links and relations until nothing changes. Cells named by
 * a relation but absent from the table are taken as hidden and never shown (a total nobody publishes).
 */
export function hiddenCells(table: SecrecyTable): Set<string> {
  const hidden = new Set<string>();
  for (const [id, cell] of table.cells) if (primarySecret(cell)) hidden.add(id);
  const hideable = (id: string, zero = false) => {
    const cell = table.cells.get(id);
    if (cell === undefined || cell.kind === 'public' || hidden.has(id)) return false;
    // A count of 0 is always shown; a sum of 0.00 only as a last resort (a hidden 0.00 would read back as 0).
    return !magnitude(cell).isZero() || (zero && cell.kind === 'sum');
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of table.linked ?? []) {
      if (!group.some((id) => hidden.has(id))) continue;
      for (const id of group) {
        if (hideable(id)) {
          hidden.add(id);
          changed = true;
        }
      }
    }
    for (const relation of table.relations) {
      const members = [relation.total, ...relation.parts];
      const hiddenCount = members.filter((id) => hidden.has(id) || !table.cells.has(id)).length;
      if (hiddenCount !== 1) continue;
      // The smallest non-zero part still shown (stable: the first of equals), else the total, else a zero sum.
      const bySize = (a: string, b: string) => magnitude(table.cells.get(a)).comparedTo(magnitude(table.cells.get(b)));
      const next =
        relation.parts.filter((id) => hideable(id)).sort(bySize)[0] ??
        (hideable(relation.total) ? relation.total : undefined) ??
        relation.parts.find((id) => hideable(id, true)) ??
        (hideable(relation.total, true) ? relation.total : undefined);
      if (next !== undefined) {
        hidden.add(next);
        changed = true;
      }
    }
  }
  return hidden;
}

/** An upper bound of the square root, rounded up, so that a bound built from it stays an upper bound. */
const RoundUp = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_UP });
export function sqrtUp(value: Decimal): Decimal {
  return value.lessThanOrEqualTo(0) ? new Dec(0) : new Dec(new RoundUp(value.toFixed()).sqrt().toFixed());
}
