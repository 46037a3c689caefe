/**
 * Which DynamoDB client a request uses: on AWS (TENANT_ROLE_ARN set), a CAE's request goes through a client
 * whose credentials are scoped to that CAE; anything else through the function's own client.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

async function load() {
  vi.resetModules();
  vi.stubEnv('TENANT_ROLE_ARN', 'arn:aws:iam::123456789012:role/TenantWriteRole');
  const dynamo = await import('../../../functions/shared/dynamo.js');
  const scope = await import('../../../functions/shared/tenantScope.js');
  return { ...dynamo, ...scope };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the client of the current request', () => {
  it("uses the function's own client outside any tenant", async () => {
    const { clientForCurrentRequest } = await load();
    expect(clientForCurrentRequest()).toBe(clientForCurrentRequest());
  });

  it("uses one client per CAE inside a tenant's request, never the function's own", async () => {
    const { clientForCurrentRequest, withinTenant } = await load();
    const own = clientForCurrentRequest();
    const a = await withinTenant('A', async () => clientForCurrentRequest());
    const aAgain = await withinTenant('A', async () => clientForCurrentRequest());
    const b = await withinTenant('B', async () => clientForCurrentRequest());
    expect(a).not.toBe(own);
    expect(aAgain).toBe(a);
    expect(b).not.toBe(a);
  });

  it('keeps the tenant across awaits inside the request', async () => {
    const { clientForCurrentRequest, withinTenant } = await load();
    const [before, after] = await withinTenant('A', async () => {
      const first = clientForCurrentRequest();
      await new Promise((r) => setTimeout(r, 5));
      return [first, clientForCurrentRequest()];
    });
    expect(after).toBe(before);
  });

  it("steps out of the tenant only where asked (a grant's territory copies)", async () => {
    const { clientForCurrentRequest, withinTenant, outsideTenant } = await load();
    const own = clientForCurrentRequest();
    const inside = await withinTenant('A', () => outsideTenant(async () => clientForCurrentRequest()));
    expect(inside).toBe(own);
  });

  it('is the function client everywhere when no tenant role is configured (the local runtime)', async () => {
    vi.resetModules();
    vi.stubEnv('TENANT_ROLE_ARN', '');
    delete process.env.TENANT_ROLE_ARN;
    const { clientForCurrentRequest } = await import('../../../functions/shared/dynamo.js');
    const { withinTenant } = await import('../../../functions/shared/tenantScope.js');
    expect(await withinTenant('A', async () => clientForCurrentRequest())).toBe(clientForCurrentRequest());
  });
});
