/**
 * History after the fact (docs/domain.md "Recording history after the fact"): a welcome recorded without a date of
 * its own is moved back by a first CAPE or CESA dated before it; a welcome with a date is a fact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import {
  type CareerCommand,
  type CareerPath,
  decide,
  EMPTY_PATH,
  lastDayOfPeriod,
  statusOn,
} from '../../../domain/careerPath/index.js';
import { applied, contract, convention, conventionOptional, exitOn, membership, pathOf, renewal, ruleBroken, welcome } from './builders.js';
import { pathProblems } from './isValidPath.js';

/** The welcome a record created on `createdOn` without welcomedOn gets. */
const undatedWelcome = (createdOn: string): CareerCommand => ({ kind: 'createCandidate', welcomedOn: createdOn, undated: true });

const CREATED = '2026-11-20';
/** The CAE setting the generated paths are recorded under: a CESA may come without a CAPE. */
const ALLOWED = { requireConventionBeforeContract: false };

describe('a first CAPE or CESA before an undated welcome', () => {
  it('a CAPE three years before the record was created is accepted and moves the welcome back to its start', () => {
    const path = pathOf([undatedWelcome(CREATED), convention('2023-01-01', '2023-12-31', '2022-12-15')]);
    expect(path.stages[0]).toMatchObject({ stage: 'candidate', from: '2023-01-01', to: '2022-12-31' });
    expect(path.stages[1]).toMatchObject({ stage: 'supported', from: '2023-01-01', to: '2023-12-31' });
    expect(statusOn(path, '2023-06-01')).toBe('supported');
    expect(statusOn(path, '2022-12-31')).toBe('none');
  });

  it('a CESA before the record, where the CAE allows it without a CAPE, moves the welcome back too', () => {
    const path = pathOf([undatedWelcome(CREATED), contract('2024-03-01')], conventionOptional);
    expect(path.stages[0]).toMatchObject({ stage: 'candidate', from: '2024-03-01' });
    expect(statusOn(path, '2024-03-01')).toBe('employee');
  });

  it('the whole docs/domain.md path, recorded years later, gives the same deadline as when recorded on time', () => {
    const late = pathOf([undatedWelcome(CREATED), convention('2023-01-01', '2023-12-31'), contract('2024-01-01'), membership('2025-06-01')]);
    expect(late.stages.find((s) => s.stage === 'employee')?.details).toMatchObject({ associateDeadline: '2026-01-01' });
    expect(statusOn(late, '2025-06-01')).toBe('associate');
    expect(pathProblems(late, { requireConventionBeforeContract: true })).toEqual([]);
  });

  it('a CAPE after the creation day leaves the welcome where it is', () => {
    const path = pathOf([undatedWelcome(CREATED), convention('2026-12-01', '2027-05-31')]);
    expect(path.stages[0]).toMatchObject({ stage: 'candidate', from: CREATED, to: '2026-11-30' });
  });

  it('moves the welcome only for the first stage after it: a second stage before it is out of order', () => {
    const supported = pathOf([undatedWelcome(CREATED), convention('2023-01-01', '2023-12-31')]);
    expect(ruleBroken(supported, contract('2022-06-01'))).toBe('date-out-of-order');
    const exited = applied(supported, exitOn('2023-03-01'));
    expect(ruleBroken(exited, convention('2023-02-01', '2023-12-31'))).toBe('date-out-of-order');
  });

  it('an exit, a membership or a renewal is never moved before the welcome', () => {
    const path = pathOf([undatedWelcome(CREATED)]);
    expect(ruleBroken(path, exitOn('2024-01-01'))).toBe('date-out-of-order');
    expect(ruleBroken(path, membership('2024-01-01'))).toBe('date-out-of-order');
    expect(ruleBroken(path, renewal('2024-01-01'))).toBe('invalid-transition');
  });

  it('a CAPE signed after it starts, or ending before it starts, is still out of order, and moves nothing', () => {
    const path = pathOf([undatedWelcome(CREATED)]);
    expect(ruleBroken(path, convention('2023-01-01', '2023-12-31', '2023-01-02'))).toBe('date-out-of-order');
    expect(ruleBroken(path, convention('2023-01-01', '2022-12-31'))).toBe('date-out-of-order');
    expect(path.stages[0]?.from).toBe(CREATED);
  });

  it('the rules of the path still apply to a stage moved back: a 13-month CAPE, a CESA without CAPE, a long trial', () => {
    const path = pathOf([undatedWelcome(CREATED)]);
    expect(ruleBroken(path, convention('2023-01-01', '2024-01-01'))).toBe('convention-too-long');
    expect(ruleBroken(path, contract('2023-01-01'))).toBe('convention-required');
    const supported = applied(path, convention('2023-01-01', '2023-06-30'));
    expect(ruleBroken(supported, contract('2023-07-01', { trialMonths: 3 }))).toBe('trial-period-too-long');
  });
});

describe('a welcome with a date of its own', () => {
  it('refuses a first CAPE or CESA before it, as any stage before the stage in force', () => {
    const path = pathOf([welcome(CREATED)]);
    expect(ruleBroken(path, convention('2023-01-01', '2023-12-31'))).toBe('date-out-of-order');
    expect(ruleBroken(path, contract('2023-01-01'), conventionOptional)).toBe('date-out-of-order');
  });

  it('records no undated mark on the welcome', () => {
    expect(pathOf([welcome(CREATED)]).stages[0]?.details).toEqual({ cause: 'welcomed' });
    expect(pathOf([undatedWelcome(CREATED)]).stages[0]?.details).toEqual({ cause: 'welcomed', undated: true });
  });
});

/**
 * A valid path as dated commands, in order: a CAPE (maybe renewed) and/or a CESA (maybe without CAPE), maybe
 * membership, maybe an exit.
 */
const validPath = fc
  .record({
    start: fc.integer({ min: 0, max: 3000 }),
    cape: fc.option(fc.record({ months: fc.integer({ min: 1, max: 12 }), renewedMonths: fc.option(fc.integer({ min: 1, max: 12 })) })),
    cesaAfter: fc.option(fc.integer({ min: 0, max: 200 })),
    memberAfter: fc.option(fc.integer({ min: 0, max: 300 })),
    exitAfter: fc.option(fc.integer({ min: 1, max: 400 })),
  })
  // A path starts with a CAPE or a CESA: an exit or a membership first is not a path.
  .filter(({ cape, cesaAfter }) => cape !== null || cesaAfter !== null)
  .map(({ start, cape, cesaAfter, memberAfter, exitAfter }) => {
    const commands: CareerCommand[] = [];
    let date = addDays('2015-01-01', start);
    let capeEnd: string | undefined;
    if (cape) {
      capeEnd = lastDayOfPeriod(date, cape.months);
      commands.push(convention(date, capeEnd));
      if (cape.renewedMonths !== null) {
        capeEnd = lastDayOfPeriod(addDays(capeEnd, 1), cape.renewedMonths);
        commands.push(renewal(capeEnd));
      }
    }
    let employed = false;
    if (cesaAfter !== null) {
      // A CESA inside the CAPE or the day after it ends: the CAPE counts, and leaves time to become associate.
      const from = capeEnd ? addDays(date, 1 + (cesaAfter % Math.max(1, daysIn(date, capeEnd)))) : addDays(date, cesaAfter);
      commands.push(contract(from));
      date = from;
      employed = true;
    }
    if (employed && memberAfter !== null) {
      date = addDays(date, memberAfter);
      commands.push(membership(date));
    }
    if (exitAfter !== null) {
      date = addDays(capeEnd && !employed ? capeEnd : date, exitAfter % 30);
      commands.push(exitOn(date));
    }
    return { commands, first: firstDate(commands) };
  });

function daysIn(from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to && n < 400; d = addDays(d, 1)) n += 1;
  return n;
}

function firstDate(commands: readonly CareerCommand[]): string {
  const first = commands[0] as CareerCommand;
  if (first.kind === 'signConvention' || first.kind === 'signContract') return first.startsOn;
  return '2015-01-01';
}

function lastDate(commands: readonly CareerCommand[]): string {
  let last = '0000-01-01';
  for (const c of commands) {
    const d = c.kind === 'signConvention' || c.kind === 'signContract' ? c.startsOn : c.kind === 'becomeAssociate' || c.kind === 'exit' ? c.effectiveOn : undefined;
    if (d && d > last) last = d;
  }
  return last;
}

function record(commands: readonly CareerCommand[], createdOn: string, undated: boolean, settings = conventionOptional) {
  let path: CareerPath = applied(EMPTY_PATH, { kind: 'createCandidate', welcomedOn: createdOn, undated }, settings);
  const outcomes: string[] = [];
  for (const command of commands) {
    const decision = decide(path, command, settings);
    outcomes.push(decision.ok ? 'accepted' : decision.violations[0].id);
    if (decision.ok) path = decision.value;
  }
  return { path, outcomes };
}

describe('history after the fact, for any path and any today', () => {
  it('a valid path recorded stage by stage, in order, without welcomedOn, is accepted whatever day the record was created', () => {
    fc.assert(
      fc.property(validPath, fc.integer({ min: 0, max: 4000 }), ({ commands }, daysAfter) => {
        // The record is created on any day on or after the last stage: the path is history by then.
        const today = addDays(lastDate(commands), daysAfter);
        const { path, outcomes } = record(commands, today, true);
        expect(outcomes.every((o) => o === 'accepted'), JSON.stringify({ commands, outcomes })).toBe(true);
        expect(pathProblems(path, ALLOWED)).toEqual([]);
        // The welcome moved back to the first stage, and the statuses are those of the same path recorded on time.
        const onTime = record(commands, firstDate(commands), false).path;
        for (let d = firstDate(commands); d <= today; d = addDays(d, 97)) expect(statusOn(path, d)).toBe(statusOn(onTime, d));
      }),
      { numRuns: 300 },
    );
  });

  it('with welcomedOn after the first stage, the same path is refused at its first stage and nothing is recorded', () => {
    fc.assert(
      fc.property(validPath, fc.integer({ min: 1, max: 2000 }), ({ commands, first }, daysAfter) => {
        const { path, outcomes } = record(commands.slice(0, 1), addDays(first, daysAfter), false);
        expect(outcomes).toEqual(['date-out-of-order']);
        expect(path.stages).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('recorded in any other order, a path is refused at some stage and what is recorded stays a valid path', () => {
    fc.assert(
      fc.property(
        validPath.filter(({ commands }) => commands.filter((c) => c.kind !== 'renewConvention').length >= 2),
        fc.integer({ min: 0, max: 4000 }),
        fc.boolean(),
        (scenario, daysAfter, undated) => {
          const dated = scenario.commands.filter((c) => c.kind !== 'renewConvention');
          // The latest stage recorded first: every earlier one is then out of order.
          const shuffled = [dated.at(-1) as CareerCommand, ...dated.slice(0, -1)];
          const { path, outcomes } = record(shuffled, addDays(lastDate(dated), daysAfter), undated);
          expect(outcomes.some((o) => o !== 'accepted')).toBe(true);
          expect(pathProblems(path, ALLOWED)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
