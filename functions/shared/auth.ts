/**
 * Who is calling, from the verified token only. API Gateway's JWT authorizer (AWS) or the local adapter
 * (infra/local) has verified the signature; the claims arrive as Cognito names them (`custom:role`, ...).
 * The tenant always comes from here, never from the body.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { systemNow } from './clock.js';
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

type Claims = Record<string, unknown>;

/** Ids are ULIDs (validation.ts `id`): a claim of any other shape could name no CAE and no person. */
const ID_CLAIM = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** Cognito's sub is a UUID; local tokens use short names. Never a space, a bracket or a control character. */
const SUB_CLAIM = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
/** The shape of a territory code (`france`, `departement:69`...); whether it exists is the reports' business. */
const TERRITORY = /^(france|[a-z]+:[0-9A-Za-z]{1,12})$/;
/** API Gateway's HTTP API renders an array claim as `[a b c]`: one space between elements, none around. */
const BRACKETED_LIST = /^\[([^\s[\]]+(?: [^\s[\]]+)*)\]$/;

const refuse = (detail: string) => new Unauthenticated(detail);

/**
 * A claim as API Gateway hands it: a string (it renders numbers and arrays as strings), under its Cognito name.
 * Absent is undefined; present with any other type or shape is a 401: a token is never half understood.
 */
function stringClaim(claims: Claims, name: string, shape: RegExp): string | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !shape.test(value)) throw refuse(`The token's ${name} claim is not valid.`);
  return value;
}

/**
 * `custom:territories`: a Cognito attribute is a string, the territories comma-separated ("departement:69,region:84");
 * an array claim reaches the handler as API Gateway renders it ("[departement:69 region:84]"). Every element
 * must be a territory code; anything else (a JSON array, spaces, empty elements) is a 401.
 */
function territoriesOf(claims: Claims): string[] {
  const raw = claims['custom:territories'];
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string') throw refuse("The token's custom:territories claim is not valid.");
  const bracketed = BRACKETED_LIST.exec(raw);
  const items = bracketed ? (bracketed[1] as string).split(' ') : raw.split(',');
  if (!items.every((t) => TERRITORY.test(t))) throw refuse("The token's custom:territories claim is not valid.");
  return items;
}

/** `exp` is required (a token that never expires is refused), in seconds, as a number or as API Gateway's string. */
function requireUnexpired(claims: Claims): void {
  const exp = claims.exp;
  const seconds = typeof exp === 'number' ? exp : typeof exp === 'string' && /^\d{1,12}$/.test(exp) ? Number(exp) : Number.NaN;
  if (!Number.isSafeInteger(seconds)) throw refuse('The token carries no valid expiry.');
  // Expiry is judged on real time: the business clock may be set to another day (tests, CAE_LOCAL_TODAY).
  if (seconds * 1000 <= systemNow().getTime()) throw refuse('The token has expired.');
}

/**
 * Reads the caller from the event, or 401 when the authorizer gave no usable claims. The claims must have their
 * types (role one of ROLES; caeId, entrepreneurId ids; territories codes) and `exp` must be set and in the future,
 * whatever the authorizer already checked: the handler trusts no claim it does not understand.
 */
export function callerOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims || typeof claims !== 'object') throw new Unauthenticated('A bearer token is required.');
  requireUnexpired(claims);
  const sub = stringClaim(claims, 'sub', SUB_CLAIM);
  const role = claims['custom:role'];
  if (!sub || typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new Unauthenticated('The token carries no known role.');
  }
  const caller: Caller = { sub, role: role as Role, territories: territoriesOf(claims) };
  const caeId = stringClaim(claims, 'custom:caeId', ID_CLAIM);
  const entrepreneurId = stringClaim(claims, 'custom:entrepreneurId', ID_CLAIM);
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
