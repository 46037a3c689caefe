/**
 * A CAE's invoicing of a month, federation-wide at a glance (docs/architecture.md "Invoices, numbers and the
 * ledger"): `invoiced` (issued invoices minus credit notes, excl. VAT) and `collected` (payments received, excl.
 * VAT), one item per CAE and month (`CAE#<caeId>#INVOICING` / `MONTH#<YYYY-MM>`), DynamoDB numbers added with
 * ADD on condition that the document is not counted yet (`counted`, a string set), as the ledger's month totals
 * are: a retry or a roll-forward counts a document once. The federation summary reads it for a page of CAEs
 * with one BatchGetItem.
 */
import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { NumberValue, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, fromAttributeValues, getManyRaw, keyOf, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { Dec, formatMoney } from '../../../domain/money.js';

export interface InvoicingFigures {
  invoiced: string;
  collected: string;
}

/** Adds a document's figures to its month, once per document id. */
export async function countInMonth(caeId: string, month: string, documentId: string, figures: { invoiced?: string; collected?: string }): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.invoicingMonth(caeId, month),
        UpdateExpression: 'SET #type = :type ADD invoiced :invoiced, collected :collected, counted :ids',
        ConditionExpression: 'NOT contains(counted, :id)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'INVOICING_MONTH',
          ':invoiced': NumberValue.from(figures.invoiced ?? '0'),
          ':collected': NumberValue.from(figures.collected ?? '0'),
          ':ids': new Set([documentId]),
          ':id': documentId,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** The month's figures of the CAEs that invoiced or collected something that month (money strings). */
export async function invoicingOfCaes(month: string, caeIds: readonly string[]): Promise<Map<string, InvoicingFigures>> {
  const found = await getManyRaw(
    caeIds.map((id) => keys.invoicingMonth(id, month)),
    { attributes: ['PK', 'SK', 'invoiced', 'collected'] },
  );
  const money = (v: unknown) => (typeof v === 'string' ? formatMoney(new Dec(v)) : '0.00');
  const figures = new Map<string, InvoicingFigures>();
  for (const id of caeIds) {
    const item = found.get(keyOf(keys.invoicingMonth(id, month))) as Record<string, AttributeValue> | undefined;
    if (!item) continue;
    const read = fromAttributeValues(item, true);
    figures.set(id, { invoiced: money(read.invoiced), collected: money(read.collected) });
  }
  return figures;
}

