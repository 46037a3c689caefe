/**
 * The month a scheduled run pays, derived from the schedule's own time (never from the clock), so that a
 * retry or a redrive pays the same month: the schedule fires on the 1st of a month in Europe/Paris and pays
 * the month before.
 */
import { previousMonth } from '../../../domain/calendar.js';

const parisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });

export function monthToPay(scheduledTime: string): string {
  const instant = new Date(scheduledTime);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a timestamp: ${scheduledTime}`);
  return previousMonth(parisMonth.format(instant).slice(0, 7));
}
