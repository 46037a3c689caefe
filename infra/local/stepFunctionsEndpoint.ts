/**
 * A Step Functions endpoint for this machine, speaking the AWS JSON protocol for the two calls the product
 * makes (StartExecution, DescribeExecution), so that `POST /caes/{caeId}/payroll-runs` uses the same SDK call on
 * AWS and here. Executions run the synthesized CAE state machine in this process (payrollRunner.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalPayroll } from './payrollRunner.js';

export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-3:000000000000:stateMachine:CaePayrollRun';

interface Execution {
  executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  done: Promise<void>;
}

export interface LocalStepFunctions {
  endpoint: string;
  server: Server;
  /** Resolves when every execution started so far has finished (tests and shutdown wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalStepFunctions(payroll: LocalPayroll): Promise<LocalStepFunctions> {
  const executions = new Map<string, Execution>();
  const reply = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    let request: Record<string, string>;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return reply(res, 400, { __type: 'SerializationException', message: 'bad JSON' });
    }
    if (target.endsWith('.StartExecution')) {
      if (request.stateMachineArn !== LOCAL_STATE_MACHINE_ARN) {
        return reply(res, 400, { __type: 'StateMachineDoesNotExist', message: `No state machine ${request.stateMachineArn}` });
      }
      const executionArn = `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${request.name ?? Date.now()}`;
      const input = request.input ?? '{}';
      // As on AWS: a name is used once. Starting it again with the same input while it runs returns it; any
      // other reuse is ExecutionAlreadyExists.
      const known = executions.get(executionArn);
      if (known) {
        if (known.status === 'RUNNING' && known.input === input) return reply(res, 200, { executionArn, startDate: known.startDate });
        return reply(res, 400, { __type: 'ExecutionAlreadyExists', message: `Execution already exists: '${executionArn}'` });
      }
      const execution: Execution = { executionArn, status: 'RUNNING', startDate: Date.now() / 1000, input, done: Promise.resolve() };
      execution.done = payroll
        .runCae(JSON.parse(input), { executionArn })
        .then((output) => {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        })
        .catch((error: Error) => {
          execution.status = 'FAILED';
          execution.error = error.message;
        })
        .finally(() => {
          execution.stopDate = Date.now() / 1000;
        });
      executions.set(executionArn, execution);
      return reply(res, 200, { executionArn, startDate: execution.startDate });
    }
    if (target.endsWith('.DescribeExecution')) {
      const execution = executions.get(request.executionArn ?? '');
      if (!execution) return reply(res, 400, { __type: 'ExecutionDoesNotExist', message: 'No such execution' });
      const { done, ...described } = execution;
      return reply(res, 200, { ...described, stateMachineArn: LOCAL_STATE_MACHINE_ARN });
    }
    return reply(res, 400, { __type: 'UnknownOperationException', message: `Not emulated: ${target}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const idle = async () => {
    await Promise.all([...executions.values()].map((e) => e.done));
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server,
    idle,
    close: async () => {
      await idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
