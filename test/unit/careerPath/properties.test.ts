/**
 * Property tests: random sequences of commands with random dates, many of them refused. Dates are drawn
 * relative to the path as it stands (the current stage's start, the CAPE's end, the associate deadline), so
 * that sequences reach every stage and land on both sides of every limit instead of being refused at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import {
  associateDeadline,
  CAREER_RULES,
  type CareerCommand,
  type CareerPath,
  type CareerRule,
  decide,
  EMPTY_PATH,
  lastDayOfPeriod,
  statusOn,
  timeline,
} from '../../../domain/careerPath/index.js';
import { expectedStatus, pathProblems } from './isValidPath.js';

const BASE = '2020-01-01';

/** A command whose dates are offsets, resolved against the path when it is applied. */
type Template =
  | { kind: 'welcome'; offset: number }
  | { kind: 'convention'; offset: number; months: number; delta: number; signedBefore: number }
  | { kind: 'renewal'; months: number; delta: number }
  | { kind: 'contract'; offset: number; signedBefore: number; trialMonths: number; gross: string }
  | { kind: 'membership'; fromDeadline: boolean; offset: number; capital: string }
  | { kind: 'exit'; offset: number; reason: string };

const offset = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -60, max: 1200 }));

const template: fc.Arbitrary<Template> = fc.oneof(
  fc.record({ kind: fc.constant('welcome' as const), offset }),
  fc.record({
    kind: fc.constant('convention' as const),
    offset,
    months: fc.integer({ min: 0, max: 13 }),
    delta: fc.integer({ min: -2, max: 2 }),
    signedBefore: fc.oneof(fc.constant(0), fc.integer({ min: -3, max: 30 })),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('renewal' as const),
      months: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 25 })),
      delta: fc.integer({ min: -2, max: 2 }),
    }),
  },
  fc.record({
    kind: fc.constant('contract' as const),
    offset,
    signedBefore: fc.oneof(fc.constant(0), fc.integer({ min: -3, max: 30 })),
    trialMonths: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 })),
    gross: fc.constantFrom('1801.80', '0.00', '2500', '1200.5', '-1.00', '1000.001'),
  }),
  fc.record({
    kind: fc.constant('membership' as const),
    fromDeadline: fc.boolean(),
    offset,
    capital: fc.constantFrom('100.00', '25.50', '0.00', '50'),
  }),
  fc.record({
    kind: fc.constant('exit' as const),
    offset,
    reason: fc.constantFrom('company_created', 'salaried_job', 'training', 'stopped', 'other', 'associate_deadline', 'retired'),
  }),
);

function anchorOf(path: CareerPath): string {
  return path.stages.at(-1)?.from ?? BASE;
}

function resolve(path: CareerPath, t: Template): CareerCommand {
  const anchor = anchorOf(path);
  switch (t.kind) {
    case 'welcome':
      return { kind: 'createCandidate', welcomedOn: addDays(anchor, t.offset) };
    case 'convention': {
      const startsOn = addDays(anchor, t.offset);
      const endsOn = addDays(lastDayOfPeriod(startsOn, t.months), t.delta);
      return { kind: 'signConvention', signedOn: addDays(startsOn, -t.signedBefore), startsOn, endsOn };
    }
    case 'renewal': {
      const last = path.stages.at(-1);
      const currentEnd = last?.stage === 'supported' ? last.details.endsOn : addDays(anchor, 100);
      return { kind: 'renewConvention', endsOn: addDays(lastDayOfPeriod(addDays(currentEnd, 1), t.months), t.delta) };
    }
    case 'contract': {
      const startsOn = addDays(anchor, t.offset);
      return {
        kind: 'signContract',
        signedOn: addDays(startsOn, -t.signedBefore),
        startsOn,
        fixedMonthlyGross: t.gross,
        trialMonths: t.trialMonths,
      };
    }
    case 'membership': {
      const deadline = associateDeadline(path);
      const from = t.fromDeadline && deadline ? deadline : anchor;
      return {
        kind: 'becomeAssociate',
        effectiveOn: addDays(from, t.fromDeadline ? Math.max(-3, Math.min(3, t.offset)) : t.offset),
        capitalSubscribed: t.capital,
      };
    }
    case 'exit':
      return { kind: 'exit', effectiveOn: addDays(anchor, t.offset), reason: t.reason };
  }
}

/** The date a dated command takes effect on; undefined for a renewal. */
function dateOf(command: CareerCommand): string | undefined {
  switch (command.kind) {
    case 'createCandidate':
      return command.welcomedOn;
    case 'signConvention':
    case 'signContract':
      return command.startsOn;
    case 'becomeAssociate':
    case 'exit':
      return command.effectiveOn;
    case 'renewConvention':
      return undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface Step {
  readonly before: CareerPath;
  readonly command: CareerCommand;
  readonly outcome: CareerRule | 'accepted';
  readonly after: CareerPath;
}

/** Runs a sequence: a welcome first (most of the time), then the templates; refused commands change nothing. */
function run(templates: readonly Template[], settings: { requireConventionBeforeContract: boolean }): Step[] {
  const steps: Step[] = [];
  let path = EMPTY_PATH;
  for (const t of templates) {
    const command = resolve(path, t);
    deepFreeze(path);
    const decision = decide(path, command, settings);
    const after = decision.ok ? decision.value : path;
    steps.push({ before: path, command, outcome: decision.ok ? 'accepted' : decision.violations[0].id, after });
    path = after;
  }
  return steps;
}

const scenario = fc.record({
  settings: fc.record({ requireConventionBeforeContract: fc.boolean() }),
  templates: fc
    .tuple(fc.integer({ min: -400, max: 400 }), fc.array(template, { minLength: 1, maxLength: 14 }))
    .map(([welcomeOffset, rest]): Template[] => [{ kind: 'welcome', offset: welcomeOffset }, ...rest]),
});

const RUNS = { numRuns: 400 };

describe('career path properties', () => {
  it('no sequence of commands yields a path the rules forbid', () => {
    fc.assert(
      fc.property(scenario, ({ settings, templates }) => {
        for (const step of run(templates, settings)) {
          expect(pathProblems(step.after, settings), JSON.stringify(step, null, 1)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('a command never changes the path it is given, and a refusal names a known rule', () => {
    fc.assert(
      fc.property(scenario, ({ settings, templates }) => {
        // run() deep-freezes every path it hands to decide: a mutation would throw here.
        for (const step of run(templates, settings)) {
          if (step.outcome !== 'accepted') expect(Object.keys(CAREER_RULES)).toContain(step.outcome);
        }
      }),
      RUNS,
    );
  });

  it('an accepted command keeps the history: earlier stages are unchanged, the current one is only ended or renewed', () => {
    fc.assert(
      fc.property(scenario, ({ settings, templates }) => {
        for (const { before, after, outcome, command } of run(templates, settings)) {
          if (outcome !== 'accepted' || before.stages.length === 0) continue;
          const kept = before.stages.length - 1;
          expect(after.stages.slice(0, kept)).toEqual(before.stages.slice(0, kept));
          const { to: _before, ...current } = before.stages[kept] as (typeof before.stages)[number];
          const { to: _after, ...same } = after.stages[kept] as (typeof after.stages)[number];
          if (command.kind === 'renewConvention') expect(after.stages).toHaveLength(before.stages.length);
          else expect(same).toEqual(current);
        }
      }),
      RUNS,
    );
  });

  it('an accepted dated command changes no status before its date', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: -800, max: 0 }), { minLength: 1, maxLength: 8 }), (s, back) => {
        for (const { before, after, outcome, command } of run(s.templates, s.settings)) {
          const date = dateOf(command);
          if (outcome !== 'accepted' || date === undefined) continue;
          for (const days of back) {
            const day = addDays(date, days - 1);
            expect(statusOn(after, day)).toBe(statusOn(before, day));
          }
        }
      }),
      RUNS,
    );
  });

  it('status on any date is the stage whose interval contains the date', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: -500, max: 4000 }), { minLength: 1, maxLength: 20 }), (s, offsets) => {
        const steps = run(s.templates, s.settings);
        const path = steps.at(-1)?.after ?? EMPTY_PATH;
        const first = path.stages[0]?.from ?? BASE;
        for (const days of offsets) {
          const date = addDays(first, days);
          expect(statusOn(path, date)).toBe(expectedStatus(path, date));
        }
      }),
      RUNS,
    );
  });

  it('the timeline partitions time: every date after the first stage lies in exactly one stage', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 20 }), (s, offsets) => {
        const path = run(s.templates, s.settings).at(-1)?.after ?? EMPTY_PATH;
        const stages = timeline(path);
        const first = stages[0];
        if (!first) return;
        for (const days of offsets) {
          const date = addDays(first.from, days);
          const containing = stages.filter((st) => st.from <= date && (st.to === undefined || date <= st.to));
          expect(containing).toHaveLength(1);
          expect(statusOn(path, date)).toBe(containing[0]?.stage);
        }
      }),
      RUNS,
    );
  });

  it('the generated sequences reach every stage and break every rule (the properties above are not vacuous)', () => {
    const outcomes = new Set<string>();
    const statuses = new Set<string>();
    for (const s of fc.sample(scenario, { numRuns: 3000, seed: 42 })) {
      for (const step of run(s.templates, s.settings)) {
        outcomes.add(step.outcome);
        for (const stage of step.after.stages) statuses.add(stage.stage === 'exited' ? `exited:${stage.reason}` : stage.stage);
        const last = step.after.stages.at(-1);
        if (last?.stage === 'supported') {
          // A CAPE that ran out, seen later: the timeline says candidate again.
          statuses.add(`lapse:${statusOn(step.after, addDays(last.details.endsOn, 1))}`);
        }
      }
    }
    expect([...outcomes].sort()).toEqual([...Object.keys(CAREER_RULES), 'accepted'].sort());
    for (const status of ['candidate', 'supported', 'employee', 'associate', 'exited:associate_deadline', 'exited:company_created']) {
      expect(statuses).toContain(status);
    }
  });
});
