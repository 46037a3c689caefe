/** French number and date formats of the printed payslip, from the decimal strings the payslip stores. */
import { Dec } from '../../../domain/money.js';

/** "1234.5" → "1 234,50" (an ordinary space between thousands: every font and text extractor has it). */
export function euros(value: string): string {
  const d = new Dec(value).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const [int, frac] = d.abs().toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${d.isNegative() ? '-' : ''}${grouped},${frac}`;
}

/** A rate as a percentage with at least 2 decimals: "0.069" → "6,90", "0.00545" → "0,545", "" → "". */
export function percent(rate: string): string {
  if (rate === '') return '';
  const p = new Dec(rate).times(100);
  const decimals = Math.max(2, Math.min(4, p.decimalPlaces()));
  return p.toFixed(decimals).replace('.', ',');
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2025-07" → "juillet 2025". */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/** "2025-07" → ["01/07/2025", "31/07/2025"]. */
export function periodOf(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return [`01/${mm}/${y}`, `${last}/${mm}/${y}`];
}
