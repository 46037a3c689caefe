/**
 * The sections of the "bulletin clarifié" (arrêté du 25 février 2016, annex): each payslip line is printed under
 * the risk it covers, in the model's order. The codes are those of the rate tables (domain/payroll/rates); a
 * code without a section would be printed under "Autres contributions dues par l'employeur", and
 * test/unit/payroll/documents/sections.test.ts fails on any code of a table that has none.
 */

export const SECTIONS = [
  { id: 'sante', title: 'SANTÉ' },
  { id: 'atmp', title: 'ACCIDENTS DU TRAVAIL - MALADIES PROFESSIONNELLES' },
  { id: 'retraite', title: 'RETRAITE' },
  { id: 'famille', title: 'FAMILLE' },
  { id: 'chomage', title: 'ASSURANCE CHÔMAGE' },
  { id: 'autres', title: "AUTRES CONTRIBUTIONS DUES PAR L'EMPLOYEUR" },
  { id: 'csg', title: 'CSG / CRDS' },
  { id: 'exonerations', title: 'EXONÉRATIONS, ÉCRÊTEMENTS ET ALLÈGEMENTS DE COTISATIONS' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SECTION_OF_CODE: Readonly<Record<string, SectionId>> = {
  maladie: 'sante',
  'complementaire-sante': 'sante',
  'accidents-du-travail': 'atmp',
  'vieillesse-plafonnee': 'retraite',
  'vieillesse-deplafonnee': 'retraite',
  'retraite-complementaire-t1': 'retraite',
  'retraite-complementaire-t2': 'retraite',
  cet: 'retraite',
  'allocations-familiales': 'famille',
  'assurance-chomage': 'chomage',
  'autres-contributions-employeur': 'autres',
  fnal: 'autres',
  'forfait-social': 'autres',
  csa: 'autres',
  'dialogue-social': 'autres',
  'formation-professionnelle': 'autres',
  'taxe-apprentissage': 'autres',
  'contribution-supplementaire-apprentissage': 'autres',
  peec: 'autres',
  'versement-mobilite': 'autres',
  'csg-deductible': 'csg',
  'csg-crds-non-deductible': 'csg',
  'reduction-generale': 'exonerations',
  rgdu: 'exonerations',
};

/** The printed label of a line where the model words it otherwise than the rate table. */
export const LABEL_OF_CODE: Readonly<Record<string, string>> = {
  'csg-deductible': "CSG déductible de l'impôt sur le revenu",
  'csg-crds-non-deductible': "CSG/CRDS non déductible de l'impôt sur le revenu",
};

export function sectionOf(code: string): SectionId {
  return SECTION_OF_CODE[code] ?? 'autres';
}
