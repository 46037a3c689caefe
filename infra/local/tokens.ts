/**
 * Local identity: HS256 tokens signed with LOCAL_JWT_SECRET stand in for Cognito's. The adapter maps their
 * claims to the names Cognito gives custom attributes (`custom:role`...), so handlers read one form only.
 */
import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { ROLES } from '../../functions/shared/auth.js';

export const DEFAULT_LOCAL_SECRET = 'local-dev-secret';

export interface LocalClaims {
  sub: string;
  role: 'federation_admin' | 'cae_staff' | 'entrepreneur' | 'funder';
  caeId?: string;
  entrepreneurId?: string;
  territories?: string[];
}

const CUSTOM = ['role', 'caeId', 'entrepreneurId', 'territories'] as const;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs a token for a demo user, valid `hours` hours (a local token is a convenience, not a credential). */
export async function signLocalToken(claims: LocalClaims, secret: string, hours = 24 * 30): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('cae-local')
    .setAudience('cae-api')
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(key(secret));
}

/**
 * What a local token may carry, with its types: `exp` is required (a token that never expires is refused), and a
 * claim of the wrong type is refused rather than coerced (a one-element array is not a string).
 */
const localPayload = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  caeId: z.string().min(1).optional(),
  entrepreneurId: z.string().min(1).optional(),
  // Each one code: a comma or a space would smuggle a second territory into the comma-separated claim.
  territories: z.array(z.string().regex(/^[^\s,[\]]+$/)).optional(),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
});

/**
 * Verifies a token and returns its claims as API Gateway's JWT authorizer would pass Cognito's: strings,
 * custom attributes under `custom:` (territories comma-separated, as the Cognito attribute holds them);
 * undefined when it does not verify or its claims are not of their types. Other claims are not passed on.
 */
export async function verifyLocalToken(token: string, secret: string): Promise<Record<string, string> | undefined> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      issuer: 'cae-local',
      audience: 'cae-api',
      requiredClaims: ['exp', 'sub'],
    }));
  } catch {
    return undefined;
  }
  const parsed = localPayload.safeParse(payload);
  if (!parsed.success) return undefined;
  const { sub, exp, iat, iss, aud, territories, ...custom } = parsed.data;
  const claims: Record<string, string> = { sub, exp: String(exp), iss, aud: Array.isArray(aud) ? aud.join(' ') : aud };
  if (iat !== undefined) claims.iat = String(iat);
  for (const name of CUSTOM) {
    const value = name === 'territories' ? territories?.join(',') : custom[name];
    if (value !== undefined) claims[`custom:${name}`] = value;
  }
  return claims;
}
