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
});

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const env = load();
