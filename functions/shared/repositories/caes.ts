/**
 * CAEs in the single table: one item per CAE under its own partition, listed through GSI1.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { CareerPathSettings } from '../../../domain/cae/settings.js';
import type { ContributionPolicy } from '../../../domain/contribution/index.js';
import { db, queryPage, tableName } from '../dynamo.js';
import { NotFound } from '../errors.js';
import { ConcurrentChange } from '../optimistic.js';
import * as keys from '../keys.js';

/** One version of a policy: in force from `effectiveFrom` (a month) until the next version. */
export interface PolicyVersion {
  effectiveFrom: string;
  policy: ContributionPolicy;
}

/** What `PUT /caes/{caeId}/payroll-settings` stores (docs/api.md): rates and amounts as decimal strings. */
export interface StoredPayrollSettings {
  headcount: number;
  atMpRate?: string;
  healthInsurance?: { monthlyAmount: string; employerShare: string };
  mobilityRate?: string;
}

/** The settings of a CAE that has set none (docs/api.md "CAEs", payroll-settings defaults). */
export const DEFAULT_PAYROLL_SETTINGS: StoredPayrollSettings = { headcount: 50 };

/** What `PUT /caes/{caeId}/invoicing-settings` stores (docs/api.md "Invoicing"): money and rates as strings. */
export interface InvoicingSettings {
  legalName: string;
  legalForm: string;
  shareCapital: string;
  rcs: string;
  vatNumber: string;
  address: { line1: string; line2?: string; postalCode: string; city: string; countryCode: 'FR' };
  iban: string;
  bic?: string;
  apeCode: string;
  paymentTermsDays: number;
  latePenaltyRate: string;
  selfIssueLimit: string;
}

export interface Cae {
  id: string;
  name: string;
  siret: string;
  communeCode: string;
  /** Every version of the CAE's contribution policy, oldest first. */
  contributionPolicies: PolicyVersion[];
  settings: CareerPathSettings;
  /** Payroll settings (headcount, AT/MP, health insurance, mobility), as money/rate strings; absent: defaults. */
  payrollSettings?: StoredPayrollSettings;
  /** The identity the CAE's activities invoice under (PUT /caes/{caeId}/invoicing-settings); absent: not set yet. */
  invoicingSettings?: InvoicingSettings;
  /** The last month closed by payroll ('YYYY-MM'): nothing may be dated in it or before, policies included. */
  lastClosedMonth?: string;
  createdAt: string;
  version: number;
}

function toItem(cae: Cae) {
  return { ...keys.cae(cae.id), ...keys.caeListing(cae.id), type: 'CAE', ...cae };
}

function fromItem(item: Record<string, unknown>): Cae {
  const { PK, SK, GSI1PK, GSI1SK, type, ...rest } = item;
  return rest as unknown as Cae;
}

export async function createCae(cae: Cae): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName, Item: toItem(cae), ConditionExpression: 'attribute_not_exists(PK)' }),
  );
}

export async function findCae(caeId: string): Promise<Cae | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.cae(caeId) }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** The CAE, or a 404 that reads the same whether it does not exist or belongs to nobody the caller may see. */
export async function getCae(caeId: string): Promise<Cae> {
  const cae = await findCae(caeId);
  if (!cae) throw new NotFound(`No CAE ${caeId}.`);
  return cae;
}

export async function listCaes(limit: number, cursor: string | undefined): Promise<{ items: Cae[]; nextCursor: string | null }> {
  const partition = keys.caeListing('').GSI1PK;
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    { attribute: 'GSI1PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/**
 * Replaces the CAE's mutable fields if nobody changed it since it was read (optimistic locking on
 * `version`); a concurrent change is retried by the caller or reported as a conflict.
 */
export async function saveCae(cae: Cae): Promise<Cae> {
  const next = { ...cae, version: cae.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(next),
        ConditionExpression: 'attribute_exists(PK) AND version = :v',
        ExpressionAttributeValues: { ':v': cae.version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
  return next;
}

/** The record of a stored item, for reads that fetch it with others in one BatchGetItem (the ledger's). */
export const caeFromItem = fromItem;
