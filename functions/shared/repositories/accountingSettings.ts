/**
 * The CAE's accounting settings (`PUT /caes/{caeId}/accounting-settings`): one item per CAE under its books'
 * partition, read by every booking. It also keeps the first fiscal year that has entries (what "the CAE's life"
 * starts from for the books, history recorded after the fact included), which freezes the fiscal year's start.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AccountingSettings, DEFAULT_SETTINGS } from '../../../domain/accounting/index.js';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';

export interface StoredAccountingSettings {
  settings: AccountingSettings;
  /** The earliest fiscal year with a booked entry; absent before the first booking. */
  firstFiscalYear?: number;
  version: number;
}

export async function readAccountingSettings(caeId: string, consistent = false): Promise<StoredAccountingSettings> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.accountingSettings(caeId), ConsistentRead: consistent }));
  const item = out.Item;
  if (!item) return { settings: DEFAULT_SETTINGS, version: 0 };
  return {
    settings: {
      fiscalYearStartMonth: (item.fiscalYearStartMonth as number | undefined) ?? DEFAULT_SETTINGS.fiscalYearStartMonth,
      vatOnDebits: (item.vatOnDebits as boolean | undefined) ?? DEFAULT_SETTINGS.vatOnDebits,
      staffExpensesAccount: (item.staffExpensesAccount as AccountingSettings['staffExpensesAccount'] | undefined) ?? DEFAULT_SETTINGS.staffExpensesAccount,
      accounts: (item.accounts as AccountingSettings['accounts'] | undefined) ?? {},
    },
    ...(typeof item.firstFiscalYear === 'number' ? { firstFiscalYear: item.firstFiscalYear } : {}),
    version: (item.version as number | undefined) ?? 0,
  };
}

/** Writes the settings over the version read (ConcurrentChange when another write came first). */
export async function saveAccountingSettings(caeId: string, settings: AccountingSettings, versionRead: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.accountingSettings(caeId),
        UpdateExpression: 'SET #type = :type, fiscalYearStartMonth = :start, vatOnDebits = :debits, staffExpensesAccount = :staff, accounts = :accounts, version = :next',
        ConditionExpression: versionRead === 0 ? 'attribute_not_exists(version)' : 'version = :read',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'ACCOUNTING_SETTINGS',
          ':start': settings.fiscalYearStartMonth,
          ':debits': settings.vatOnDebits,
          ':staff': settings.staffExpensesAccount,
          ':accounts': settings.accounts,
          ':next': versionRead + 1,
          ...(versionRead === 0 ? {} : { ':read': versionRead }),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
}

/** Records that a fiscal year has entries, when it is earlier than any recorded (one write, the first time only). */
export async function noteFiscalYearBooked(caeId: string, fiscalYear: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.accountingSettings(caeId),
        UpdateExpression: 'SET #type = :type, firstFiscalYear = :fy',
        ConditionExpression: 'attribute_not_exists(firstFiscalYear) OR firstFiscalYear > :fy',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'ACCOUNTING_SETTINGS', ':fy': fiscalYear },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** For bulk loaders (the benchmark): the settings item as `saveAccountingSettings` and bookings leave it. */
export function accountingSettingsItem(caeId: string, settings: AccountingSettings, firstFiscalYear: number) {
  return { ...keys.accountingSettings(caeId), type: 'ACCOUNTING_SETTINGS', ...settings, firstFiscalYear, version: 1 };
}

