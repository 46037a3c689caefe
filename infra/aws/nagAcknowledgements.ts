/**
 * Every cdk-nag (AwsSolutions) finding we accept, one by one by its full id, each with the reason.
 * A finding not listed here fails the synth and the infra test (test/infra/nag.test.ts).
 */
import { type CfnElement, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
}

/** Findings every Lambda of the project raises, for the same reasons. */
export function acknowledgeFunction(fn: IConstruct): void {
  ack(
    fn,
    'AwsSolutions-L1',
    'Node.js 22 is the runtime docs/architecture.md fixes: the same code runs on the Node 20 of the local runtime and CI; a newer runtime is a deliberate upgrade.',
  );
}

/**
 * Findings every execution role of a Lambda raises: on the function when it made its own role, on the role
 * when it is shared by the functions with the same grants (stacks/apiStack.ts).
 */
export function acknowledgeExecutionRole(scope: IConstruct): void {
  ack(
    scope,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "The managed basic execution role only allows creating and writing CloudWatch logs (each function has its own log group).",
  );
  ack(scope, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments and PutTelemetryRecords accept no resource but *.');
}

/** Object access on every CAE's prefix `cae/*`, granted to a function's role (federation-wide callers). */
export function acknowledgeEveryCaeObjects(scope: IConstruct, stack: Stack): void {
  acknowledgeObjectPrefix(
    scope,
    objectArnAsNagPrints(stack, 'cae/*'),
    'Object storage of every CAE (keys `cae/<caeId>/…`): federation-wide routes and the workflow; tenant requests go through the tenant roles, confined to their prefix.',
  );
}

/** Routes that are public by contract (docs/api.md): /health and /openapi.json. */
export function acknowledgePublicRoute(route: IConstruct): void {
  ack(route, 'AwsSolutions-APIG4', 'Public by contract (docs/api.md "Service"): liveness and the OpenAPI document carry no data.');
}

/** The API's DescribeExecution on the CAE run's executions (any execution name: they are unique per run). */
export function acknowledgePayrollExecutions(stack: Stack, stateMachineName: string): void {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  ack(
    stack,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${region}:${account}:execution:${stateMachineName}:*]`,
    "POST …/payroll-runs describes the CAE run's executions (their names are unique per run) to resume an interrupted one.",
  );
}

/** Findings of the workflow stack we accept. */
export function acknowledgeWorkflow(
  stack: Stack,
  parts: { deadLetters: IConstruct[]; functions: IConstruct[]; caeRun: IConstruct },
): void {
  for (const queue of parts.deadLetters) {
    ack(queue, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue (of the monthly schedule, or of the rule on ended executions).');
  }
  ack(stack, 'AwsSolutions-IAM5[Resource::*]', 'Step Functions log delivery and X-Ray (logs:*LogDelivery*, xray:Put*) accept no resource but *.');
  for (const fn of parts.functions) {
    const id = stack.getLogicalId(fn.node.defaultChild as CfnElement);
    ack(stack, `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`, "Invoking a task's function by any of its versions (CDK's LambdaInvoke grant).");
  }
  const machine = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${stack.getLogicalId(parts.caeRun.node.defaultChild as CfnElement)}"}]}]}`;
  // cdk-nag prints a resolved region or account as is, an unresolved one as <AWS::…>.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const executions = `arn:<AWS::Partition>:states:${region}:${account}:execution:`;
  const why = "The CAE run's own executions: Distributed Map children and the federation's synchronous starts.";
  for (const suffix of ['/*:*', ':*', '*']) ack(stack, `AwsSolutions-IAM5[Resource::${executions}${machine}${suffix}]`, why);
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    ack(stack, `AwsSolutions-IAM5[Action::${action}]`, 'The scheduler writes to the KMS-encrypted dead-letter queue (grantSendMessages).');
  }
}

/** The key that signs list cursors (stacks/dataStack.ts). */
export function acknowledgeCursorKey(secret: IConstruct): void {
  ack(secret, 'AwsSolutions-SMG4', 'A cursor key protects only page positions for a few minutes; rotating it would just break the cursors in flight.');
}

/** The bucket that receives the objects bucket's server access logs (stacks/dataStack.ts). */
export function acknowledgeAccessLogsBucket(bucket: IConstruct): void {
  ack(bucket, 'AwsSolutions-S1', 'This bucket receives the server access logs of the objects bucket; logging its own access would only log the log delivery.');
}

/** The ARN of objects under `prefix` of the objects bucket, as cdk-nag prints it in a finding. */
export function objectArnAsNagPrints(stack: Stack, prefix: string): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:<AWS::Partition>:s3:::cae-back-office-objects-${account}-${region}/${prefix.replace(/\$\{([^}]+)\}/g, '<$1>')}`;
}

/**
 * Object access confined to a key prefix (functions/shared/objectStorage.ts): S3 object ARNs name keys, so a
 * prefix needs a wildcard. `resource` as cdk-nag prints it.
 */
export function acknowledgeObjectPrefix(scope: IConstruct, resource: string, why: string): void {
  ack(scope, `AwsSolutions-IAM5[Resource::${resource}]`, why);
}
