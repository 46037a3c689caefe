/**
 * Starting the payroll state machine. On AWS the ARN comes from the stack; on one machine SFN_ENDPOINT points
 * at the local runtime's Step Functions endpoint (infra/local), which runs the same synthesized definition.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';

const endpoint = process.env.SFN_ENDPOINT;
const client = new SFNClient({
  region: process.env.AWS_REGION ?? 'eu-west-3',
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

/** Starts one CAE's run for a month; the execution name is unique, so a month can run again. */
export async function startPayrollExecution(caeId: string, month: string): Promise<string> {
  const stateMachineArn = process.env.PAYROLL_STATE_MACHINE_ARN;
  if (!stateMachineArn) throw new Error('PAYROLL_STATE_MACHINE_ARN is not set');
  const out = await client.send(
    new StartExecutionCommand({ stateMachineArn, name: `${caeId}-${month}-${ulid()}`, input: JSON.stringify({ caeId, month }) }),
  );
  return out.executionArn ?? '';
}
