/**
 * The CDK app: data, identity and API stacks. Tests build the same app with bundling skipped.
 */
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './stacks/apiStack.js';
import { DataStack } from './stacks/dataStack.js';
import { IdentityStack } from './stacks/identityStack.js';
import { WorkflowStack } from './stacks/workflowStack.js';

export interface CaeApp {
  app: App;
  data: DataStack;
  identity: IdentityStack;
  api: ApiStack;
  workflow: WorkflowStack;
}

export function buildApp(props: AppProps = {}, options: { nag?: boolean } = {}): CaeApp {
  const app = new App(props);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-3' };
  const data = new DataStack(app, 'CaeData', { env });
  const identity = new IdentityStack(app, 'CaeIdentity', { env });
  const workflow = new WorkflowStack(app, 'CaeWorkflow', { env, table: data.table });
  const api = new ApiStack(app, 'CaeApi', {
    env,
    table: data.table,
    objects: true,
    payrollStateMachine: workflow.caeRun,
    payrollStateMachineName: workflow.caeRunName,
    userPool: identity.userPool,
    userPoolClient: identity.client,
  });
  Tags.of(app).add('application', 'cae-back-office');
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return { app, data, identity, api, workflow };
}
