/**
 * Runs the synthesized payroll state machines on this machine (aws-local-stepfunctions), every Lambda task
 * overridden by its handler module, retries without waiting. Hooks report progress (CAEs and batches done)
 * and count state transitions for the benchmark.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import type { WorkflowTask } from '../aws/stacks/workflowStack.js';
import { WORKFLOW_TASKS } from '../aws/stacks/workflowStack.js';
import { emulateItemBatcher, LOCAL_BATCHER, retryingStates, synthesizeWorkflow, taskHandler } from './workflow.js';

export interface PayrollHooks {
  onCaeStarted?(caeId: string, month: string): void;
  onBatchDone?(caeId: string, result: unknown): void;
  onCaeFinished?(caeId: string, status: 'SUCCEEDED' | 'FAILED', error?: unknown): void;
  /** Called for every state entered, in every execution (a proxy for AWS state transitions). */
  onTransition?(state: string): void;
}

export interface LocalPayroll {
  runCae(input: { caeId: string; month: string }): Promise<unknown>;
  runFederation(input: { month?: string; scheduledTime?: string; caeId?: string }): Promise<unknown>;
}

let executions = 0;

/** The context object Step Functions gives an execution (`$$.Execution.Id`…), for definitions that read it. */
function executionContext(machine: string, input: unknown) {
  executions += 1;
  const name = `local-${executions}`;
  return {
    Execution: {
      Id: `arn:aws:states:eu-west-3:000000000000:execution:${machine}:${name}`,
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

  async function runCae(input: { caeId: string; month: string }) {
    hooks.onCaeStarted?.(input.caeId, input.month);
    const execution = caeMachine.run(input as never, {
      context: executionContext('CaePayrollRun', input) as never,
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
      hooks.onCaeFinished?.(input.caeId, 'FAILED', error);
      throw error;
    } finally {
      await logging.catch(() => undefined);
    }
  }

  async function runFederation(input: { month?: string; scheduledTime?: string; caeId?: string }) {
    const execution = federationMachine.run(input as never, {
      context: executionContext('FederationPayrollRun', input) as never,
      overrides: {
        taskResourceLocalHandlers: {
          ...lambdaTasks,
          ...federation.batchers,
          // `states:startExecution.sync:2`: run the CAE machine here and answer as Step Functions would.
          PayCae: async (params: { Input: { caeId: string; month: string } }) => {
            const output = await runCae({ caeId: params.Input.caeId, month: params.Input.month });
            return { Input: params.Input, Output: output, Status: 'SUCCEEDED' };
          },
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
