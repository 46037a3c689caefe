/**
 * The invoice or credit note as a Factur-X PDF (docs/architecture.md "Invoice documents (Factur-X)"): a PDF/A-3b
 * made with pdf-lib, whose pages a person reads (layout.ts) and which carries the same invoice as CII XML
 * (cii.ts) in an embedded `factur-x.xml`. What PDF/A-3 and Factur-X ask of the container, and where it is made:
 *
 * - fonts embedded (DejaVu Sans, subset again by pdf-lib to the glyphs used), colours in sRGB with an OutputIntent
 *   carrying the ICC profile;
 * - XMP metadata with the PDF/A identification and the Factur-X extension schema (xmp.ts), matching the Info
 *   dictionary;
 * - the XML as an embedded file (MIME subtype, ModDate) whose file specification says AFRelationship
 *   /Alternative and is listed both in the EmbeddedFiles name tree and in the catalog's /AF;
 * - a trailer /ID.
 *
 * Deterministic: the same document gives the same bytes. Every date in the file is the issue date, the /ID is a
 * hash of the XML, and pdf-lib's own name suffixes come from a generator seeded with a constant.
 */
import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { documentAssets } from './assets.js';
import { ciiXml } from './cii.js';
import { drawDocument } from './layout.js';
import { documentTitle } from './mentions.js';
import type { InvoiceDocument } from './model.js';
import { FACTURX_FILE_NAME, xmpMetadata } from './xmp.js';

export const PRODUCER = 'cae-back-office (pdf-lib 1.17.1)';
const CREATOR = 'cae-back-office';
const SRGB = 'sRGB IEC61966-2.1';

/** The Factur-X PDF/A-3 of the document. */
export async function facturxPdf(doc: InvoiceDocument): Promise<Uint8Array> {
  return facturxPdfWithXml(doc, ciiXml(doc));
}

/** The same, around an XML the caller already made (the route that serves both makes it once). */
export async function facturxPdfWithXml(doc: InvoiceDocument, xml: string): Promise<Uint8Array> {
  const assets = documentAssets();
  // updateMetadata: false, or pdf-lib stamps the current time into the Info dictionary (and the bytes would vary).
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts = {
    regular: await pdf.embedFont(assets.regularFont, { subset: true }),
    bold: await pdf.embedFont(assets.boldFont, { subset: true }),
  };
  drawDocument(pdf, fonts, doc);

  const issued = new Date(`${doc.issuedOn}T00:00:00Z`);
  const title = documentTitle(doc);
  const subject = doc.kind === 'invoice' ? `Facture de ${doc.seller.name} à ${doc.buyer.name}` : `Avoir de ${doc.seller.name} à ${doc.buyer.name}`;
  pdf.setTitle(title);
  pdf.setAuthor(doc.seller.name);
  pdf.setSubject(subject);
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  pdf.setLanguage('fr-FR');

  const context = pdf.context;
  const catalog = pdf.catalog;
  const xmlBytes = new TextEncoder().encode(xml);

  // The XMP stays uncompressed: PDF/A readers and indexers read it in place.
  const xmp = xmpMetadata({ title, author: doc.seller.name, subject, creatorTool: CREATOR, producer: PRODUCER, date: `${doc.issuedOn}T00:00:00Z` });
  const metadata = context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.register(context.flateStream(assets.srgbProfile, { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB),
    Info: PDFString.of(SRGB),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  const file = context.register(
    context.flateStream(xmlBytes, {
      Type: 'EmbeddedFile',
      Subtype: 'text/xml',
      Params: { Size: xmlBytes.length, CreationDate: PDFString.fromDate(issued), ModDate: PDFString.fromDate(issued) },
    }),
  );
  const fileSpec = context.register(
    context.obj({
      Type: 'Filespec',
      F: PDFString.of(FACTURX_FILE_NAME),
      UF: PDFHexString.fromText(FACTURX_FILE_NAME),
      EF: { F: file, UF: file },
      Desc: PDFHexString.fromText(`Factur-X (EN 16931) : ${title}`),
      AFRelationship: 'Alternative',
    }),
  );
  catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: { Names: [PDFString.of(FACTURX_FILE_NAME), fileSpec] } }));
  catalog.set(PDFName.of('AF'), context.obj([fileSpec]));

  // /ID: two equal halves for a file written once, from the content itself.
  const id = createHash('sha256').update(xml).update(title).digest('hex').slice(0, 32);
  context.trailerInfo.ID = PDFArray.withContext(context);
  (context.trailerInfo.ID as PDFArray).push(PDFHexString.of(id));
  (context.trailerInfo.ID as PDFArray).push(PDFHexString.of(id));

  return pdf.save({ useObjectStreams: false });
}
