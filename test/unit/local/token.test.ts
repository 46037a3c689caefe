/**
 * `npm run token` (scripts/token.ts): the claims a command line asks for, the refusals that name the option at
 * fault, and a printed token that the local server's verification accepts with those claims.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/aws/paths.js';
import { DEFAULT_LOCAL_SECRET, verifyLocalToken } from '../../../infra/local/tokens.js';
import { claimsFromArgs, TokenUsageError } from '../../../scripts/token.js';

const CAE = '01J0000000000000000000CAE1';
const ENTREPRENEUR = '01J00000000000000000000ENT';

function refusal(args: string[]): string {
  try {
    claimsFromArgs(args);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenUsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
}

describe('claimsFromArgs', () => {
  it('gives a federation admin a role and nothing else', () => {
    expect(claimsFromArgs(['--role', 'federation_admin'])).toEqual({ sub: 'local-federation_admin', role: 'federation_admin' });
  });

  it("gives staff their CAE, and an entrepreneur their CAE and their own id as subject", () => {
    expect(claimsFromArgs(['--role', 'cae_staff', '--cae', CAE])).toEqual({ sub: 'local-cae_staff', role: 'cae_staff', caeId: CAE });
    expect(claimsFromArgs(['--role', 'entrepreneur', '--cae', CAE, '--entrepreneur', ENTREPRENEUR])).toEqual({
      sub: `local-entrepreneur-${ENTREPRENEUR}`,
      role: 'entrepreneur',
      caeId: CAE,
      entrepreneurId: ENTREPRENEUR,
    });
  });

  it('gives a funder the territories listed, trimmed and without duplicates', () => {
    expect(claimsFromArgs(['--role', 'funder', '--territories', 'departement:69, commune:69123,departement:69']).territories).toEqual([
      'departement:69',
      'commune:69123',
    ]);
    expect(claimsFromArgs(['--role=funder', '--territories=france']).territories).toEqual(['france']);
  });

  it('refuses a missing or unknown role, listing the roles', () => {
    expect(refusal([])).toMatch(/--role is required: one of federation_admin, cae_staff, entrepreneur, funder/);
    expect(refusal(['--role', 'admin'])).toMatch(/--role "admin" is not a role/);
  });

  it('refuses unknown options and stray arguments', () => {
    expect(refusal(['--role', 'federation_admin', '--caeId', CAE])).toMatch(/--caeId/);
    expect(refusal(['--role', 'federation_admin', 'extra'])).toMatch(/extra/);
  });

  it('refuses a token the API would refuse: staff without a CAE, an entrepreneur without their id, a funder without territories', () => {
    expect(refusal(['--role', 'cae_staff'])).toBe('--cae is required for the role cae_staff.');
    expect(refusal(['--role', 'entrepreneur', '--cae', CAE])).toBe('--entrepreneur is required for the role entrepreneur.');
    expect(refusal(['--role', 'funder'])).toBe('--territories is required for the role funder.');
  });

  it('refuses an option that does not apply to the role', () => {
    expect(refusal(['--role', 'federation_admin', '--cae', CAE])).toBe('--cae does not apply to the role federation_admin.');
    expect(refusal(['--role', 'cae_staff', '--cae', CAE, '--territories', 'france'])).toBe('--territories does not apply to the role cae_staff.');
    expect(refusal(['--role', 'funder', '--territories', 'france', '--entrepreneur', ENTREPRENEUR])).toBe('--entrepreneur does not apply to the role funder.');
  });

  it('refuses ids that are not ids of the API, naming the option', () => {
    expect(refusal(['--role', 'cae_staff', '--cae', 'lyon'])).toMatch(/^--cae "lyon" is not an id of the API/);
    expect(refusal(['--role', 'entrepreneur', '--cae', CAE, '--entrepreneur', `${ENTREPRENEUR}X`])).toMatch(/^--entrepreneur ".*" is not an id/);
  });

  it('refuses territories that are malformed, unknown or empty', () => {
    expect(refusal(['--role', 'funder', '--territories', 'rhone'])).toMatch(/^--territories: "rhone" is not a territory/);
    expect(refusal(['--role', 'funder', '--territories', 'departement:999'])).toMatch(/^--territories: no département has the code 999/);
    expect(refusal(['--role', 'funder', '--territories', ' , '])).toMatch(/^--territories needs at least one territory/);
  });
});

describe('npm run token', () => {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const run = (args: string[]) =>
    spawnSync(tsx, ['scripts/token.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, LOCAL_JWT_SECRET: 'a-test-secret' } });

  it('prints one token, HS256 from LOCAL_JWT_SECRET, that the local server accepts with the claims asked for', async () => {
    const result = run(['--role', 'funder', '--territories', 'departement:69,commune:69123']);
    expect(result.status, result.stderr).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256' });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ iss: 'cae-local', aud: 'cae-api', role: 'funder', territories: ['departement:69', 'commune:69123'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(30 * 24 * 3600);
    expect(await verifyLocalToken(token, 'a-test-secret')).toMatchObject({ 'custom:role': 'funder', 'custom:territories': 'departement:69,commune:69123' });
    expect(await verifyLocalToken(token, DEFAULT_LOCAL_SECRET)).toBeUndefined();
  });

  it('prints nothing on stdout for a wrong argument, and the reason and usage on stderr, with exit code 2', () => {
    const result = run(['--role', 'cae_staff']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--cae is required for the role cae_staff.');
    expect(result.stderr).toContain('Usage: npm run token -- --role <role>');
  });
});
