import { describe, expect, it } from 'vitest';
import { ciiXml } from '../../../../functions/invoicing/documents/cii.js';
import { facturxPdf } from '../../../../functions/invoicing/documents/facturx.js';
import type { InvoiceDocument } from '../../../../functions/invoicing/documents/model.js';
import { checkCii, keepForValidation, pdfPagesText, readFacturx } from '../../../support/facturx.js';
import { businessInvoice, creditNote, line, longInvoice, PERSON_BUYER, withTotals } from './samples.js';

/** Renders the document, keeping the PDF for the official validator when asked (FACTURX_DUMP_DIR). */
async function render(name: string, doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await facturxPdf(doc);
  keepForValidation(`${name}.pdf`, pdf);
  return pdf;
}

describe('the Factur-X PDF/A-3 of an invoice', () => {
  it('embeds factur-x.xml as the alternative form of the invoice, listed in the catalog /AF', async () => {
    const fx = await readFacturx(await render('container', businessInvoice()));
    expect(fx.attachments).toEqual(['factur-x.xml']);
    expect(fx.mimeType).toBe('text/xml');
    expect(fx.afRelationship).toBe('Alternative');
    expect(fx.hasModDate).toBe(true);
    expect(fx.listedInAF).toBe(true);
  });

  it('carries the CII XML of the same document, whose sums hold', async () => {
    const doc = businessInvoice();
    const fx = await readFacturx(await render('xml', doc));
    expect(fx.xml).toBe(ciiXml(doc));
    expect(checkCii(fx.xml).violations).toEqual([]);
  });

  it('declares PDF/A-3B and the Factur-X EN 16931 extension schema in its XMP', async () => {
    const fx = await readFacturx(await render('xmp', businessInvoice()));
    expect(fx.xmpFields).toMatchObject({
      'pdfaid:part': '3',
      'pdfaid:conformance': 'B',
      'fx:DocumentType': 'INVOICE',
      'fx:DocumentFileName': 'factur-x.xml',
      'fx:Version': '1.0',
      'fx:ConformanceLevel': 'EN 16931',
      extensionSchema: 'declared',
    });
  });

  it('says the same in its XMP as in its Info dictionary (PDF/A), dated on the issue date', async () => {
    const fx = await readFacturx(await render('info', businessInvoice()));
    expect(fx.info.Title).toBe('Facture n° 2026-000042');
    expect(fx.xmpFields['dc:title']).toBe(fx.info.Title);
    expect(fx.xmpFields['dc:creator']).toBe(fx.info.Author);
    expect(fx.xmpFields['pdf:Producer']).toBe(fx.info.Producer);
    expect(fx.info.CreationDate).toBe('D:20260316000000Z');
    expect(fx.xmpFields['xmp:CreateDate']).toBe('2026-03-16T00:00:00Z');
    expect(fx.xmpFields['xmp:ModifyDate']).toBe('2026-03-16T00:00:00Z');
  });

  it('has an sRGB OutputIntent with an ICC profile, embedded fonts only, and a trailer /ID', async () => {
    const fx = await readFacturx(await render('intent', businessInvoice()));
    expect(fx.outputIntent).toEqual({ subtype: 'GTS_PDFA1', components: 3, iccSignature: 'acsp', iccColourSpace: 'RGB ' });
    expect(fx.fonts.length).toBe(2);
    expect(fx.fonts.every((f) => f.embedded)).toBe(true);
    expect(fx.trailerId).toHaveLength(2);
    expect(fx.trailerId?.[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives the same bytes for the same document, and another /ID for another one', async () => {
    const a = await facturxPdf(businessInvoice());
    const b = await facturxPdf(businessInvoice());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await readFacturx(await facturxPdf(businessInvoice({ number: '2026-000043' })));
    expect(other.trailerId?.[0]).not.toBe((await readFacturx(a)).trailerId?.[0]);
  });
});

describe('what a person reads on the invoice', () => {
  it('shows the title, the dates and the nature of the operation in French', async () => {
    const [page] = await pdfPagesText(await render('read-header', businessInvoice()));
    expect(page).toContain('Facture n° 2026-000042');
    expect(page).toContain("Date d'émission 16/03/2026");
    expect(page).toContain("Date de livraison / d'exécution 13/03/2026");
    expect(page).toContain('Échéance 15/04/2026');
    expect(page).toContain("Nature de l'opération : prestations de services");
  });

  it("shows the CAE's legal identity and the activity's trade name", async () => {
    const [page] = await pdfPagesText(await render('read-seller', businessInvoice()));
    for (const mention of [
      'Coopérative Oxalis Rhône',
      'SCOP SA au capital de 15 000,00 €',
      'RCS Lyon 552 100 554',
      'SIRET 552 100 554 00013',
      'TVA intracommunautaire FR40552100554',
      'APE 7022Z',
      'Activité : Atelier Graphique Lumen',
    ]) {
      expect(page).toContain(mention);
    }
  });

  it('shows the buyer with its SIREN and VAT number', async () => {
    const [page] = await pdfPagesText(await render('read-buyer', businessInvoice()));
    expect(page).toContain("Boulangerie L'Épi d'Or & Fils");
    expect(page).toContain('3 place des Terreaux 69001 Lyon');
    expect(page).toContain('SIREN 732 829 320');
    expect(page).toContain('TVA intracommunautaire FR44732829320');
  });

  it('shows each line and the totals per VAT rate in French number format', async () => {
    const [page] = await pdfPagesText(await render('read-lines', businessInvoice()));
    expect(page).toContain('Séances de travail 3 h 85,50 € 20 % 256,50 €');
    expect(page).toContain('2 unité 23,70 € 5,5 % 47,40 €');
    expect(page).toContain('Total HT 1 503,90 €');
    expect(page).toContain('TVA 20 % sur 1 456,50 € 291,30 €');
    expect(page).toContain('TVA 5,5 % sur 47,40 € 2,61 €');
    expect(page).toContain('Total TTC 1 797,81 €');
  });

  it('shows the payment terms, the IBAN and BIC, the penalty rate and, between businesses, the 40 € indemnity', async () => {
    const [page] = await pdfPagesText(await render('read-terms', businessInvoice()));
    expect(page).toContain('au plus tard le 15/04/2026');
    expect(page).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 – BIC AGRIFRPP');
    expect(page).toContain('Pénalités de retard : taux annuel de 10,65 %');
    expect(page).toContain('Indemnité forfaitaire pour frais de recouvrement : 40,00 €');
    expect(page).toContain("Pas d'escompte pour paiement anticipé.");
  });

  it('leaves the indemnity out for a person, and shows what remains due after a payment', async () => {
    const doc = businessInvoice({ buyer: PERSON_BUYER, fixedRecoveryIndemnity: undefined, paid: '797.81', amountDue: '1000.00' });
    const [page] = await pdfPagesText(await render('read-person', doc));
    expect(page).not.toContain('Indemnité forfaitaire');
    expect(page).not.toContain('SIREN');
    expect(page).toContain('Déjà réglé 797,81 €');
    expect(page).toContain('Reste à payer 1 000,00 €');
  });

  it('titles a credit note with the invoice it corrects, and says why', async () => {
    const pdf = await render('read-credit-note', creditNote());
    const [page] = await pdfPagesText(pdf);
    expect(page).toContain('Avoir n° 2026-000057 sur facture n° 2026-000042');
    expect(page).toContain("Motif de l'avoir : Une séance annulée");
    expect(page).toContain("Total TTC de l'avoir 102,60 €");
    expect(checkCii((await readFacturx(pdf)).xml).typeCode).toBe('381');
  });

  it('states the exemption of a 0 rate line', async () => {
    const doc = businessInvoice({ ...withTotals(businessInvoice(), [line('Formation', '1', '500.00', '0')]), vatExemption: { category: 'E', reason: 'Exonération, art. 261-4-4° du CGI' } });
    const [page] = await pdfPagesText(await render('read-exempt', doc));
    expect(page).toContain('TVA 0 % sur 500,00 € 0,00 €');
    expect(page).toContain('TVA : Exonération, art. 261-4-4° du CGI.');
  });

  it('flows many lines over several numbered pages, repeating the table header on each, totals after the last line', async () => {
    const doc = longInvoice(60);
    const pages = await pdfPagesText(await render('read-long', doc));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} / ${pages.length}`);
      if (p.includes('Prestation n°')) expect(p).toContain('Désignation Qté Unité PU HT TVA Total HT');
    });
    const all = pages.join(' ');
    for (let i = 1; i <= 60; i++) expect(all.split(`Prestation n° ${i} :`).length - 1).toBe(1);
    const last = pages[pages.length - 1] as string;
    expect(last).toContain('Total TTC');
    expect(last.indexOf('Prestation n° 60 :')).toBeLessThan(last.indexOf('Total TTC'));
    expect(checkCii((await readFacturx(await facturxPdf(doc))).xml).lineCount).toBe(60);
  });

  it('flows a description longer than a page and very long names without losing a character', async () => {
    // A letter no mention uses, so that counting it counts the description.
    const word = 'ŧ'.repeat(5000);
    const doc = {
      ...withTotals(businessInvoice(), [line(word, '1', '10.00'), line('Suite', '1', '1.00')]),
      buyer: { ...businessInvoice().buyer, name: 'N'.repeat(300) },
    };
    const pages = await pdfPagesText(await render('read-overflow', doc));
    const all = pages.join('').replace(/ /g, '');
    expect(all.split('ŧ').length - 1).toBe(5000);
    expect(all).toContain('N'.repeat(300));
    expect(checkCii((await readFacturx(await facturxPdf(doc))).xml).violations).toEqual([]);
  });

  it('shows a character its fonts lack as "?" and still makes a valid document', async () => {
    const doc = withTotals(businessInvoice(), [line('Logo 🎨 et 漢字, 3 œuvres « déjà » livrées', '1', '10.00')]);
    const pdf = await render('read-unknown-chars', doc);
    const [page] = await pdfPagesText(pdf);
    expect(page).toContain('Logo ? et ??, 3 œuvres « déjà » livrées');
    // The XML keeps the text as given: only the PDF's fonts are limited.
    expect((await readFacturx(pdf)).xml).toContain('Logo 🎨 et 漢字');
  });
});
