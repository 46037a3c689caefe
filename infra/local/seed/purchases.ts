/**
 * Demo purchases (docs/architecture.md "Object storage"): for the first CAE's employee, two receipts uploaded to
 * the local object storage with their presigned URLs (a till ticket and a PDF), a supplier's Factur-X invoice
 * made with the product's own writer, uploaded and imported into a draft that waits for the staff's validation,
 * and a typed-in supplier invoice already approved (its expenses in the account). All through the API.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays } from '../../../domain/calendar.js';
import { facturxPdf } from '../../../functions/invoicing/documents/facturx.js';
import type { InvoiceDocument } from '../../../functions/invoicing/documents/model.js';
import { todayInParis } from '../../../functions/shared/clock.js';
import type { DemoFederation } from '../seed.js';

/** The fields of the API's answers the seed reads. */
interface Reply {
  id: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
}

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Reply;
  if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Registers a receipt and uploads its bytes with the presigned PUT; the receipt's id. */
async function uploadReceipt(base: string, token: string, account: string, fileName: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const receipt = await call(base, token, 'POST', `${account}/receipts`, { fileName, contentType, size: bytes.byteLength });
  const put = await fetch(receipt.uploadUrl, { method: 'PUT', headers: receipt.uploadHeaders, body: bytes });
  if (put.status !== 200) throw new Error(`seed: upload of ${fileName} → ${put.status} ${await put.text()}`);
  return receipt.id;
}

/** A 1×1 PNG: the smallest image that is one. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

async function ticketPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 400]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Train Lyon - Grenoble, aller-retour: 42,60 EUR TTC', { x: 20, y: 360, size: 9, font });
  return doc.save();
}

/** A supplier's invoice to the CAE, as that supplier's back office would write it. */
function supplierInvoice(issuedOn: string, buyer: string): InvoiceDocument {
  const lines = [
    { description: 'Ramettes de papier A4 80 g', quantity: '10', unit: 'unit', unitPriceExclVat: '4.90', vatRate: '0.20', lineTotalExclVat: '49.00' },
    { description: 'Cartouches d’encre', quantity: '2', unit: 'unit', unitPriceExclVat: '31.25', vatRate: '0.20', lineTotalExclVat: '62.50' },
    { description: 'Guide « Créer son activité »', quantity: '1', unit: 'unit', unitPriceExclVat: '25.00', vatRate: '0.055', lineTotalExclVat: '25.00' },
  ];
  return {
    kind: 'invoice',
    number: `PL-${issuedOn.slice(0, 4)}-0317`,
    issuedOn,
    dueOn: addDays(issuedOn, 30),
    operationKind: 'goods',
    paymentTermsDays: 30,
    latePenaltyRate: '0.1065',
    fixedRecoveryIndemnity: '40.00',
    seller: {
      name: 'Papeterie Lumière SARL',
      legalForm: 'SARL',
      siret: '73282932000074',
      vatNumber: 'FR44732829320',
      address: { line1: '5 rue Mercière', postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
    },
    buyer: { name: buyer, kind: 'company', address: { line1: '1 place Bellecour', postalCode: '69002', city: 'Lyon', countryCode: 'FR' } },
    lines,
    totals: {
      exclVat: '136.50',
      vat: [
        { rate: '0.20', base: '111.50', amount: '22.30' },
        { rate: '0.055', base: '25.00', amount: '1.38' },
      ],
      inclVat: '160.18',
    },
  };
}

/** Seeds the demo's purchases; `admin` is a federation admin's token. */
export async function seedPurchases(apiUrl: string, admin: string, demo: DemoFederation): Promise<void> {
  const { caeId, id } = demo.entrepreneur;
  const cae = demo.caes.find((c) => c.id === caeId);
  if (!caeId || !id || !cae) return;
  const account = `/caes/${caeId}/entrepreneurs/${id}`;
  const today = demo.today ?? todayInParis();
  await uploadReceipt(apiUrl, admin, account, 'ticket-café.png', 'image/png', PNG);
  await uploadReceipt(apiUrl, admin, account, 'billet-train-lyon-grenoble.pdf', 'application/pdf', await ticketPdf());
  // The supplier's Factur-X, imported: a draft in the staff's queue (GET /caes/{caeId}/supplier-invoices).
  const facturx = await facturxPdf(supplierInvoice(today, cae.name));
  const receiptId = await uploadReceipt(apiUrl, admin, account, 'facture-papeterie-lumiere.pdf', 'application/pdf', facturx);
  await call(apiUrl, admin, 'POST', `${account}/supplier-invoices/import`, { receiptId, purchaseForResale: false });
  // A typed-in invoice of goods for resale, approved: its expenses are in this month's account.
  const typed = await call(apiUrl, admin, 'POST', `${account}/supplier-invoices`, {
    supplier: { name: 'Bois & Forêts du Pilat', siren: '552100554' },
    number: `BF-${today.slice(0, 7)}-88`,
    issuedOn: today,
    lines: [{ description: 'Planches de chêne', amountExclVat: '420.00', vatRate: '0.20' }],
    purchaseForResale: true,
  });
  await call(apiUrl, admin, 'POST', `${account}/supplier-invoices/${typed.id}/approval`);
}
