/**
 * The table definitions, read from the data stack's synthesized CloudFormation template, so that the
 * local key schema cannot drift from the one deployed to AWS.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataStack } from '../aws/stacks/dataStack.js';

interface CfnTableProperties {
  KeySchema: CreateTableCommandInput['KeySchema'];
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
}

/** Synthesizes the data stack and returns a CreateTable input per table in it. */
export function tableDefinitions(): CreateTableCommandInput[] {
  const outdir = mkdtempSync(join(tmpdir(), 'cae-synth-'));
  try {
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    new DataStack(app, 'CaeData');
    const template = app.synth().getStackByName('CaeData').template as {
      Resources: Record<string, { Type: string; Properties: CfnTableProperties }>;
    };
    return Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::DynamoDB::Table')
      .map((r) => ({
        TableName: 'unnamed',
        KeySchema: r.Properties.KeySchema,
        AttributeDefinitions: r.Properties.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        ...(r.Properties.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: r.Properties.GlobalSecondaryIndexes } : {}),
      }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
