/**
 * IAM as the backstop behind the code's own tenant checks (docs/architecture.md, the AWS SaaS reference): while a request
 * of a CAE's staff or entrepreneur runs, DynamoDB is called with credentials of a role assumed with the session
 * tag `caeId`, whose policy allows only keys that lead with `CAE#<that caeId>` (`dynamodb:LeadingKeys`). A bug
 * that named another CAE's keys would be refused by DynamoDB, not served.
 *
 * The role comes from TENANT_ROLE_ARN (set by the API stack, read or write as the route needs); without it (the
 * local runtime, the workflow, federation-wide routes) requests use the function's own credentials.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ caeId: string } | null>();

/** Runs `work` confined to one CAE's keys. */
export function withinTenant<T>(caeId: string, work: () => Promise<T>): Promise<T> {
  return scope.run({ caeId }, work);
}

/**
 * Runs `work` outside any tenant confinement: only for the few writes a tenant's request makes on purpose to
 * federation-wide partitions (a grant's copies under the territories it counts in).
 */
export function outsideTenant<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(null, work);
}

/** The CAE the current request is confined to, if any. */
export function currentTenant(): string | undefined {
  return scope.getStore()?.caeId;
}
