/**
 * Payroll throughput on one core: payslips a second, forward (gross → every line) and inverse (employer-cost
 * budget → the largest gross that fits, and net → gross), for our engine and for the same kind of cases
 * through modele-social (publicodes) in the same run, and the ratio. Targets (issue 4): ≥ 20,000 forward and
 * ≥ 4,000 inverse payslips a second, about 1,000 times modele-social. Prints figures, asserts nothing.
 *
 * `npx tsx test/bench/payroll.ts`, or `main()` from a bench runner.
 */
import { pathToFileURL } from 'node:url';
import { Dec } from '../../domain/money.js';
import { computePayslip, grossForEmployerCost, grossForNet } from '../../domain/payroll/index.js';
import { referenceInversion, referencePayslip } from '../reference/modeleSocial.js';

interface Case {
  date: string;
  weeklyHours: number;
  headcount: number;
  amount: string;
}

const DATES = ['2025-03-15', '2025-09-15', '2026-02-15', '2026-07-15'];
const HOURS = [35, 24, 17.5];
const HEADCOUNTS = [5, 20, 50, 250];

function cases(count: number, seed: number, min: number, max: number): Case[] {
  let x = seed >>> 0;
  const random = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
  return Array.from({ length: count }, (_, i) => ({
    date: DATES[i % DATES.length] as string,
    weeklyHours: HOURS[Math.floor(random() * HOURS.length)] as number,
    headcount: HEADCOUNTS[Math.floor(random() * HEADCOUNTS.length)] as number,
    amount: new Dec(min).plus(new Dec(random()).times(max - min)).toDecimalPlaces(2).toFixed(2),
  }));
}

/** Runs `run` over the cases, cycling, for at least `seconds`; returns cases per second. */
function rate(all: Case[], seconds: number, run: (c: Case) => unknown): number {
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    run(all[done % all.length] as Case);
    done += 1;
    elapsed = performance.now() - start;
  }
  return (done / elapsed) * 1000;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

export async function main(): Promise<void> {
  const forward = cases(2000, 1, 300, 15000);
  const budgets = cases(2000, 2, 500, 20000);
  const nets = cases(2000, 3, 300, 11000);
  const settings = (c: Case) => ({ headcount: c.headcount });

  // warm-up: compile the plans and let the JIT settle
  rate(forward, 0.3, (c) => computePayslip({ date: c.date, gross: c.amount, weeklyHours: String(c.weeklyHours), settings: settings(c) }));
  rate(budgets, 0.3, (c) => grossForEmployerCost({ date: c.date, budget: c.amount, weeklyHours: String(c.weeklyHours), settings: settings(c) }));

  const oursForward = rate(forward, 2, (c) =>
    computePayslip({ date: c.date, gross: c.amount, weeklyHours: String(c.weeklyHours), settings: settings(c) }),
  );
  const oursInverse = rate(budgets, 2, (c) =>
    grossForEmployerCost({ date: c.date, budget: c.amount, weeklyHours: String(c.weeklyHours), settings: settings(c) }),
  );
  const oursNet = rate(nets, 2, (c) =>
    grossForNet({ date: c.date, net: c.amount, weeklyHours: String(c.weeklyHours), settings: settings(c) }),
  );

  // modele-social: one engine per version, built before timing (as a long-running service would)
  referencePayslip({ date: '2025-03-15', weeklyHours: 35, headcount: 5, gross: '2000' });
  referencePayslip({ date: '2026-02-15', weeklyHours: 35, headcount: 5, gross: '2000' });
  const refForward = rate(forward, 3, (c) =>
    referencePayslip({ date: c.date, weeklyHours: c.weeklyHours, headcount: c.headcount, gross: c.amount }),
  );
  const refInverse = rate(budgets, 3, (c) =>
    referenceInversion({ date: c.date, weeklyHours: c.weeklyHours, headcount: c.headcount, budget: c.amount }),
  );

  console.log('payroll: payslips per second, one core (node', process.version, ')');
  console.log(
    `  forward  (gross → payslip)        ours ${fmt(oursForward)}/s   modele-social ${fmt(refForward)}/s   ratio ×${fmt(oursForward / refForward)}   target ≥ 20,000/s`,
  );
  console.log(
    `  inverse  (employer cost → gross)  ours ${fmt(oursInverse)}/s   modele-social ${fmt(refInverse)}/s   ratio ×${fmt(oursInverse / refInverse)}   target ≥ 4,000/s`,
  );
  console.log(`  inverse  (net → gross)            ours ${fmt(oursNet)}/s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
