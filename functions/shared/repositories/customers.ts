/**
 * Customers of an entrepreneur's activity (docs/api.md "Invoicing"), one item each in the entrepreneur's
 * partition (`CUSTOMER#<id>`), listed with one query. An invoice copies its customer when it is issued, so a
 * customer changed later never changes an issued invoice.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerKind } from '../../../domain/invoicing/index.js';
import { db, queryPage, tableName } from '../dynamo.js';
import { NotFound } from '../errors.js';
import * as keys from '../keys.js';

export interface Address {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  countryCode: 'FR';
}

export interface Customer {
  id: string;
  entrepreneurId: string;
  name: string;
  kind: CustomerKind;
  siren?: string;
  vatNumber?: string;
  address: Address;
  email?: string;
  createdAt: string;
}

function toItem(caeId: string, c: Customer) {
  return { ...keys.customer(caeId, c.entrepreneurId, c.id), type: 'CUSTOMER', ...c };
}

function fromItem(item: Record<string, unknown>): Customer {
  const { PK, SK, type, ...rest } = item;
  return rest as unknown as Customer;
}

export async function createCustomer(caeId: string, customer: Customer): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toItem(caeId, customer), ConditionExpression: 'attribute_not_exists(PK)' }));
}

/** The customer, or a 404 (another entrepreneur's customer is not found either). */
export async function getCustomer(caeId: string, entrepreneurId: string, customerId: string): Promise<Customer> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.customer(caeId, entrepreneurId, customerId) }));
  if (!out.Item) throw new NotFound(`No customer ${customerId}.`);
  return fromItem(out.Item);
}

export async function listCustomers(caeId: string, entrepreneurId: string, limit: number, cursor?: string): Promise<{ items: Customer[]; nextCursor: string | null }> {
  const { PK } = keys.customer(caeId, entrepreneurId, '');
  const page = await queryPage(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': PK, ':sk': 'CUSTOMER#' } },
    { attribute: 'PK', value: PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}
