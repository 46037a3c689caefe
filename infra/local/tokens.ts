/**
 * Local identity: HS256 tokens signed with LOCAL_JWT_SECRET stand in for Cognito's. The adapter maps their
 * claims to the names Cognito gives custom attributes (`custom:role`...), so handlers read one form only.
 */
import { jwtVerify, SignJWT } from 'jose';

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
 * Verifies a token and returns its claims as API Gateway's JWT authorizer would pass Cognito's: strings,
 * custom attributes under `custom:`; undefined when it does not verify.
 */
export async function verifyLocalToken(token: string, secret: string): Promise<Record<string, string> | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer: 'cae-local', audience: 'cae-api' });
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      const target = (CUSTOM as readonly string[]).includes(name) ? `custom:${name}` : name;
      claims[target] = Array.isArray(value) ? value.join(',') : String(value);
    }
    return claims;
  } catch {
    return undefined;
  }
}
