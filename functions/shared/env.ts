/**
 * Configuration, read and validated once at module load: a missing variable fails the cold start,
 * not the first request.
 */
import * as z from 'zod';

const schema = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME is required'),
  /** Set by the local runtime and the tests (dynalite); absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('eu-west-3'),
  /** The role a tenant's request assumes (API stack); unset locally. */
  TENANT_ROLE_ARN: z.string().startsWith('arn:').optional(),
  /** The HMAC key of list cursors (pagination.ts): required on AWS; locally derived from LOCAL_JWT_SECRET when unset. */
  CURSOR_SECRET: z.string().min(32, 'CURSOR_SECRET must be at least 32 characters').optional(),
  LOCAL_JWT_SECRET: z.string().min(1).optional(),
}).refine((config) => config.CURSOR_SECRET !== undefined || config.DYNAMODB_ENDPOINT !== undefined, {
  path: ['CURSOR_SECRET'],
  message: 'CURSOR_SECRET is required outside local mode',
});

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const env = load();
