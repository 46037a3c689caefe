/**
 * How invoicing posts to the activity ledger (docs/architecture.md "Invoices, numbers and the ledger"): every
 * entry through `postEntry`, under a claim derived from the document (invoice and VAT rate, credit note and
 * rate, invoice and payment), so that the request, its retries and a roll-forward post each entry once.
 *
 * An entry whose month closed between the request's check and its post (payroll closed it in that instant)
 * is posted on the first day of the first open month instead: the number is taken or the money received, so
 * the entry cannot be refused; it counts in the next payroll, its label keeping the document's own date.
 */
import { monthOf, addMonthsToMonth, firstDayOf } from '../../domain/calendar.js';
import type { Transaction } from '../../domain/activityAccount/index.js';
import { MonthClosed } from '../shared/errors.js';
import { derivedEntryClaim } from '../shared/idempotency.js';
import { getCae } from '../shared/repositories/caes.js';
import { type EntryOrigin, postEntry } from '../shared/repositories/ledger.js';

export type DocumentEntry = Omit<Transaction, 'id' | 'month'>;

/** Posts one entry of a document, once, under the claim of `parts`; moved to the first open month if its own closed. */
export async function postDocumentEntry(caeId: string, entrepreneurId: string, origin: EntryOrigin, parts: readonly unknown[], entry: DocumentEntry): Promise<void> {
  const claim = derivedEntryClaim([caeId, entrepreneurId, ...parts]);
  let date = entry.date;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const dated = date;
      await postEntry({
        caeId,
        entrepreneurId,
        claim,
        origin,
        decide: () => ({ ...entry, id: claim.id, date: dated, month: monthOf(dated), ...(dated === entry.date ? {} : { label: `${entry.label} (du ${entry.date})`.slice(0, 200) }) }),
      });
      return;
    } catch (error) {
      if (!(error instanceof MonthClosed)) throw error;
      const cae = await getCae(caeId);
      if (!cae.lastClosedMonth) throw error;
      date = firstDayOf(addMonthsToMonth(cae.lastClosedMonth, 1));
    }
  }
}
