/**
 * When a running run is resumed: its execution, as Step Functions describes it, decides; when Step Functions
 * cannot answer (a fault no emulator produces: mocked with aws-sdk-client-mock), the run's heartbeat decides.
 * Of concurrent resumptions, one starts an execution.
 */
import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resumeIfInterrupted } from '../../functions/payroll/runExecution.js';
import { findRun, type PayrollRun } from '../../functions/shared/repositories/payrollRuns.js';
import { aRunningRun } from './fixtures.js';

const MONTH = '2025-03';
const MACHINE = 'arn:aws:states:eu-west-3:000000000000:stateMachine:CaeWorkflow-CaePayrollRun';
const OLD_EXECUTION = `${MACHINE.replace(':stateMachine:', ':execution:')}:the-first`;
const sfn = mockClient(SFNClient);

beforeAll(() => {
  process.env.PAYROLL_STATE_MACHINE_ARN = MACHINE;
});

beforeEach(() => {
  sfn.reset();
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({ executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:${input.name}`, startDate: new Date() }));
});

afterAll(() => {
  sfn.restore();
});

/** A run that says "running", under OLD_EXECUTION, last heard of at `heartbeatAt`. */
async function runningRun(heartbeatAt = new Date().toISOString()): Promise<PayrollRun> {
  return aRunningRun(MONTH, OLD_EXECUTION, heartbeatAt);
}

const starts = () => sfn.commandCalls(StartExecutionCommand);

describe('resuming a running payroll run', () => {
  it('leaves a run whose execution is running', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' });
    const run = await runningRun();
    expect(await resumeIfInterrupted(run)).toBe(false);
    expect(starts()).toHaveLength(0);
    expect((await findRun(run.caeId, MONTH))?.executionArn).toBe(OLD_EXECUTION);
  });

  for (const status of ['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED'] as const) {
    it(`hands a run whose execution ended ${status} to a new execution, recorded on the run`, async () => {
      sfn.on(DescribeExecutionCommand).resolves({ status });
      const run = await runningRun();
      expect(await resumeIfInterrupted(run)).toBe(true);
      expect(starts()).toHaveLength(1);
      const started = starts()[0]?.args[0].input;
      expect(JSON.parse(started?.input ?? '')).toEqual({ caeId: run.caeId, month: MONTH });
      expect((await findRun(run.caeId, MONTH))?.executionArn).toBe(`${MACHINE.replace(':stateMachine:', ':execution:')}:${started?.name}`);
    });
  }

  it('resumes a run whose execution Step Functions does not know (a killed local runtime, a start that never happened)', async () => {
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no such execution', $metadata: {} }));
    const run = await runningRun();
    expect(await resumeIfInterrupted(run)).toBe(true);
    expect(starts()).toHaveLength(1);
    // Under the name the run recorded: a start still in flight and this one are one execution.
    expect(`${MACHINE.replace(':stateMachine:', ':execution:')}:${starts()[0]?.args[0].input.name}`).toBe(run.executionArn);
  });

  it('treats a recorded execution that has already run under its name as started (ExecutionAlreadyExists)', async () => {
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no such execution', $metadata: {} }));
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'already exists', $metadata: {} }));
    expect(await resumeIfInterrupted(await runningRun())).toBe(true);
  });

  it('trusts a fresh heartbeat when Step Functions cannot answer, and resumes on a stale one', async () => {
    sfn.on(DescribeExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect(await resumeIfInterrupted(await runningRun())).toBe(false);
    expect(starts()).toHaveLength(0);
    const stale = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    expect(await resumeIfInterrupted(await runningRun(stale))).toBe(true);
    expect(starts()).toHaveLength(1);
  });

  it('starts one execution for concurrent resumptions', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED' });
    const run = await runningRun();
    const resumed = await Promise.all([1, 2, 3, 4].map(() => resumeIfInterrupted(run)));
    expect(resumed.filter(Boolean)).toHaveLength(1);
    expect(starts()).toHaveLength(1);
  });

  it('never resumes a run that is not running', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED' });
    const run = await runningRun();
    expect(await resumeIfInterrupted({ ...run, status: 'completed' })).toBe(false);
    expect(await resumeIfInterrupted({ ...run, status: 'failed' })).toBe(false);
    expect(starts()).toHaveLength(0);
  });
});
