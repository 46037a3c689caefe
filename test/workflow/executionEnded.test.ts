/**
 * The handler of the EventBridge rule on the CAE run's ended executions: it marks the run failed with how its
 * execution ended, only when the run is still running under that very execution.
 */
import { describe, expect, it } from 'vitest';
import { handler as executionEnded } from '../../functions/payroll/workflow/executionEnded.js';
import { findRun } from '../../functions/shared/repositories/payrollRuns.js';
import { aRunningRun } from './fixtures.js';

const MONTH = '2025-03';
const execution = (name: string) => `arn:aws:states:eu-west-3:000000000000:execution:CaePayrollRun:${name}`;

async function runningRun(executionArn: string) {
  return (await aRunningRun(MONTH, executionArn, '2025-04-01T04:00:00.000Z')).caeId;
}

const ended = (caeId: string, executionArn: string, status: string) =>
  executionEnded({ detail: { executionArn, status, input: JSON.stringify({ caeId, month: MONTH }), error: status === 'FAILED' ? 'States.Timeout' : null } });

describe('an ended payroll execution', () => {
  for (const status of ['TIMED_OUT', 'ABORTED', 'FAILED']) {
    it(`marks its run failed when it ended ${status}, saying so`, async () => {
      const caeId = await runningRun(execution('a'));
      expect(await ended(caeId, execution('a'), status)).toEqual({ marked: true });
      const run = await findRun(caeId, MONTH);
      expect(run?.status).toBe('failed');
      expect(run?.failure?.reason).toContain(`ended ${status}`);
    });
  }

  it('leaves a run that a newer execution took over', async () => {
    const caeId = await runningRun(execution('newer'));
    expect(await ended(caeId, execution('older'), 'ABORTED')).toEqual({ marked: false });
    expect((await findRun(caeId, MONTH))?.status).toBe('running');
  });

  it('leaves a run that is no longer running, and ignores a succeeded execution or a foreign input', async () => {
    const caeId = await runningRun(execution('a'));
    expect(await ended(caeId, execution('a'), 'SUCCEEDED')).toEqual({ marked: false });
    expect(await executionEnded({ detail: { executionArn: execution('a'), status: 'FAILED', input: '{"scheduledTime":"2025-04-01T04:00:00Z"}' } })).toEqual({ marked: false });
    expect((await findRun(caeId, MONTH))?.status).toBe('running');
    await ended(caeId, execution('a'), 'TIMED_OUT');
    expect(await ended(caeId, execution('a'), 'ABORTED')).toEqual({ marked: false });
    expect((await findRun(caeId, MONTH))?.failure?.reason).toContain('TIMED_OUT');
  });
});
