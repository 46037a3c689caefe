import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataStack } from '../../infra/aws/stacks/dataStack.js';
import { EXECUTION_ENDED_HANDLER, WORKFLOW_TASKS, WorkflowStack } from '../../infra/aws/stacks/workflowStack.js';

let template: Template;
type Resource = { Type: string; Properties: Record<string, any> };

beforeAll(() => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cae-wf-')), context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const data = new DataStack(app, 'CaeData');
  template = Template.fromStack(new WorkflowStack(app, 'CaeWorkflow', { table: data.table }));
});

describe('the workflow stack', () => {
  it('schedules the federation run on the 1st of each month in Europe/Paris, passing its scheduled time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: Match.objectLike({
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it('keeps the dead letters in an encrypted queue that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('runs two Standard state machines, logged and traced', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
    expect(machines).toHaveLength(2);
    for (const m of machines) {
      expect(m.Properties.StateMachineType).toBe('STANDARD');
      expect(m.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(m.Properties.LoggingConfiguration.Level).toBe('ALL');
    }
  });

  it('alarms on every unfinished end of a CAE run, a failed federation run, dead letters and unpaid entrepreneurs', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const metrics = alarms.map((a) => a.Properties.MetricName).sort();
    expect(metrics).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ExecutionsAborted',
      'ExecutionsFailed',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'UnpaidEntrepreneurs',
    ]);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
      expect(alarm.Properties.Threshold).toBe(1);
    }
    const unpaid = alarms.find((a) => a.Properties.MetricName === 'UnpaidEntrepreneurs');
    expect(unpaid?.Properties).toMatchObject({ Namespace: 'CaeBackOffice/Payroll', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it("marks a run failed from an EventBridge rule on the CAE run's FAILED, TIMED_OUT and ABORTED executions, whatever the Catch did", () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as Resource[];
    expect(rules).toHaveLength(1);
    const rule = rules[0] as Resource;
    expect(rule.Properties.EventPattern).toMatchObject({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    expect(JSON.stringify(rule.Properties.EventPattern.detail.stateMachineArn)).toContain('CaePayrollRun');
    const target = rule.Properties.Targets[0];
    expect(target.DeadLetterConfig?.Arn).toBeDefined();
    expect(target.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
    const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const [targetId] = Object.entries(functions).find(([, f]) => f.Properties.Description === EXECUTION_ENDED_HANDLER) ?? [];
    expect(JSON.stringify(target.Arn)).toContain(targetId);
  });

  it('resumes the earlier runs left unfinished before paying the month, and lets no CAE stop the others', () => {
    const machines = template.findResources('AWS::StepFunctions::StateMachine') as Record<string, Resource>;
    const [, federation] = Object.entries(machines).find(([id]) => id.startsWith('FederationPayrollRun')) ?? [];
    const definition = JSON.stringify(federation?.Properties.DefinitionString);
    expect(definition).toContain('ResumeUnfinished');
    expect(definition).toContain('PayCaeNotCompleted');
  });

  it('has one function per workflow task, each with table access only as it needs', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    expect(functions.map((f) => f.Properties.Description).sort()).toEqual([...Object.values(WORKFLOW_TASKS), EXECUTION_ENDED_HANDLER].sort());
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    for (const policy of policies) {
      const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a: string) => a === 'dynamodb:*')).toHaveLength(0);
    }
  });

  it('lets the scheduler start only the federation run', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const scheduler = policies.find((p) => JSON.stringify(p.Properties.Roles).includes('SchedulerRole'));
    const statements = scheduler?.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const start = statements.find((s) => [s.Action].flat().includes('states:StartExecution'));
    expect(JSON.stringify(start?.Resource)).toContain('FederationPayrollRun');
  });
});
