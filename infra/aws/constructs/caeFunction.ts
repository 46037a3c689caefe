/**
 * The one Lambda construct of the project: runtime, architecture, log group, tracing and bundling are
 * decided here once, and table access is granted together with the variable that names the table (or, with a
 * shared execution role, by whoever made that role: stacks/apiStack.ts).
 */
import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { acknowledgeEveryCaeObjects, acknowledgeExecutionRole, acknowledgeFunction } from '../nagAcknowledgements.js';
import { REPO_ROOT } from '../paths.js';
import { CURSOR_SECRET_NAME, TABLE_INDEXES } from '../stacks/dataStack.js';

/** Modules the Lambda Node.js runtime provides, left out of every bundle (test/bench/bundles.ts measures the same). */
export const SDK_PROVIDED_BY_RUNTIME = ['@aws-sdk/*'] as const;

export interface CaeFunctionProps {
  /** Handler module from the repository root, as the route table names it. */
  entry: string;
  table?: ITable;
  tableAccess?: 'none' | 'read' | 'write';
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /**
   * Object storage (functions/shared/objectStorage.ts): the bucket, named to the function as
   * OBJECT_STORAGE_BUCKET, and the access granted together with it, on every CAE's prefix `cae/*`.
   */
  storage?: { bucket: IBucket; access: 'read' | 'write' };
  /**
   * An execution role shared by the functions whose grants are the same (stacks/apiStack.ts). The function then
   * adds no statement of its own (table, storage) and acknowledges no finding of the role: the one who made the
   * role granted exactly what `tableAccess` and `storage` say, and acknowledged it there. Absent: the function
   * makes its own role and grants it itself.
   */
  role?: IRole;
}

export class CaeFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: CaeFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      // The handler module, as the route table names it: what this function runs, readable in the console.
      description: props.entry,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      ...(props.role ? { role: props.role } : {}),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'cae-back-office',
        // Signs list cursors (functions/shared/pagination.ts): resolved by CloudFormation at deploy time.
        CURSOR_SECRET: SecretValue.secretsManager(CURSOR_SECRET_NAME).unsafeUnwrap(),
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.CJS,
        // The AWS SDK v3 comes with the Node 22 runtime: bundling it would add ~350 KiB to every function (the
        // bundles would pass 1 MiB) for no gain in cold start. Everything else is bundled and pinned.
        externalModules: [...SDK_PROVIDED_BY_RUNTIME],
      },
    });
    if (props.table && props.tableAccess && props.tableAccess !== 'none') {
      this.fn.addEnvironment('TABLE_NAME', props.table.tableName);
      if (!props.role) this.fn.addToRolePolicy(tableAccessStatement(props.table, props.tableAccess));
    } else {
      // Handlers read TABLE_NAME at load; routes without table access get a name they cannot use.
      this.fn.addEnvironment('TABLE_NAME', 'none');
    }
    if (props.storage) {
      this.fn.addEnvironment('OBJECT_STORAGE_BUCKET', props.storage.bucket.bucketName);
      if (!props.role) {
        this.fn.addToRolePolicy(objectAccessStatement(props.storage.bucket, props.storage.access, 'cae/*'));
        acknowledgeEveryCaeObjects(this, Stack.of(this));
      }
    }
    acknowledgeFunction(this);
    if (!props.role) acknowledgeExecutionRole(this);
  }
}

/**
 * Object access on the keys under `prefix` (S3 has no Scan to fear, but no listing either: every read names its
 * key). Read is GetObject (HeadObject is allowed by it); write adds PutObject. Never Delete: what is kept stays.
 */
export function objectAccessStatement(bucket: IBucket, access: 'read' | 'write', prefix: string): PolicyStatement {
  return new PolicyStatement({
    actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'],
    resources: [bucket.arnForObjects(prefix)],
  });
}

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Table access named index by index (no `index/*` wildcard) and never `Scan`: no request of the API reads
 * more than one partition. `conditions` narrows it further (the tenant roles' `dynamodb:LeadingKeys`).
 */
export function tableAccessStatement(table: ITable, access: 'read' | 'write', conditions?: Record<string, unknown>): PolicyStatement {
  return new PolicyStatement({
    actions: access === 'read' ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS],
    resources: [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index}`)],
    ...(conditions ? { conditions } : {}),
  });
}
