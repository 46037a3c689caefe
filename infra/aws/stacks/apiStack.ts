/**
 * The HTTP API: one Lambda per route of the route table, every non-public route behind the Cognito JWT
 * authorizer, access logs on the default stage, and throttling so a runaway client cannot run up costs.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routeList } from '../../../functions/routes.js';
import { CaeFunction } from '../constructs/caeFunction.js';
import { acknowledgePublicRoute } from '../nagAcknowledgements.js';

export interface ApiStackProps extends StackProps {
  table: ITable;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  /** The per-CAE payroll state machine that `POST /caes/{caeId}/payroll-runs` starts. */
  payrollStateMachine?: IStateMachine;
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

    for (const route of routeList()) {
      const handler = new CaeFunction(this, `${route.id[0]?.toUpperCase()}${route.id.slice(1)}`, {
        entry: route.handler,
        table: props.table,
        tableAccess: route.access,
      });
      if (route.startsPayroll && props.payrollStateMachine) {
        handler.fn.addEnvironment('PAYROLL_STATE_MACHINE_ARN', props.payrollStateMachine.stateMachineArn);
        props.payrollStateMachine.grantStartExecution(handler.fn);
      }
      this.functions.set(route.id, handler);
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
