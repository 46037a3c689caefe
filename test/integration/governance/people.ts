/**
 * Builders for the governance specs: CAEs and people made through the real handlers, so every career path
 * (and so every membership) is one the API itself recorded.
 *
 * Every person is welcomed on 2025-01-02, supported from then, and employed (CESA) from 2025-03-01; an
 * associate joins on `joinedOn` (2025-06-01 by default) and may exit.
 */
import { expect } from 'vitest';
import { handler as createCae } from '../../../functions/caes/createCae.js';
import { handler as becomeAssociate } from '../../../functions/entrepreneurs/becomeAssociate.js';
import { handler as createEntrepreneur } from '../../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as exitEntrepreneur } from '../../../functions/entrepreneurs/exit.js';
import { handler as signContract } from '../../../functions/entrepreneurs/signContract.js';
import { handler as signConvention } from '../../../functions/entrepreneurs/signConvention.js';
import { handler as castVote } from '../../../functions/governance/castVote.js';
import { handler as createAssembly } from '../../../functions/governance/createAssembly.js';
import { handler as getAssembly } from '../../../functions/governance/getAssembly.js';
import { aCae, aPerson } from '../../support/builders.js';
import { admin, entrepreneurOf, event, invoke, staffOf, type TestCaller } from '../../support/events.js';

export const ENTREPRENEUR = '/caes/{caeId}/entrepreneurs/{id}';

export async function newCae(): Promise<string> {
  const reply = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae() }));
  expect(reply.status).toBe(201);
  return reply.body.id;
}

async function step(handler: typeof signContract, route: string, caeId: string, id: string, body: unknown) {
  const reply = await invoke(handler, event(`POST ${ENTREPRENEUR}/${route}`, { caller: staffOf(caeId), pathParameters: { caeId, id }, body }));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** A person under a CESA since 2025-03-01, not an associate. Returns their id. */
export async function anEmployee(caeId: string, person: Record<string, unknown> = {}): Promise<string> {
  const created = await invoke(
    createEntrepreneur,
    event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson(person) }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  await step(signConvention, 'convention', caeId, id, { signedOn: '2025-01-02', startsOn: '2025-01-02', endsOn: '2025-06-30' });
  await step(signContract, 'contract', caeId, id, { signedOn: '2025-03-01', startsOn: '2025-03-01', fixedMonthlyGross: '1800.00' });
  return id;
}

/** Makes an employee an associate from `joinedOn`, with `capital` subscribed. */
export async function join(caeId: string, id: string, joinedOn: string, capital = '100.00') {
  return step(becomeAssociate, 'membership', caeId, id, { effectiveOn: joinedOn, capitalSubscribed: capital });
}

/** Records an exit; `exitOn` is the first day out. */
export async function leave(caeId: string, id: string, exitOn: string) {
  return step(exitEntrepreneur, 'exit', caeId, id, { effectiveOn: exitOn, reason: 'other' });
}

export interface MemberOptions {
  joinedOn?: string;
  capital?: string;
  exitOn?: string;
  firstName?: string;
  lastName?: string;
}

/** An associate from `joinedOn` (2025-06-01), optionally exited on `exitOn`. Returns their id. */
export async function anAssociate(caeId: string, options: MemberOptions = {}): Promise<string> {
  const { joinedOn = '2025-06-01', capital = '100.00', exitOn, ...person } = options;
  const id = await anEmployee(caeId, person);
  await join(caeId, id, joinedOn, capital);
  if (exitOn) await leave(caeId, id, exitOn);
  return id;
}

/** Convenes an assembly (staff) and returns it. */
export async function convene(caeId: string, body: Record<string, unknown> = {}) {
  const reply = await invoke(
    createAssembly,
    event('POST /caes/{caeId}/assemblies', {
      caller: staffOf(caeId),
      pathParameters: { caeId },
      body: { heldOn: '2026-01-15', kind: 'ordinary', resolutions: [{ title: 'Approve the 2025 accounts' }, { title: 'Elect the board' }], ...body },
    }),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** A vote as `caller` (an associate's token by default). */
export function vote(caeId: string, assemblyId: string, voterId: string, body: Record<string, unknown>, caller: TestCaller = entrepreneurOf(caeId, voterId)) {
  return invoke(
    castVote,
    event('POST /caes/{caeId}/assemblies/{assemblyId}/votes', { caller, pathParameters: { caeId, assemblyId }, body }),
  );
}

/** The assembly with its tallies, read by staff. */
export async function tallies(caeId: string, assemblyId: string) {
  const reply = await invoke(getAssembly, event('GET /caes/{caeId}/assemblies/{assemblyId}', { caller: staffOf(caeId), pathParameters: { caeId, assemblyId } }));
  expect(reply.status).toBe(200);
  return reply.body.tallies as { resolutionId: string; for: number; against: number; abstain: number; voters: number; electorate: number; outcome: string }[];
}
