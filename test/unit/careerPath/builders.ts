/** Small builders for the career-path specs. */
import {
  type CareerCommand,
  type CareerPath,
  type CareerPathContext,
  type CareerRule,
  decide,
  EMPTY_PATH,
} from '../../../domain/careerPath/index.js';

/** Applies commands in order from an empty path; throws on the first refusal (a builder, not a spec). */
export function pathOf(commands: readonly CareerCommand[], context?: CareerPathContext): CareerPath {
  let path = EMPTY_PATH;
  for (const command of commands) {
    const decision = decide(path, command, context);
    if (!decision.ok) {
      throw new Error(`builder: ${command.kind} refused: ${decision.violations[0].id} (${decision.violations[0].message})`);
    }
    path = decision.value;
  }
  return path;
}

/** The rule a command breaks on this path, or 'accepted'. */
export function ruleBroken(path: CareerPath, command: CareerCommand, context?: CareerPathContext): CareerRule | 'accepted' {
  const decision = decide(path, command, context);
  return decision.ok ? 'accepted' : decision.violations[0].id;
}

/** The path a command yields; throws when it is refused. */
export function applied(path: CareerPath, command: CareerCommand, context?: CareerPathContext): CareerPath {
  const decision = decide(path, command, context);
  if (!decision.ok) throw new Error(`${command.kind} refused: ${decision.violations[0].id}`);
  return decision.value;
}

export const welcome = (welcomedOn: string): CareerCommand => ({ kind: 'createCandidate', welcomedOn });

export const convention = (startsOn: string, endsOn: string, signedOn = startsOn): CareerCommand => ({
  kind: 'signConvention',
  signedOn,
  startsOn,
  endsOn,
});

export const renewal = (endsOn: string): CareerCommand => ({ kind: 'renewConvention', endsOn });

export const contract = (
  startsOn: string,
  options: { signedOn?: string; fixedMonthlyGross?: string; trialMonths?: number } = {},
): CareerCommand => ({
  kind: 'signContract',
  signedOn: options.signedOn ?? startsOn,
  startsOn,
  fixedMonthlyGross: options.fixedMonthlyGross ?? '1801.80',
  ...(options.trialMonths === undefined ? {} : { trialMonths: options.trialMonths }),
});

export const membership = (effectiveOn: string, capitalSubscribed = '100.00'): CareerCommand => ({
  kind: 'becomeAssociate',
  effectiveOn,
  capitalSubscribed,
});

export const exitOn = (effectiveOn: string, reason = 'company_created'): CareerCommand => ({
  kind: 'exit',
  effectiveOn,
  reason,
});

/** docs/domain.md's example: welcomed 2022-12-01, CAPE 2023-01-01 → 2023-12-31, CESA from 2024-01-01. */
export const domainExample: readonly CareerCommand[] = [
  welcome('2022-12-01'),
  convention('2023-01-01', '2023-12-31'),
  contract('2024-01-01'),
];

/** Allows CESA without CAPE. */
export const conventionOptional: CareerPathContext = { requireConventionBeforeContract: false };
