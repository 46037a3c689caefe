/**
 * One dynalite for the whole run, in memory, with the tables created from the synthesized data stack.
 * Test files share it and keep apart by creating their own CAEs (ULIDs), as tenants do in production.
 */
import type { TestProject } from 'vitest/node';
import { ensureTables, type LocalDynamo, startDynalite } from '../../infra/local/dynamo.js';

export const TEST_TABLE = 'cae-test';

let dynamo: LocalDynamo | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dynamo = await startDynalite();
  await ensureTables(dynamo.endpoint, TEST_TABLE);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
