/**
 * Starting and describing the payroll state machine's executions. On AWS the ARN comes from the stack; on one
 * machine SFN_ENDPOINT points at the local runtime's Step Functions endpoint (infra/local), which runs the same
 * synthesized definition and answers the same calls.
 */
import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';

const endpoint = process.env.SFN_ENDPOINT;
const client = new SFNClient({
  region: process.env.AWS_REGION ?? 'eu-west-3',
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

function stateMachineArn(): string {
  const arn = process.env.PAYROLL_STATE_MACHINE_ARN;
  if (!arn) throw new Error('PAYROLL_STATE_MACHINE_ARN is not set');
  return arn;
}

/** A new execution of one CAE's run for a month: its unique name (a month can run again) and its ARN. */
export function newPayrollExecution(caeId: string, month: string): { name: string; executionArn: string } {
  const name = `${caeId}-${month}-${ulid()}`;
  // A Standard execution's ARN is its state machine's with `execution` and the name: known before it starts, so
  // that the run records it first and a crash between the two leaves an execution that does not exist.
  return { name, executionArn: executionArnOf(name) };
}

/**
 * Starts one CAE's run for a month under `name` (newPayrollExecution); returns the execution ARN. Starting the
 * same name with the same input again is harmless: Step Functions returns the running execution, and a name
 * that has already run to its end (ExecutionAlreadyExists) means someone else started it: both are the
 * execution the run recorded, so the caller has nothing more to do.
 */
export async function startPayrollExecution(caeId: string, month: string, name = newPayrollExecution(caeId, month).name): Promise<string> {
  try {
    const out = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(), name, input: JSON.stringify({ caeId, month }) }));
    return out.executionArn ?? '';
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') return executionArnOf(name);
    throw error;
  }
}

function executionArnOf(name: string): string {
  return `${stateMachineArn().replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The name of an execution, the last part of its ARN. */
export function executionNameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(':') + 1);
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | 'NOT_FOUND';

/** The status of an execution; NOT_FOUND when Step Functions knows no such execution (never started, or another runtime's). */
export async function executionStatus(executionArn: string): Promise<ExecutionStatus> {
  try {
    const out = await client.send(new DescribeExecutionCommand({ executionArn }));
    return (out.status ?? 'RUNNING') as ExecutionStatus;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist || (error as Error).name === 'ExecutionDoesNotExist') return 'NOT_FOUND';
    throw error;
  }
}
