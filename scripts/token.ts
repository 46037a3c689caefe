/**
 * `npm run token -- --role <role> [--cae <id>] [--entrepreneur <id>] [--territories a,b]`: prints one local
 * token on stdout, signed like the demo's with LOCAL_JWT_SECRET (default `local-dev-secret`), so that any
 * user of any CAE can be tried against `npm start` without editing the seed. README "Local tokens" says what
 * a token carries.
 *
 * The arguments are checked against what the API would make of the token: a staff token without a CAE, or
 * an entrepreneur token without an entrepreneur, would only be refused later as a 401 far from its cause, so
 * they are refused here, naming the option.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { parseTerritory } from '../domain/territory/index.js';
import { ROLES, type Role } from '../functions/shared/auth.js';
import { id as idSchema } from '../functions/shared/validation.js';
import { DEFAULT_LOCAL_SECRET, type LocalClaims, signLocalToken } from '../infra/local/tokens.js';

export const USAGE = 'Usage: npm run token -- --role <role> [--cae <id>] [--entrepreneur <id>] [--territories a,b]';

/** What a role needs and what it may not carry (auth.ts reads these claims). */
const NEEDS: Record<Role, { required: Option[]; allowed: Option[] }> = {
  federation_admin: { required: [], allowed: [] },
  cae_staff: { required: ['cae'], allowed: ['cae'] },
  entrepreneur: { required: ['cae', 'entrepreneur'], allowed: ['cae', 'entrepreneur'] },
  funder: { required: ['territories'], allowed: ['territories'] },
};

type Option = 'cae' | 'entrepreneur' | 'territories';

/** A refused command line: the message names the option and what was expected. */
export class TokenUsageError extends Error {
  override name = 'TokenUsageError';
}

function checkedId(option: 'cae' | 'entrepreneur', value: string): string {
  if (!idSchema.safeParse(value).success) {
    throw new TokenUsageError(`--${option} "${value}" is not an id of the API (26 characters, as in DATA_DIR/demo.json or a POST reply).`);
  }
  return value;
}

function checkedTerritories(value: string): string[] {
  const codes = [...new Set(value.split(',').map((t) => t.trim()).filter((t) => t.length > 0))];
  if (codes.length === 0) throw new TokenUsageError('--territories needs at least one territory, e.g. departement:69 or region:84,commune:69123.');
  for (const code of codes) {
    const parsed = parseTerritory(code);
    if (!parsed.ok) throw new TokenUsageError(`--territories: ${parsed.violation.message}.`);
  }
  return codes;
}

/** The claims of the token the command line asks for, or a TokenUsageError saying what is wrong. */
export function claimsFromArgs(args: readonly string[]): LocalClaims {
  let values: Partial<Record<'role' | Option, string>>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { role: { type: 'string' }, cae: { type: 'string' }, entrepreneur: { type: 'string' }, territories: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new TokenUsageError((error as Error).message);
  }
  const role = values.role;
  if (role === undefined) throw new TokenUsageError(`--role is required: one of ${ROLES.join(', ')}.`);
  if (!(ROLES as readonly string[]).includes(role)) throw new TokenUsageError(`--role "${role}" is not a role: one of ${ROLES.join(', ')}.`);
  const needs = NEEDS[role as Role];
  for (const option of needs.required) {
    if (values[option] === undefined) throw new TokenUsageError(`--${option} is required for the role ${role}.`);
  }
  for (const option of ['cae', 'entrepreneur', 'territories'] as const) {
    if (values[option] !== undefined && !needs.allowed.includes(option)) {
      throw new TokenUsageError(`--${option} does not apply to the role ${role}.`);
    }
  }
  const claims: LocalClaims = { sub: `local-${role}`, role: role as Role };
  if (values.cae !== undefined) claims.caeId = checkedId('cae', values.cae);
  if (values.entrepreneur !== undefined) {
    claims.entrepreneurId = checkedId('entrepreneur', values.entrepreneur);
    claims.sub = `local-entrepreneur-${claims.entrepreneurId}`;
  }
  if (values.territories !== undefined) claims.territories = checkedTerritories(values.territories);
  return claims;
}

async function main(): Promise<void> {
  let claims: LocalClaims;
  try {
    claims = claimsFromArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenUsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.log(await signLocalToken(claims, process.env.LOCAL_JWT_SECRET ?? DEFAULT_LOCAL_SECRET));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
