/**
 * The HTTP API: one Lambda per route of the route table, every non-public route behind the Cognito JWT
 * authorizer, access logs on the default stage, and throttling so a runaway client cannot run up costs.
 *
 * CloudFormation allows 500 resources per template. Each route costs five (route, integration, invoke
 * permission, function, log group), so the routes live in one nested stack per area of the route table
 * (`functions/<area>/`), and this stack keeps the API itself, the tenant roles and the execution roles.
 * Counted on the synthesized templates with 86 routes in 13 areas: this stack 47 resources (13 of them the
 * nested stacks), the largest area (invoicing, 18 routes) 90, so an area has room for some 70 more routes and a
 * new area costs this stack one resource. One stack would hold 466 even with shared roles (618 with a role per
 * function, which CloudFormation refuses). test/infra/api.test.ts fails when any of these templates reaches 450.
 */
import { ArnFormat, CfnOutput, Duration, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import { AccountRootPrincipal, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { objectsBucketName } from './dataStack.js';
import { routeList } from '../../../functions/routes.js';
import { CaeFunction, objectAccessStatement, tableAccessStatement } from '../constructs/caeFunction.js';
import {
  acknowledgeEveryCaeObjects,
  acknowledgeExecutionRole,
  acknowledgeObjectPrefix,
  acknowledgePayrollExecutions,
  acknowledgePublicRoute,
  objectArnAsNagPrints,
} from '../nagAcknowledgements.js';

export interface ApiStackProps extends StackProps {
  table: ITable;
  /** Object storage (the data stack's bucket), for the routes that declare `storage` (functions/routes.ts). */
  objects?: boolean;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  /** The per-CAE payroll state machine that `POST /caes/{caeId}/payroll-runs` starts. */
  payrollStateMachine?: IStateMachine;
  /** Its name, a plain string: the executions it may describe are named after it. */
  payrollStateMachineName?: string;
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<string, CaeFunction>();
  /** The nested stack of each area of the route table (`functions/<area>/`): its routes and their functions. */
  readonly areas = new Map<string, NestedStack>();
  /** The execution roles shared by the functions whose grants are the same, by grant signature. */
  readonly executionRoles = new Map<string, Role>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );
    this.api = new HttpApi(this, 'Api', {
      description: 'CAE back office API',
      defaultAuthorizer: authorizer,
      createDefaultStage: true,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        sub: '$context.authorizer.claims.sub',
        caeId: '$context.authorizer.claims.custom:caeId',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };

    // IAM as the backstop of tenant isolation: a CAE's staff and entrepreneurs reach the table through a role
    // assumed with the session tag caeId, allowed only keys that lead with that CAE (functions/shared/tenantScope.ts).
    const tenantRoles = {
      read: tenantDataRole(this, 'TenantReadRole', props.table, 'read'),
      write: tenantDataRole(this, 'TenantWriteRole', props.table, 'write'),
    };
    const objects: IBucket | undefined = props.objects ? Bucket.fromBucketName(this, 'Objects', objectsBucketName(this)) : undefined;
    // A route that also uses object storage assumes a role that adds exactly that storage access, on the keys of
    // the session's CAE only (`cae/<caeId>/*`): made once per combination the route table uses.
    const storageTenantRoles = new Map<string, Role>();
    const tenantRoleFor = (access: 'read' | 'write', storage: 'read' | 'write' | undefined): Role => {
      if (!storage || !objects) return tenantRoles[access];
      const id = `${access === 'read' ? 'TenantReadRole' : 'TenantWriteRole'}Objects${storage === 'read' ? 'Read' : 'Write'}`;
      let role = storageTenantRoles.get(id);
      if (!role) {
        role = tenantDataRole(this, id, props.table, access);
        role.addToPolicy(objectAccessStatement(objects, storage, TENANT_OBJECT_PREFIX));
        acknowledgeObjectPrefix(role, objectArnAsNagPrints(this, TENANT_OBJECT_PREFIX), "One CAE's objects: the keys under `cae/<the session's caeId>/` (an IAM policy variable).");
        storageTenantRoles.set(id, role);
      }
      return role;
    };

    // One execution role per grant signature (table access, object storage, tenant role): a function gets exactly
    // the grants of its route, and the functions with the same grants share the role that holds them (a role per
    // function was two resources per route). The payroll starter has grants of its own and keeps its own role.
    const executionRoleFor = (access: 'none' | 'read' | 'write', storage: 'read' | 'write' | undefined, tenantRole: Role | undefined): Role => {
      const id = [
        'ExecutionRole',
        access === 'none' ? 'NoTable' : `Table${capitalized(access)}`,
        storage ? `Objects${capitalized(storage)}` : '',
        tenantRole ? `Via${tenantRole.node.id}` : '',
      ].join('');
      let role = this.executionRoles.get(id);
      if (!role) {
        role = new Role(this, id, {
          assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
          description: `API functions with table access ${access}, object storage ${storage ?? 'none'}, tenant role ${tenantRole?.node.id ?? 'none'}`,
          managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
        });
        if (access !== 'none') role.addToPolicy(tableAccessStatement(props.table, access));
        if (storage && objects) {
          role.addToPolicy(objectAccessStatement(objects, storage, 'cae/*'));
          acknowledgeEveryCaeObjects(role, this);
        }
        if (tenantRole) role.addToPolicy(assumeStatement(tenantRole));
        acknowledgeExecutionRole(role);
        this.executionRoles.set(id, role);
      }
      return role;
    };
    const areaStack = (area: string): NestedStack => {
      let stack = this.areas.get(area);
      if (!stack) {
        stack = new NestedStack(this, `${capitalized(area)}Routes`, { description: `CAE back office API: the routes of functions/${area}/` });
        this.areas.set(area, stack);
      }
      return stack;
    };

    for (const route of routeList()) {
      const id = capitalized(route.id);
      const scope = areaStack(route.handler.split('/')[1] ?? 'service');
      const storage = route.storage && objects ? route.storage : undefined;
      const servesTenants = route.roles !== 'public' && route.roles.some((role) => role === 'cae_staff' || role === 'entrepreneur');
      const tenantRole = servesTenants && route.access !== 'none' ? tenantRoleFor(route.access, storage) : undefined;
      const handler = new CaeFunction(scope, id, {
        entry: route.handler,
        table: props.table,
        tableAccess: route.access,
        ...(storage && objects ? { storage: { bucket: objects, access: storage } } : {}),
        ...(route.startsPayroll ? {} : { role: executionRoleFor(route.access, storage, tenantRole) }),
      });
      if (route.startsPayroll && props.payrollStateMachine) {
        handler.fn.addEnvironment('PAYROLL_STATE_MACHINE_ARN', props.payrollStateMachine.stateMachineArn);
        props.payrollStateMachine.grantStartExecution(handler.fn);
        if (props.payrollStateMachineName) {
          // A run that says "running" is resumed when its execution is gone: the handler asks Step Functions.
          const executions = this.formatArn({
            service: 'states',
            resource: 'execution',
            resourceName: `${props.payrollStateMachineName}:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          });
          handler.fn.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [executions] }));
          acknowledgePayrollExecutions(this, props.payrollStateMachineName);
        }
      }
      this.functions.set(route.id, handler);
      if (tenantRole) {
        handler.fn.addEnvironment('TENANT_ROLE_ARN', tenantRole.roleArn);
        // A shared execution role already holds it (executionRoleFor).
        if (route.startsPayroll) handler.fn.addToRolePolicy(assumeStatement(tenantRole));
      }
      const added = new HttpRoute(scope, `${id}Route`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, handler.fn),
        ...(route.roles === 'public' ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (route.roles === 'public') acknowledgePublicRoute(added);
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}

function capitalized(word: string): string {
  return `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`;
}

/** What a function needs to act as a tenant: assume the tenant role, tagging the session with the caeId. */
function assumeStatement(tenantRole: Role): PolicyStatement {
  return new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [tenantRole.roleArn] });
}

/** The keys of one CAE, whichever CAE the session is tagged with (IAM policy variables, not JS templates). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: ${aws:PrincipalTag/caeId} is an IAM policy variable.
export const TENANT_LEADING_KEYS = ['CAE#${aws:PrincipalTag/caeId}', 'CAE#${aws:PrincipalTag/caeId}#*'];

/** The objects of one CAE, whichever CAE the session is tagged with. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: ${aws:PrincipalTag/caeId} is an IAM policy variable.
export const TENANT_OBJECT_PREFIX = 'cae/${aws:PrincipalTag/caeId}/*';

/**
 * A role the API's functions assume per request, tagged with the caller's caeId: table access as the route needs
 * (read or write), on the keys of that CAE only. Trusted by the account, so only principals whose own policy
 * allows sts:AssumeRole on it (the API's functions) may assume it.
 */
function tenantDataRole(scope: Construct, id: string, table: ITable, access: 'read' | 'write'): Role {
  const role = new Role(scope, id, {
    assumedBy: new AccountRootPrincipal(),
    description: `Table ${access} access confined to one CAE's keys (session tag caeId)`,
    maxSessionDuration: Duration.hours(1),
  });
  role.assumeRolePolicy?.addStatements(new PolicyStatement({ actions: ['sts:TagSession'], principals: [new AccountRootPrincipal()] }));
  role.addToPolicy(tableAccessStatement(table, access, { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': TENANT_LEADING_KEYS } }));
  return role;
}
