/**
 * A CAE's compliance figures of a month (docs/architecture.md "Accompaniment"): how many people were accompanied
 * and how many were compliant on the month's last day (on the day they were taken, for the month in progress).
 * Item `CAE#<caeId>#COMPLIANCE` / `MONTH#<YYYY-MM>`, written by the accompaniment flows only: kept when an
 * interview is recorded, dropped for the earlier months an interview recorded after the fact changes, and
 * taken again when the summary finds it missing or older than the day it should show.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, getMany, keyOf, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

export interface ComplianceFigures {
  caeId: string;
  month: string;
  asOf: string;
  people: number;
  compliant: number;
}

export async function putComplianceFigures(f: ComplianceFigures): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.complianceOfMonth(f.caeId, f.month), type: 'COMPLIANCE', ...f } }));
}

/** The stored figures of a month for each CAE (one BatchGetItem per 100 CAEs). */
export async function complianceFiguresOf(caeIds: readonly string[], month: string): Promise<Map<string, ComplianceFigures>> {
  const wanted = caeIds.map((caeId) => keys.complianceOfMonth(caeId, month));
  const found = await getMany(wanted);
  const out = new Map<string, ComplianceFigures>();
  caeIds.forEach((caeId, i) => {
    const item = found.get(keyOf(wanted[i] as { PK: string; SK: string }));
    if (item) out.set(caeId, { caeId, month, asOf: String(item.asOf), people: Number(item.people), compliant: Number(item.compliant) });
  });
  return out;
}

/** Drops months' figures that a change made stale (they are taken again when read). */
export async function dropComplianceFigures(caeId: string, months: readonly string[]): Promise<void> {
  await Promise.all(months.map((month) => db.send(new DeleteCommand({ TableName: tableName, Key: keys.complianceOfMonth(caeId, month) }))));
}
