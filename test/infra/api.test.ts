import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { routeList } from '../../functions/routes.js';
import { synthApp } from './synth.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
let api: Resources;

beforeAll(() => {
  api = synthApp().template('CaeApi').toJSON().Resources as Resources;
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
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });

  it('never grants Scan, and grants writes only to routes that write', () => {
    const writers = new Set(routeList().filter((r) => r.access === 'write').map((r) => r.handler));
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
      expect(actions).not.toContain('dynamodb:Scan');
      if (!actions.includes('dynamodb:PutItem')) continue;
      const roleId = policy.Properties.Roles[0].Ref as string;
      if (roleId.startsWith('TenantWriteRole')) continue;
      const fn = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Role['Fn::GetAtt'][0] === roleId)?.[1];
      expect(writers.has(fn?.Properties.Description)).toBe(true);
    }
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
      const servesTenants = route.roles !== 'public' && route.roles.some((r) => r === 'cae_staff' || r === 'entrepreneur') && route.access !== 'none';
      const tenantRole = fn?.Properties.Environment.Variables.TENANT_ROLE_ARN;
      if (!servesTenants) {
        expect(tenantRole, route.id).toBeUndefined();
        continue;
      }
      const expected = route.access === 'write' ? 'TenantWriteRole' : 'TenantReadRole';
      expect(JSON.stringify(tenantRole), route.id).toContain(expected);
    }
  });

  it('grants object storage only to the routes that declare it, and only the access they declare', () => {
    const statementsOf = (roleId: string) =>
      ofType('AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    for (const route of routeList()) {
      const fn = functionBehind(route)?.fn;
      const actions = statementsOf(fn?.Properties.Role['Fn::GetAtt'][0]).flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('s3:'));
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
    expect(starter?.Properties.Role['Fn::GetAtt'][0]).toBe(policy.Properties.Roles[0].Ref);
    const statement = policy.Properties.PolicyDocument.Statement.find((s: { Action: string | string[] }) => [s.Action].flat().includes('states:DescribeExecution'));
    expect(JSON.stringify(statement.Resource)).toMatch(/:execution:CaeWorkflow-CaePayrollRun:\*/);
  });

  it('logs access and throttles the default stage', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, any]];
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
  });
});
