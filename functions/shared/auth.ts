/**
 * Who is calling, from the verified token only. API Gateway's JWT authorizer (AWS) or the local adapter
 * (infra/local) has verified the signature; the claims arrive as Cognito names them (`custom:role`, ...).
 * The tenant always comes from here, never from the body.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Forbidden, NotFound, Unauthenticated } from './errors.js';

export const ROLES = ['federation_admin', 'cae_staff', 'entrepreneur', 'funder'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  sub: string;
  role: Role;
  caeId?: string;
  entrepreneurId?: string;
  /** Funder territories, e.g. `departement:69`. */
  territories: string[];
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

function claimString(claims: Claims, name: string): string | undefined {
  const value = claims[`custom:${name}`] ?? claims[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Cognito custom attributes are strings, and API Gateway flattens array claims to "[a b]": territories
 * travel as a comma-separated string; an array is accepted too.
 */
function territoriesOf(claims: Claims): string[] {
  const raw = claims['custom:territories'] ?? claims.territories;
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .filter((t) => t.length > 0);
}

/** Reads the caller from the event, or 401 when the authorizer gave no usable claims. */
export function callerOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims) throw new Unauthenticated('A bearer token is required.');
  const sub = claimString(claims, 'sub');
  const role = claimString(claims, 'role');
  if (!sub || !role || !(ROLES as readonly string[]).includes(role)) {
    throw new Unauthenticated('The token carries no known role.');
  }
  const caller: Caller = { sub, role: role as Role, territories: territoriesOf(claims) };
  const caeId = claimString(claims, 'caeId');
  const entrepreneurId = claimString(claims, 'entrepreneurId');
  if (caeId) caller.caeId = caeId;
  if (entrepreneurId) caller.entrepreneurId = entrepreneurId;
  if ((caller.role === 'cae_staff' || caller.role === 'entrepreneur') && !caller.caeId) {
    throw new Unauthenticated('The token names no CAE.');
  }
  if (caller.role === 'entrepreneur' && !caller.entrepreneurId) {
    throw new Unauthenticated('The token names no entrepreneur.');
  }
  return caller;
}

/** 403 unless the caller's role is one the route allows. */
export function requireRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw new Forbidden(`The role ${caller.role} may not do this.`);
}

/**
 * Confines a request to the caller's tenant. Another CAE's id is a 404, exactly like an id that does not
 * exist, so that ids leak nothing.
 */
export function requireCae(caller: Caller, caeId: string): void {
  if (caller.role === 'federation_admin') return;
  if (caller.caeId !== caeId) throw new NotFound(`No CAE ${caeId}.`);
}

/** An entrepreneur reaches only their own record; staff and admins any record of their scope. */
export function requireEntrepreneur(caller: Caller, caeId: string, entrepreneurId: string): void {
  requireCae(caller, caeId);
  if (caller.role === 'entrepreneur' && caller.entrepreneurId !== entrepreneurId) {
    throw new NotFound(`No entrepreneur ${entrepreneurId}.`);
  }
}
