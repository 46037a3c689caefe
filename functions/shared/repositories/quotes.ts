/**
 * Quotes (docs/api.md "Invoicing"), one item each in the entrepreneur's partition (`QUOTE#<id>`). A quote gets
 * its number "D-YYYY-NNNNN" from the CAE's quote sequence (sequences.ts) when it is created; the sequence's
 * finishing step is the quote's put, so that a quote whose request died after taking its number is written by
 * the next quote's request (no gap in quote numbers either). Answers (accepted, refused) change the item once,
 * on condition that it is still `sent`.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Line, QuoteStatus, Totals } from '../../../domain/invoicing/index.js';
import { db, tableName } from '../dynamo.js';
import { Conflict, NotFound } from '../errors.js';
import * as keys from '../keys.js';

export interface Quote {
  id: string;
  entrepreneurId: string;
  number: string;
  status: QuoteStatus;
  customerId: string;
  issuedOn: string;
  validUntil: string;
  lines: Line[];
  totals: Totals;
  notes?: string;
  acceptedOn?: string;
  refusedOn?: string;
  refusalReason?: string;
  createdAt: string;
}

function fromItem(item: Record<string, unknown>): Quote {
  const { PK, SK, type, ...rest } = item;
  return rest as unknown as Quote;
}

/** Writes a numbered quote once (a roll-forward and its own request may both try). */
export async function putQuote(caeId: string, quote: Quote): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.quote(caeId, quote.entrepreneurId, quote.id), type: 'QUOTE', ...quote },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function getQuote(caeId: string, entrepreneurId: string, quoteId: string): Promise<Quote> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.quote(caeId, entrepreneurId, quoteId), ConsistentRead: true }));
  if (!out.Item) throw new NotFound(`No quote ${quoteId}.`);
  return fromItem(out.Item);
}

/** Records the one answer to a quote: 409 when it was already accepted or refused. */
export async function answerQuote(
  caeId: string,
  entrepreneurId: string,
  quoteId: string,
  answer: { status: 'accepted'; acceptedOn: string } | { status: 'refused'; refusedOn: string; refusalReason?: string },
): Promise<Quote> {
  const { status, ...fields } = answer;
  const names = Object.keys(fields);
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.quote(caeId, entrepreneurId, quoteId),
        UpdateExpression: `SET #status = :status${names.map((n) => `, ${n} = :${n}`).join('')}`,
        ConditionExpression: 'attribute_exists(PK) AND #status = :sent',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':sent': 'sent',
          ...Object.fromEntries(Object.entries(fields).map(([n, v]) => [`:${n}`, v])),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem(out.Attributes as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await getQuote(caeId, entrepreneurId, quoteId);
    throw new Conflict('quote-already-answered', `Quote ${current.number} is already ${current.status}.`);
  }
}
