/**
 * The monthly payroll workflow (docs/architecture.md "Monthly workflow"): EventBridge Scheduler on the 1st of each month
 * in Europe/Paris starts the federation's run with its scheduled time; the month to pay is derived from that
 * time. The federation run first resumes each CAE's earlier run left unfinished, then for each CAE a Standard
 * state machine opens the run, pays batches of ≤ 100 entrepreneurs in a Distributed Map, closes the run and
 * writes the territorial aggregates. Every step is idempotent. Runs always finish: an EventBridge rule marks the
 * run of an execution that ended FAILED, TIMED_OUT or ABORTED as failed whatever its Catch did, and alarms
 * fire on those ends and on entrepreneurs a run could not pay.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  DistributedMap,
  Fail,
  IntegrationPattern,
  ItemBatcher,
  JitterType,
  JsonPath,
  LogLevel,
  Map as MapState,
  Pass,
  StateMachine,
  StateMachineType,
  type TaskStateBase,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { UNPAID_METRIC } from '../../../functions/payroll/workflow/metrics.js';
import { CaeFunction } from '../constructs/caeFunction.js';
import { acknowledgeWorkflow } from '../nagAcknowledgements.js';

/** Each Lambda task of the workflow and its handler module: the local runtime overrides tasks by these names. */
export const WORKFLOW_TASKS = {
  ListCaes: 'functions/payroll/workflow/listCaes.ts',
  OpenRun: 'functions/payroll/workflow/openRun.ts',
  PayBatch: 'functions/payroll/workflow/payBatch.ts',
  CloseRun: 'functions/payroll/workflow/closeRun.ts',
  WriteAggregates: 'functions/payroll/workflow/writeAggregates.ts',
  MarkRunFailed: 'functions/payroll/workflow/markRunFailed.ts',
} as const;

export type WorkflowTask = keyof typeof WORKFLOW_TASKS;

/** The target of the rule on the CAE run's executions that end FAILED, TIMED_OUT or ABORTED (not a state). */
export const EXECUTION_ENDED_HANDLER = 'functions/payroll/workflow/executionEnded.ts';

/** The end states of an execution that leave its run unfinished. */
export const UNFINISHED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** Entrepreneurs per Distributed Map child: each child reads one planned batch of this size. */
export const ENTREPRENEURS_PER_BATCH = 100;

/** The monthly schedule: 06:00 on the 1st, Paris time (after midnight whatever the daylight-saving offset). */
export const SCHEDULE = { expression: 'cron(0 6 1 * ? *)', timezone: 'Europe/Paris' };

export interface WorkflowStackProps extends StackProps {
  table: ITable;
}

export class WorkflowStack extends Stack {
  readonly caeRun: StateMachine;
  /** The CAE run's name, fixed so that the API may describe its executions (and no other machine's). */
  readonly caeRunName: string;
  readonly federationRun: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const functions: CaeFunction[] = [];
    const task = (name: WorkflowTask, options: { timeout?: Duration; resultPath?: string; payload?: TaskInput } = {}) => {
      const fn = new CaeFunction(this, `${name}Fn`, {
        entry: WORKFLOW_TASKS[name],
        table: props.table,
        tableAccess: name === 'ListCaes' ? 'read' : 'write',
        timeout: options.timeout ?? Duration.minutes(1),
        memorySize: 1024,
      });
      functions.push(fn);
      const invoke = new LambdaInvoke(this, name, {
        lambdaFunction: fn.fn,
        payloadResponseOnly: true,
        // Our own retrier (withRetries) covers Lambda's transient faults, with backoff and jitter.
        retryOnServiceExceptions: false,
        ...(options.payload ? { payload: options.payload } : {}),
        ...(options.resultPath !== undefined ? { resultPath: options.resultPath } : {}),
      });
      return withRetries(invoke);
    };

    const runInput = TaskInput.fromObject({ caeId: JsonPath.stringAt('$.caeId'), month: JsonPath.stringAt('$.month') });
    // The execution's own ARN goes with the run: a resumption or a late failure can tell whose run it is.
    const thisExecution = JsonPath.stringAt('$$.Execution.Id');
    const failed = task('MarkRunFailed', {
      payload: TaskInput.fromObject({
        caeId: JsonPath.stringAt('$.caeId'),
        month: JsonPath.stringAt('$.month'),
        executionArn: thisExecution,
        error: JsonPath.objectAt('$.error'),
      }),
    }).next(new Fail(this, 'RunFailed', { error: 'PayrollRunFailed', cause: 'A step of the payroll run failed; running the month again resumes it.' }));

    const payBatches = new DistributedMap(this, 'PayBatches', {
      itemsPath: '$.batches',
      itemBatcher: new ItemBatcher({ maxItemsPerBatch: 1, batchInput: { 'caeId.$': '$.caeId', 'month.$': '$.month' } }),
      maxConcurrency: 10,
      mapExecutionType: StateMachineType.STANDARD,
      resultPath: JsonPath.DISCARD,
    });
    payBatches.itemProcessor(task('PayBatch', { timeout: Duration.minutes(10) }));

    const aggregateMonths = new MapState(this, 'AggregateMonths', {
      itemsPath: '$.months',
      itemSelector: { 'caeId.$': '$.caeId', 'month.$': '$$.Map.Item.Value' },
      maxConcurrency: 2,
      resultPath: JsonPath.DISCARD,
    });
    aggregateMonths.itemProcessor(task('WriteAggregates', { timeout: Duration.minutes(5) }));

    const steps = [
      task('OpenRun', {
        timeout: Duration.minutes(5),
        payload: TaskInput.fromObject({ caeId: JsonPath.stringAt('$.caeId'), month: JsonPath.stringAt('$.month'), executionArn: thisExecution }),
      }),
      payBatches,
      task('CloseRun', { timeout: Duration.minutes(5), payload: runInput }),
      aggregateMonths,
    ];
    for (const step of steps) step.addCatch(failed, { resultPath: '$.error' });
    const [first, ...rest] = steps as [TaskStateBase, ...(TaskStateBase | DistributedMap | MapState)[]];
    const caeChain = rest.reduce((chain, step) => chain.next(step), first as unknown as ReturnType<TaskStateBase['next']>);

    this.caeRunName = `${this.stackName}-CaePayrollRun`;
    this.caeRun = new StateMachine(this, 'CaePayrollRun', {
      stateMachineName: this.caeRunName,
      definitionBody: DefinitionBody.fromChainable(caeChain),
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: new LogGroup(this, 'CaeRunLogs', { retention: RetentionDays.THREE_MONTHS }), level: LogLevel.ALL },
    });

    // One CAE's run, as its own execution, waited for. A CAE whose run fails does not stop the others: its
    // execution's failure is on its run, and the alarms below fire.
    const runCae = (name: string) =>
      withRetries(
        new StepFunctionsStartExecution(this, name, {
          stateMachine: this.caeRun,
          integrationPattern: IntegrationPattern.RUN_JOB,
          input: runInput,
          associateWithParent: true,
          resultSelector: { 'caeId.$': '$.Input.caeId', 'status.$': '$.Status' },
        }),
      ).addCatch(new Pass(this, `${name}NotCompleted`, { parameters: { 'caeId.$': '$.caeId', 'status': 'FAILED' } }), { resultPath: '$.error' });

    // A month opens from the closing balances of the month before: earlier runs left unfinished go first.
    const resumeUnfinished = new MapState(this, 'ResumeUnfinished', {
      itemsPath: '$.unfinished',
      maxConcurrency: 4,
      resultPath: JsonPath.DISCARD,
    });
    resumeUnfinished.itemProcessor(runCae('ResumeCae'));
    const payCaes = new MapState(this, 'PayCaes', {
      itemsPath: '$.caes',
      itemSelector: { 'caeId.$': '$$.Map.Item.Value', 'month.$': '$.month' },
      maxConcurrency: 4,
    });
    payCaes.itemProcessor(runCae('PayCae'));
    this.federationRun = new StateMachine(this, 'FederationPayrollRun', {
      definitionBody: DefinitionBody.fromChainable(task('ListCaes').next(resumeUnfinished).next(payCaes)),
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.hours(12),
      tracingEnabled: true,
      logs: { destination: new LogGroup(this, 'FederationRunLogs', { retention: RetentionDays.THREE_MONTHS }), level: LogLevel.ALL },
    });

    // The schedule: retries, then a dead-letter queue so a missed month is visible, never silent.
    const key = new Key(this, 'WorkflowKey', { enableKeyRotation: true, description: 'Payroll schedule dead letters and alarms' });
    const deadLetters = new Queue(this, 'ScheduleDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const schedulerRole = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.federationRun.grantStartExecution(schedulerRole);
    deadLetters.grantSendMessages(schedulerRole);
    new CfnSchedule(this, 'MonthlyPayroll', {
      description: 'Pays the previous month for every CAE of the federation',
      scheduleExpression: SCHEDULE.expression,
      scheduleExpressionTimezone: SCHEDULE.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.federationRun.stateMachineArn,
        roleArn: schedulerRole.roleArn,
        input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 6 * 3600 },
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });

    // Runs that always finish: whatever ends an execution (a failing Catch, a timeout, a StopExecution), its
    // run is marked failed with the reason, so running the month again resumes it.
    const executionEnded = new CaeFunction(this, 'ExecutionEndedFn', { entry: EXECUTION_ENDED_HANDLER, table: props.table, tableAccess: 'write' });
    const ruleDeadLetters = new Queue(this, 'ExecutionEndedDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new Rule(this, 'CaeRunEnded', {
      description: 'Marks the payroll run of a CAE run execution that ended FAILED, TIMED_OUT or ABORTED as failed',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: [...UNFINISHED_EXECUTION_STATUSES], stateMachineArn: [this.caeRun.stateMachineArn] },
      },
      targets: [new LambdaFunction(executionEnded.fn, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: ruleDeadLetters })],
    });

    const alarms = new Topic(this, 'PayrollAlarms', { masterKey: key, enforceSSL: true });
    const alarm = (name: string, metric: Metric, description: string) =>
      new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(alarms));
    const period = { period: Duration.minutes(5) };
    const rerun = 'run the month again once the cause is fixed (it resumes).';
    alarm('CaeRunFailed', this.caeRun.metricFailed(period), `A CAE's payroll run failed: ${rerun}`);
    alarm('CaeRunTimedOut', this.caeRun.metricTimedOut(period), `A CAE's payroll run timed out: ${rerun}`);
    alarm('CaeRunAborted', this.caeRun.metricAborted(period), `A CAE's payroll run was stopped: ${rerun}`);
    alarm('FederationRunFailed', this.federationRun.metricFailed(period), `The federation's payroll run failed: ${rerun}`);
    alarm('ScheduleDeadLetter', deadLetters.metricApproximateNumberOfMessagesVisible(period), 'The monthly schedule could not start the payroll run.');
    alarm(
      'ExecutionEndedDeadLetter',
      ruleDeadLetters.metricApproximateNumberOfMessagesVisible(period),
      'An ended payroll execution could not be recorded on its run: the run may still say "running" (POST …/payroll-runs resumes it).',
    );
    alarm(
      'UnpaidEntrepreneurs',
      new Metric({ namespace: UNPAID_METRIC.namespace, metricName: UNPAID_METRIC.name, statistic: 'Maximum', ...period }),
      'A payroll run could not pay some entrepreneurs: GET …/payroll-runs/{month} lists them and why; fix and run the month again.',
    );
    acknowledgeWorkflow(this, { deadLetters: [deadLetters, ruleDeadLetters], functions: functions.map((f) => f.fn), caeRun: this.caeRun });
  }
}

/** Retries with exponential backoff and jitter on throttling and transient Lambda faults. */
function withRetries<T extends TaskStateBase>(state: T): T {
  state.addRetry({
    errors: [
      'Lambda.TooManyRequestsException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'StepFunctions.ExecutionLimitExceeded',
    ],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 6,
    maxDelay: Duration.minutes(2),
    jitterStrategy: JitterType.FULL,
  });
  return state;
}
