/**
 * The HTTP API: one Lambda per route of the route table, every non-public route behind the Cognito JWT
 * authorizer, access logs on the default stage, and throttling so a runaway client cannot run up costs.
 */
import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccountRootPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
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
import { acknowledgeObjectPrefix, objectArnAsNagPrints, acknowledgePayrollExecutions, acknowledgePublicRoute } from '../nagAcknowledgements.js';

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

    for (const route of routeList()) {
      const handler = new CaeFunction(this, `${route.id[0]?.toUpperCase()}${route.id.slice(1)}`, {
        entry: route.handler,
        table: props.table,
        tableAccess: route.access,
        ...(route.storage && objects ? { storage: { bucket: objects, access: route.storage } } : {}),
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
      const servesTenants = route.roles !== 'public' && route.roles.some((role) => role === 'cae_staff' || role === 'entrepreneur');
      if (servesTenants && route.access !== 'none') {
        const role = tenantRoleFor(route.access, route.storage);
        handler.fn.addEnvironment('TENANT_ROLE_ARN', role.roleArn);
        handler.fn.addToRolePolicy(new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [role.roleArn] }));
      }
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, handler.fn),
        ...(route.roles === 'public' ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (route.roles === 'public') for (const r of added) acknowledgePublicRoute(r);
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
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
