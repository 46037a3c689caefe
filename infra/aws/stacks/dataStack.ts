/**
 * The single table (docs/architecture.md "Data"): generic keys, two GSIs, on-demand, encrypted, point-in-time
 * recovery, kept when the stack is deleted. The local runtime creates its dynalite table from this
 * stack's synthesized template, so the key schema is declared here and nowhere else.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/** The table's global secondary indexes (keys `GSI1PK`/`GSI1SK`, ...). */
export const TABLE_INDEXES = ['GSI1', 'GSI2'] as const;

export class DataStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new Table(this, 'CaeTable', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Idempotency records carry `expiresAt` (epoch seconds, a day after the request): DynamoDB removes them.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}PK`, type: AttributeType.STRING },
        sortKey: { name: `${index}SK`, type: AttributeType.STRING },
      });
    }
  }
}
