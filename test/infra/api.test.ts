import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { routeList } from '../../functions/routes.js';
import { type Resources, synthApp } from './synth.js';

/** The API stack's resources, those of its nested stacks (one per area) inlined. */
let api: Resources;
let counts: Map<string, number>;

beforeAll(() => {
  const app = synthApp();
  api = app.resources('CaeApi');
  counts = app.resourceCounts('CaeApi');
});

function ofType(type: string) {
  return Object.entries(api).filter(([, r]) => r.Type === type);
}

function functionBehind(route: { method: string; path: string }) {
  const [, cfnRoute] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`) ?? [];
  if (!cfnRoute) return undefined;
  const integrationId = cfnRoute.Properties.Target['Fn::Join'][1][1].Ref as string;
  const integration = api[integrationId];
  const functionId = integration?.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
  return { route: cfnRoute, fn: api[functionId] };
}

/** The logical id of a function's execution role (shared by the functions with the same grants, or its own). */
function roleOf(fn: { Properties: Record<string, any> } | undefined): string {
  return fn?.Properties.Role['Fn::GetAtt'][0] as string;
}

/** Every statement of the policies attached to a role. */
function statementsOf(roleId: string) {
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
}

const servesTenants = (route: ReturnType<typeof routeList>[number]) =>
  route.roles !== 'public' && route.roles.some((r) => r === 'cae_staff' || r === 'entrepreneur') && route.access !== 'none';

// What each table access means (no Scan, and no index wildcard: see the resources below).
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = [...TABLE_READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
// The statement Lambda adds for active tracing, the same on every execution role.
const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

describe('the API stack, from the route table', () => {
  it('has exactly one API route per route of the table', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(routeList().map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of routeList()) {
    it(`sends ${route.method} ${route.path} to ${route.handler}${route.roles === 'public' ? ' without authorizer' : ' behind the JWT authorizer'}`, () => {
      const found = functionBehind(route);
      expect(found?.fn?.Type).toBe('AWS::Lambda::Function');
      expect(found?.fn?.Properties.Description).toBe(route.handler);
      expect(existsSync(join(REPO_ROOT, route.handler))).toBe(true);
      expect(found?.route.Properties.AuthorizationType).toBe(route.roles === 'public' ? 'NONE' : 'JWT');
    });
  }

  it('checks tokens against the Cognito user pool and its client', () => {
    const [[, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, any]];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('cognito-idp');
  });

  it('runs every handler on Node 22, arm64, traced, with its own log group', () => {
    const logGroups = new Set<string>();
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      logGroups.add(JSON.stringify(fn.Properties.LoggingConfig.LogGroup));
    }
    // Operators filter logs by function: no two functions write to the same group.
    expect(logGroups.size).toBe(ofType('AWS::Lambda::Function').length);
  });

  it('never grants Scan, and grants writes only to routes that write', () => {
    const writers = new Set(routeList().filter((r) => r.access === 'write').map((r) => r.handler));
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
      expect(actions).not.toContain('dynamodb:Scan');
      if (!actions.includes('dynamodb:PutItem')) continue;
      const roleId = policy.Properties.Roles[0].Ref as string;
      if (roleId.startsWith('TenantWriteRole')) continue;
      // A shared execution role: every function that uses it writes.
      const users = ofType('AWS::Lambda::Function').filter(([, f]) => roleOf(f) === roleId);
      expect(users.length, roleId).toBeGreaterThan(0);
      for (const [, fn] of users) expect(writers.has(fn.Properties.Description), `${roleId} ${fn.Properties.Description}`).toBe(true);
    }
  });

  it("gives each function's execution role exactly the grants its route declares, whoever else shares the role", () => {
    for (const route of routeList()) {
      const fn = functionBehind(route)?.fn;
      const statements = statementsOf(roleOf(fn));
      const actions = statements.flatMap((s) => [s.Action].flat()).filter((a) => !XRAY.includes(a));
      const expected = [
        ...(route.access === 'write' ? TABLE_WRITE : route.access === 'read' ? TABLE_READ : []),
        ...(route.storage === 'write' ? ['s3:GetObject', 's3:PutObject'] : route.storage === 'read' ? ['s3:GetObject'] : []),
        ...(servesTenants(route) ? ['sts:AssumeRole', 'sts:TagSession'] : []),
        ...(route.startsPayroll ? ['states:StartExecution', 'states:DescribeExecution'] : []),
      ];
      expect(actions.sort(), route.id).toEqual(expected.sort());
      // The table and its indexes by name, unconditioned (the function's own credentials: federation-wide callers).
      for (const s of statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))) {
        expect(JSON.stringify(s.Resource), route.id).not.toContain('index/*');
        expect(s.Condition, route.id).toBeUndefined();
      }
      // The only tenant role it may assume is the one it is handed.
      const assumes = statements.filter((s) => [s.Action].flat().includes('sts:AssumeRole'));
      if (servesTenants(route)) expect(assumes.map((s) => s.Resource), route.id).toEqual([fn?.Properties.Environment.Variables.TENANT_ROLE_ARN]);
    }
  });

  it('shares an execution role only between functions of the same grants, and keeps the payroll starter on its own', () => {
    const signature = (route: ReturnType<typeof routeList>[number]) =>
      route.startsPayroll ? `payroll ${route.id}` : `${route.access} ${route.storage ?? 'none'} ${servesTenants(route)}`;
    const signaturesByRole = new Map<string, Set<string>>();
    for (const route of routeList()) {
      const roleId = roleOf(functionBehind(route)?.fn);
      signaturesByRole.set(roleId, (signaturesByRole.get(roleId) ?? new Set()).add(signature(route)));
    }
    for (const [roleId, signatures] of signaturesByRole) expect([...signatures], roleId).toHaveLength(1);
    // One role per signature, not one per function.
    expect(signaturesByRole.size).toBe(new Set(routeList().map(signature)).size);
  });

  it("confines the tenant roles to one CAE's keys, by the session's caeId tag", () => {
    for (const prefix of ['TenantReadRole', 'TenantWriteRole']) {
      const [, policy] = ofType('AWS::IAM::Policy').find(([, p]) => (p.Properties.Roles[0].Ref as string).startsWith(prefix)) ?? [];
      const [statement] = (policy?.Properties.PolicyDocument.Statement ?? []) as { Action: string[]; Condition: unknown }[];
      expect(statement?.Condition).toEqual({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variables.
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CAE#${aws:PrincipalTag/caeId}', 'CAE#${aws:PrincipalTag/caeId}#*'] },
      });
      expect(statement?.Action.includes('dynamodb:PutItem')).toBe(prefix === 'TenantWriteRole');
      const [, role] = ofType('AWS::IAM::Role').find(([id]) => id.startsWith(prefix)) ?? [];
      const trust = JSON.stringify(role?.Properties.AssumeRolePolicyDocument);
      expect(trust).toContain('sts:TagSession');
    }
  });

  it('lets each function that serves a CAE assume the tenant role of its access, and no other', () => {
    for (const route of routeList()) {
      const fn = functionBehind(route)?.fn;
      const tenantRole = fn?.Properties.Environment.Variables.TENANT_ROLE_ARN;
      if (!servesTenants(route)) {
        expect(tenantRole, route.id).toBeUndefined();
        continue;
      }
      const expected = route.access === 'write' ? 'TenantWriteRole' : 'TenantReadRole';
      expect(JSON.stringify(tenantRole), route.id).toContain(expected);
    }
  });

  it('grants object storage only to the routes that declare it, and only the access they declare', () => {
    for (const route of routeList()) {
      const fn = functionBehind(route)?.fn;
      const actions = statementsOf(roleOf(fn)).flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('s3:'));
      const expected = route.storage === 'write' ? ['s3:GetObject', 's3:PutObject'] : route.storage === 'read' ? ['s3:GetObject'] : [];
      expect(actions.sort(), route.id).toEqual(expected);
      expect(fn?.Properties.Environment.Variables.OBJECT_STORAGE_BUCKET === undefined, route.id).toBe(route.storage === undefined);
    }
  });

  it("confines the tenant roles' object access to the prefix of the session's CAE", () => {
    const roles = ofType('AWS::IAM::Role').filter(([id]) => /^Tenant(Read|Write)RoleObjects/.test(id));
    expect(roles.length).toBeGreaterThan(0);
    for (const [roleId] of roles) {
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles[0].Ref === roleId)
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      const objectStatements = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
      expect(objectStatements).toHaveLength(1);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable.
      expect(JSON.stringify(objectStatements[0]?.Resource)).toContain('/cae/${aws:PrincipalTag/caeId}/*');
      expect([objectStatements[0]?.Action].flat()).not.toContain('s3:DeleteObject');
    }
  });

  it("lets only POST …/payroll-runs describe executions, and only the CAE run's (to resume an interrupted run)", () => {
    const describing = ofType('AWS::IAM::Policy').filter(([, p]) =>
      p.Properties.PolicyDocument.Statement.some((s: { Action: string | string[] }) => [s.Action].flat().includes('states:DescribeExecution')),
    );
    expect(describing).toHaveLength(1);
    const [, policy] = describing[0] as [string, { Properties: Record<string, any> }];
    const starter = functionBehind(routeList().find((r) => r.startsPayroll) as { method: string; path: string })?.fn;
    expect(roleOf(starter)).toBe(policy.Properties.Roles[0].Ref);
    // Its role is its own: no other function shares what it may do to executions.
    expect(ofType('AWS::Lambda::Function').filter(([, f]) => roleOf(f) === roleOf(starter))).toHaveLength(1);
    const statement = policy.Properties.PolicyDocument.Statement.find((s: { Action: string | string[] }) => [s.Action].flat().includes('states:DescribeExecution'));
    expect(JSON.stringify(statement.Resource)).toMatch(/:execution:CaeWorkflow-CaePayrollRun:\*/);
  });

  it('keeps every template of the API well under CloudFormation\'s 500 resources, so the next routes fail here, not at deploy', () => {
    // The API stack and the nested stack of each area (infra/aws/stacks/apiStack.ts): 450 leaves room to notice.
    expect(counts.size).toBeGreaterThan(1);
    for (const [path, count] of counts) expect(count, path).toBeLessThan(450);
    // Every resource of the API is in one of these templates (the nested stacks themselves counted in the parent).
    const nestedStacks = [...counts.keys()].length - 1;
    expect([...counts.values()].reduce((a, b) => a + b, 0) - nestedStacks).toBe(Object.keys(api).length);
  });

  it('logs access and throttles the default stage', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, any]];
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
  });
});
