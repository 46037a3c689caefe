/**
 * The XMP metadata of the Factur-X PDF (docs/architecture.md "Invoice documents (Factur-X)"): PDF/A-3 level B
 * identification, the document information (the same values as the Info dictionary, as PDF/A requires), and the
 * Factur-X extension schema, declared in a pdfaExtension block since PDF/A admits no undeclared property.
 * Written with XMLBuilder, which escapes the seller's name and the title.
 */
import { XMLBuilder } from 'fast-xml-parser';

export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_FILE_NAME = 'factur-x.xml';
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';

export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  creatorTool: string;
  producer: string;
  /** ISO 8601 with its zone, "2026-03-16T00:00:00Z": the same instant as the Info dictionary's dates. */
  date: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: ' ' });

const property = (name: string, description: string) => ({
  '@_rdf:parseType': 'Resource',
  'pdfaProperty:name': name,
  'pdfaProperty:valueType': 'Text',
  'pdfaProperty:category': 'external',
  'pdfaProperty:description': description,
});

export function xmpMetadata(fields: XmpFields): string {
  const tree = {
    '?xpacket': { '@_begin': '\uFEFF', '@_id': 'W5M0MpCehiHzreSzNTczkc9d' },
    'x:xmpmeta': {
      '@_xmlns:x': 'adobe:ns:meta/',
      'rdf:RDF': {
        '@_xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
        'rdf:Description': [
          { '@_rdf:about': '', '@_xmlns:pdfaid': 'http://www.aiim.org/pdfa/ns/id/', 'pdfaid:part': '3', 'pdfaid:conformance': 'B' },
          {
            '@_rdf:about': '',
            '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
            'dc:format': 'application/pdf',
            'dc:title': { 'rdf:Alt': { 'rdf:li': { '@_xml:lang': 'x-default', '#text': fields.title } } },
            'dc:creator': { 'rdf:Seq': { 'rdf:li': fields.author } },
            'dc:description': { 'rdf:Alt': { 'rdf:li': { '@_xml:lang': 'x-default', '#text': fields.subject } } },
          },
          { '@_rdf:about': '', '@_xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/', 'pdf:Producer': fields.producer },
          {
            '@_rdf:about': '',
            '@_xmlns:xmp': 'http://ns.adobe.com/xap/1.0/',
            'xmp:CreatorTool': fields.creatorTool,
            'xmp:CreateDate': fields.date,
            'xmp:ModifyDate': fields.date,
            'xmp:MetadataDate': fields.date,
          },
          {
            '@_rdf:about': '',
            '@_xmlns:pdfaExtension': 'http://www.aiim.org/pdfa/ns/extension/',
            '@_xmlns:pdfaSchema': 'http://www.aiim.org/pdfa/ns/schema#',
            '@_xmlns:pdfaProperty': 'http://www.aiim.org/pdfa/ns/property#',
            'pdfaExtension:schemas': {
              'rdf:Bag': {
                'rdf:li': {
                  '@_rdf:parseType': 'Resource',
                  'pdfaSchema:schema': 'Factur-X PDFA Extension Schema',
                  'pdfaSchema:namespaceURI': FACTURX_NAMESPACE,
                  'pdfaSchema:prefix': 'fx',
                  'pdfaSchema:property': {
                    'rdf:Seq': {
                      'rdf:li': [
                        property('DocumentFileName', 'The name of the embedded XML document'),
                        property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'),
                        property('Version', 'The actual version of the standard applying to the embedded XML document'),
                        property('ConformanceLevel', 'The conformance level of the embedded XML document'),
                      ],
                    },
                  },
                },
              },
            },
          },
          {
            '@_rdf:about': '',
            '@_xmlns:fx': FACTURX_NAMESPACE,
            'fx:DocumentType': 'INVOICE',
            'fx:DocumentFileName': FACTURX_FILE_NAME,
            'fx:Version': '1.0',
            'fx:ConformanceLevel': FACTURX_CONFORMANCE_LEVEL,
          },
        ],
      },
    },
  };
  // The closing packet marker is constant; XMLBuilder writes one processing instruction per name.
  return `${builder.build(tree)}<?xpacket end="w"?>`;
}
