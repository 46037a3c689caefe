/**
 * Runs the synthesized payroll state machines on this machine (aws-local-stepfunctions), every Lambda task
 * overridden by its handler module, retries without waiting. Hooks report progress (CAEs and batches done)
 * and count state transitions for the benchmark. A CAE execution that fails is reported to the same handler
 * the EventBridge rule on ended executions targets on AWS, so its run is marked failed even when the state
 * machine's own Catch could not do it.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { ulid } from 'ulid';
import type { WorkflowTask } from '../aws/stacks/workflowStack.js';
import { WORKFLOW_TASKS } from '../aws/stacks/workflowStack.js';
import { emulateItemBatcher, executionEndedHandler, LOCAL_BATCHER, retryingStates, synthesizeWorkflow, taskHandler } from './workflow.js';

export interface PayrollHooks {
  onCaeStarted?(caeId: string, month: string): void;
  onBatchDone?(caeId: string, result: unknown): void;
  onCaeFinished?(caeId: string, status: 'SUCCEEDED' | 'FAILED', error?: unknown): void;
  /** Called for every state entered, in every execution (a proxy for AWS state transitions). */
  onTransition?(state: string): void;
}

export interface LocalPayroll {
  /** Runs one CAE's month; `executionArn` names the execution (the local Step Functions endpoint gives its own). */
  runCae(input: { caeId: string; month: string }, options?: { executionArn?: string }): Promise<unknown>;
  runFederation(input: { month?: string; scheduledTime?: string; caeId?: string }): Promise<unknown>;
}

/**
 * The context object Step Functions gives an execution (`$$.Execution.Id`…), for definitions that read it.
 * Names are unique across restarts (a ULID): a run records its execution, and a runtime started again on the
 * same data must not take a dead execution of the last one for one of its own.
 */
function executionContext(machine: string, input: unknown, executionArn?: string) {
  const id = executionArn ?? `arn:aws:states:eu-west-3:000000000000:execution:${machine}:local-${ulid()}`;
  const name = id.slice(id.lastIndexOf(':') + 1);
  return {
    Execution: {
      Id: id,
      Name: name,
      Input: input,
      StartTime: new Date().toISOString(),
      RoleArn: 'arn:aws:iam::000000000000:role/local',
    },
    StateMachine: { Id: `arn:aws:states:eu-west-3:000000000000:stateMachine:${machine}`, Name: machine },
  };
}

export function createLocalPayroll(hooks: PayrollHooks = {}): LocalPayroll {
  const synthesized = synthesizeWorkflow();
  const cae = emulateItemBatcher(synthesized.caeRun);
  const federation = emulateItemBatcher(synthesized.federationRun);
  const options = { validationOptions: { checkArn: false, checkPaths: true } };
  const caeMachine = new StateMachine(cae.definition as never, options);
  const federationMachine = new StateMachine(federation.definition as never, options);

  const lambdaTasks = Object.fromEntries(
    (Object.keys(WORKFLOW_TASKS) as WorkflowTask[]).map((task) => [
      task,
      async (input: unknown) => {
        const output = await (await taskHandler(task))(input as never);
        if (task === 'PayBatch') hooks.onBatchDone?.((input as { BatchInput: { caeId: string } }).BatchInput.caeId, output);
        return output as never;
      },
    ]),
  );

  async function drain(events: AsyncGenerator<{ type: string; state?: { name: string } }>) {
    for await (const event of events) {
      // The batcher is this emulation's own state; AWS batches inside the Map without a transition.
      if (event.type === 'StateEntered' && !event.state?.name.endsWith(LOCAL_BATCHER)) hooks.onTransition?.(event.state?.name ?? '');
    }
  }

  /** What EventBridge does on AWS when a CAE execution ends FAILED: the rule's handler marks its run. */
  async function reportFailedExecution(executionArn: string, input: unknown, error: unknown) {
    const handler = await executionEndedHandler();
    await handler({ detail: { executionArn, status: 'FAILED', input: JSON.stringify(input), error: (error as Error)?.name ?? null } } as never).catch((failure: unknown) => {
      // As a dead letter on AWS: the run may still say "running", and POST …/payroll-runs resumes it.
      console.error(`the ended payroll execution could not be recorded on its run: ${(failure as Error)?.name}: ${(failure as Error)?.message}`);
    });
  }

  async function runCae(input: { caeId: string; month: string }, options: { executionArn?: string } = {}) {
    hooks.onCaeStarted?.(input.caeId, input.month);
    const context = executionContext('CaePayrollRun', input, options.executionArn);
    const execution = caeMachine.run(input as never, {
      context: context as never,
      overrides: {
        taskResourceLocalHandlers: { ...lambdaTasks, ...cae.batchers } as never,
        retryIntervalOverrides: Object.fromEntries(retryingStates(cae.definition).map((name) => [name, 0])),
      },
    });
    const logging = drain(execution.eventLogs as never);
    try {
      const output = await execution.result;
      hooks.onCaeFinished?.(input.caeId, 'SUCCEEDED');
      return output;
    } catch (error) {
      await reportFailedExecution(context.Execution.Id, input, error);
      hooks.onCaeFinished?.(input.caeId, 'FAILED', error);
      throw error;
    } finally {
      await logging.catch(() => undefined);
    }
  }

  async function startCaeExecution(params: { Input: { caeId: string; month: string } }) {
    const output = await runCae({ caeId: params.Input.caeId, month: params.Input.month });
    return { Input: params.Input, Output: output, Status: 'SUCCEEDED' };
  }

  async function runFederation(input: { month?: string; scheduledTime?: string; caeId?: string }) {
    const execution = federationMachine.run(input as never, {
      context: executionContext('FederationPayrollRun', input) as never,
      overrides: {
        taskResourceLocalHandlers: {
          ...lambdaTasks,
          ...federation.batchers,
          // `states:startExecution.sync:2`: run the CAE machine here and answer as Step Functions would.
          PayCae: startCaeExecution,
          ResumeCae: startCaeExecution,
        } as never,
        retryIntervalOverrides: Object.fromEntries(retryingStates(federation.definition).map((name) => [name, 0])),
      },
    });
    const logging = drain(execution.eventLogs as never);
    try {
      return await execution.result;
    } finally {
      await logging.catch(() => undefined);
    }
  }

  return { runCae, runFederation };
}
