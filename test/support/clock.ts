/**
 * Tests that need a particular today set it through the business clock (functions/shared/clock.ts), never by
 * patching Date: the handlers, the local server and the local payroll workflow all run in the test's process
 * and read that clock, while timers, tokens and dynalite keep real time.
 */
import { afterAll, beforeAll } from 'vitest';
import { setClock } from '../../functions/shared/clock.js';

/** Runs every test of the calling file (or describe block) as if today were `day`, then puts the clock back. */
export function runAsOf(day: string): void {
  beforeAll(() => setClock(day));
  afterAll(() => setClock(undefined));
}
