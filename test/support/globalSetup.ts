/**
 * One dynalite for the whole run, in memory, with the tables created from the synthesized data stack, and one
 * local S3-compatible server (objects in a temporary directory). Test files share them and keep apart by creating
 * their own CAEs (ULIDs), as tenants do in production.
 */
import type { TestProject } from 'vitest/node';
import { ensureTables, type LocalDynamo, startDynalite } from '../../infra/local/dynamo.js';
import { type LocalObjectStorage, startObjectStorage } from '../../infra/local/objectStorage.js';

export const TEST_TABLE = 'cae-test';

let dynamo: LocalDynamo | undefined;
let objectStorage: LocalObjectStorage | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dynamo = await startDynalite();
  await ensureTables(dynamo.endpoint, TEST_TABLE);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  objectStorage = await startObjectStorage();
  project.provide('objectStorageEndpoint', objectStorage.endpoint);
  project.provide('objectStorageBucket', objectStorage.bucket);
  return async () => {
    await dynamo?.close();
    await objectStorage?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    objectStorageEndpoint: string;
    objectStorageBucket: string;
  }
}
