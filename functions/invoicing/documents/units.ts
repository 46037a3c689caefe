/**
 * The units of the API's lines, as UN/ECE Recommendation 20 codes (what EN 16931 wants in BT-130) and as French
 * words for the person reading the PDF. An unknown unit is kept as written on the PDF and coded C62 ("one").
 */
const UNITS: Record<string, { code: string; label: string }> = {
  hour: { code: 'HUR', label: 'h' },
  day: { code: 'DAY', label: 'jour' },
  week: { code: 'WEE', label: 'semaine' },
  month: { code: 'MON', label: 'mois' },
  year: { code: 'ANN', label: 'an' },
  unit: { code: 'C62', label: 'unité' },
  piece: { code: 'H87', label: 'pièce' },
  package: { code: 'XPK', label: 'colis' },
  set: { code: 'SET', label: 'lot' },
  kg: { code: 'KGM', label: 'kg' },
  g: { code: 'GRM', label: 'g' },
  km: { code: 'KMT', label: 'km' },
  m: { code: 'MTR', label: 'm' },
  m2: { code: 'MTK', label: 'm²' },
  m3: { code: 'MTQ', label: 'm³' },
  l: { code: 'LTR', label: 'l' },
  word: { code: 'D68', label: 'mot' },
  flat_rate: { code: 'C62', label: 'forfait' },
  lump_sum: { code: 'LS', label: 'forfait' },
};

export function unitCode(unit: string | undefined): string {
  return (unit && UNITS[unit]?.code) || 'C62';
}

export function unitLabel(unit: string | undefined): string {
  if (!unit) return '';
  return UNITS[unit]?.label ?? unit;
}
