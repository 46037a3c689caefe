/**
 * The caller, from the claims as API Gateway's HTTP API JWT authorizer hands them to the handler: every claim a
 * string (numbers and arrays rendered as strings, an array as "[a b]"), custom attributes under `custom:`.
 * A claim of the wrong type or shape, or a missing or past `exp`, is a 401: a token is never half understood.
 */
import { describe, expect, it } from 'vitest';
import { callerOf } from '../../../functions/shared/auth.js';
import { Unauthenticated } from '../../../functions/shared/errors.js';

const CAE = '01J00000000000000000000000';
const PERSON = '01J00000000000000000000001';
const inAnHour = () => String(Math.floor(Date.now() / 1000) + 3600);

function withClaims(claims: Record<string, unknown>) {
  return { requestContext: { authorizer: { jwt: { claims, scopes: [] } } } } as never;
}

const funder = (territories: unknown) => ({ sub: 'f', exp: inAnHour(), 'custom:role': 'funder', 'custom:territories': territories });
const entrepreneur = (overrides: Record<string, unknown> = {}) => ({
  sub: 'e',
  exp: inAnHour(),
  'custom:role': 'entrepreneur',
  'custom:caeId': CAE,
  'custom:entrepreneurId': PERSON,
  ...overrides,
});

function expect401(claims: Record<string, unknown>) {
  expect(() => callerOf(withClaims(claims))).toThrow(Unauthenticated);
}

describe('well-typed claims', () => {
  it('give the caller, tenant and person included', () => {
    expect(callerOf(withClaims(entrepreneur()))).toEqual({ sub: 'e', role: 'entrepreneur', caeId: CAE, entrepreneurId: PERSON, territories: [] });
  });

  it('accept exp as API Gateway renders it (a string) or as a number', () => {
    expect(callerOf(withClaims(entrepreneur({ exp: Number(inAnHour()) }))).role).toBe('entrepreneur');
  });

  it.each([
    ['a Cognito attribute, comma-separated', 'departement:69,region:84', ['departement:69', 'region:84']],
    ['one territory', 'departement:69', ['departement:69']],
    ['an array claim as API Gateway renders it', '[departement:69 region:84]', ['departement:69', 'region:84']],
    ['a one-element array claim as API Gateway renders it', '[france]', ['france']],
  ])('read territories from %s', (_, raw, territories) => {
    expect(callerOf(withClaims(funder(raw))).territories).toEqual(territories);
  });
});

describe('claims of the wrong type or shape are a 401', () => {
  it.each([
    ['a role rendered from a one-element array', { 'custom:role': '[federation_admin]' }],
    ['a role that is an array', { 'custom:role': ['federation_admin'] }],
    ['a role outside the enum', { 'custom:role': 'superuser' }],
    ['a caeId rendered from an array', { 'custom:caeId': `[${CAE}]` }],
    ['a caeId that is a number', { 'custom:caeId': 42 }],
    ['a caeId that is not an id', { 'custom:caeId': 'CAE#other' }],
    ['an entrepreneurId rendered from an array', { 'custom:entrepreneurId': `[${PERSON} ${CAE}]` }],
    ['an entrepreneurId that is an array', { 'custom:entrepreneurId': [PERSON] }],
    ['a sub that is empty', { sub: '' }],
    ['a sub rendered from an array', { sub: '[a b]' }],
    ['no exp', { exp: undefined }],
    ['an exp in the past', { exp: String(Math.floor(Date.now() / 1000) - 1) }],
    ['an exp that is not a number', { exp: 'tomorrow' }],
    ['an exp that is a fraction', { exp: `${inAnHour()}.5` }],
  ])('%s', (_, overrides) => {
    expect401(entrepreneur(overrides));
  });

  it.each([
    ['a JSON array in a string', '["departement:69"]'],
    ['an array value', ['departement:69']],
    ['two spaces between elements', '[departement:69  region:84]'],
    ['spaces without brackets', 'departement:69 region:84'],
    ['an empty element', 'departement:69,,region:84'],
    ['a trailing comma', 'departement:69,'],
    ['an empty rendered array', '[]'],
    ['something that is no territory code', 'departement 69'],
    ['a number', 69],
  ])('territories as %s', (_, raw) => {
    expect401(funder(raw));
  });

  it('reads custom attributes only under their Cognito names (a bare role claim is no role)', () => {
    expect401({ sub: 'x', exp: inAnHour(), role: 'federation_admin' });
  });
});
