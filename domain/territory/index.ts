/**
 * French territories as funders name them: `france`, `region:84`, `departement:69`, `epci:200046977`,
 * `commune:69123`, and the rules that nest them.
 *
 * The codes come from territories.generated.json, derived by scripts/build-territories.ts from
 * @etalab/decoupage-administratif (the vintage is `datasetVintage`; codes change when communes merge, so
 * reports keep the vintage with the data), read from its brotli-packed copy (territories.packed.generated.ts:
 * half the bytes in each Lambda bundle). Its small tables are decoded when this module loads; communes are
 * looked up in place, and lists of communes are built on first use and cached. No I/O.
 *
 * Rules:
 * - Aggregation is per commune: an entrepreneur counts in every territory that contains the commune of their
 *   activity (`communeInTerritory`). A municipal arrondissement (75101, 69381, 13201…) counts in its commune
 *   (75056, 69123, 13055) and in everything that contains that commune.
 * - `contains(outer, inner)` is inclusion of commune sets: every commune of `inner` is in `outer`.
 *   `france` contains everything. A région contains its départements, the EPCIs whose communes are all in it,
 *   and its communes; likewise a département. An EPCI that spans two départements (89 do in this vintage,
 *   26 span two régions) is inside neither of them: a funder of one of those départements may not read that
 *   EPCI's report, but the EPCI's communes on their side do count in their département's report.
 *   Because it is set inclusion, the single-département régions of outre-mer are inside their département
 *   (`departement:974` contains `region:04` and the reverse), and commune 75056 contains 75101 (not the reverse).
 * - In scope: départements 01–95, 2A, 2B, 971–976 and their current communes. 975 (Saint-Pierre-et-Miquelon,
 *   a collectivité d'outre-mer with no région) has no région; the other collectivités (977, 978, 984–989) are
 *   not known codes. Some communes have no EPCI (Île-de-Bréhat, Île-de-Sein, Ouessant, L'Île-d'Yeu, 975).
 * - Only current codes are known: the code of a commune that merged into another is refused as unknown.
 */
import { brotliDecompressSync } from 'node:zlib';
import { packedTerritories } from './territories.packed.generated.js';

export type RegionCode = string;
export type DepartementCode = string;
export type EpciCode = string;
export type CommuneCode = string;

export type Territory =
  | { readonly kind: 'france' }
  | { readonly kind: 'region'; readonly code: RegionCode }
  | { readonly kind: 'departement'; readonly code: DepartementCode }
  | { readonly kind: 'epci'; readonly code: EpciCode }
  | { readonly kind: 'commune'; readonly code: CommuneCode };

export type TerritoryKind = Territory['kind'];

export interface TerritoryViolation {
  /** `malformed`: not of the form `kind:code` with a code of the right shape; `unknown`: no such territory. */
  readonly reason: 'malformed' | 'unknown';
  readonly message: string;
}

export type ParsedTerritory =
  | { readonly ok: true; readonly territory: Territory }
  | { readonly ok: false; readonly violation: TerritoryViolation };

/** The territories a commune belongs to. `arrondissement` is set when the code asked for was one. */
export interface CommuneTerritories {
  readonly commune: CommuneCode;
  readonly arrondissement?: CommuneCode;
  readonly epci?: EpciCode;
  readonly departement: DepartementCode;
  readonly region?: RegionCode;
}

// ---------------------------------------------------------------------------------------------------------
// Decoding (the encoding is described in scripts/build-territories.ts)

interface TerritoryData {
  format: string;
  dataset: string;
  regions: [string, string][];
  epcis: [string, string][];
  departements: [string, string, string, number[], string][];
  arrondissements: [string, string][];
}

const FORMAT = 'cae-territories/1';
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NO_COMMUNE = 45; // '-'
const NO_EPCI = 46; // '.'
/** A commune is packed in one number: département index × EPCI_SLOTS + EPCI index + 1 (0 = no EPCI). */
const EPCI_SLOTS = 4096;

function corrupt(message: string): never {
  throw new Error(`territories.generated.json: ${message} (run \`npm run territories\`)`);
}

const data = JSON.parse(brotliDecompressSync(Buffer.from(packedTerritories, 'base64')).toString('utf8')) as TerritoryData;
if (data.format !== FORMAT) corrupt(`format ${data.format}, expected ${FORMAT}`);
if (data.epcis.length >= EPCI_SLOTS) corrupt('too many EPCIs');

/** The dataset the codes come from, as `package@version`, e.g. `@etalab/decoupage-administratif@6.0.0`. */
export const datasetVintage: string = data.dataset;

// Only the small tables are decoded at load. A commune is looked up in its département's string
// (département code → string, suffix → character → EPCI), so the 35,000 communes cost nothing until a list of
// them is asked for (communesIn), and then once.
// Plain index loops: this code runs once, in the interpreter, on every cold start.
const regionNames = new Map<RegionCode, string>(data.regions);
const epciCount = data.epcis.length;
const epciCodeList: EpciCode[] = new Array(epciCount);
const epciNames: string[] = new Array(epciCount);
const epciIndex = new Map<EpciCode, number>();
/** For each EPCI, the indexes of the départements where it has communes. */
const epciDepartements: number[][] = new Array(epciCount);
for (let e = 0; e < epciCount; e++) {
  const row = data.epcis[e] as [string, string];
  epciCodeList[e] = row[0];
  epciNames[e] = row[1];
  epciIndex.set(row[0], e);
  epciDepartements[e] = [];
}

const departementCount = data.departements.length;
const departementCodeList: DepartementCode[] = new Array(departementCount);
const departementNames: string[] = new Array(departementCount);
const departementRegion: (RegionCode | undefined)[] = new Array(departementCount);
const departementEpcis: number[][] = new Array(departementCount);
const departementChars: string[] = new Array(departementCount);
const departementIndex = new Map<DepartementCode, number>();
const COMMUNE_CHARS = /^[-.0-9a-zA-Z]*$/;

for (let d = 0; d < departementCount; d++) {
  const [code, name, region, localEpcis, chars] = data.departements[d] as TerritoryData['departements'][number];
  departementCodeList[d] = code;
  departementNames[d] = name;
  departementRegion[d] = region === '' ? undefined : region;
  departementEpcis[d] = localEpcis;
  departementChars[d] = chars;
  departementIndex.set(code, d);
  if (!COMMUNE_CHARS.test(chars) || localEpcis.length > ALPHABET.length) corrupt(`département ${code} is garbled`);
  for (let j = 0; j < localEpcis.length; j++) {
    const list = epciDepartements[localEpcis[j] as number];
    if (list === undefined) corrupt(`département ${code} refers to EPCI #${localEpcis[j]}`);
    list.push(d);
  }
}

const alphabetIndex = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) alphabetIndex[ALPHABET.charCodeAt(i)] = i;

/**
 * The packed entry of a current commune (département index × EPCI_SLOTS + EPCI index + 1), or -1.
 * Départements beginning with 97 have 3 characters, the others 2.
 */
function lookup(code: string): number {
  if (code.length !== 5) return -1;
  const split = code.startsWith('97') ? 3 : 2;
  const d = departementIndex.get(code.slice(0, split));
  if (d === undefined) return -1;
  let suffix = 0;
  for (let i = split; i < 5; i++) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    suffix = suffix * 10 + digit;
  }
  const chars = departementChars[d] as string;
  if (suffix < 1 || suffix > chars.length) return -1;
  const ch = chars.charCodeAt(suffix - 1);
  if (ch === NO_COMMUNE) return -1;
  if (ch === NO_EPCI) return d * EPCI_SLOTS;
  const e = (departementEpcis[d] as number[])[alphabetIndex[ch] as number];
  if (e === undefined) corrupt(`commune ${code} has no EPCI entry`);
  return d * EPCI_SLOTS + e + 1;
}

const arrondissementParent = new Map<CommuneCode, CommuneCode>(data.arrondissements);
for (const [code, parent] of data.arrondissements) {
  if (lookup(parent) < 0) corrupt(`arrondissement ${code} of unknown commune ${parent}`);
}

/** The communes of département d whose character satisfies `keep`, in code order. */
function scan(d: number, keep: (ch: number) => boolean, into: CommuneCode[]): void {
  const code = departementCodeList[d] as string;
  const chars = departementChars[d] as string;
  const width = 5 - code.length;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars.charCodeAt(i);
    if (ch !== NO_COMMUNE && keep(ch)) into.push(code + String(i + 1).padStart(width, '0'));
  }
}

const listCache = new Map<string, readonly CommuneCode[]>();

function cached(key: string, build: () => CommuneCode[]): readonly CommuneCode[] {
  let list = listCache.get(key);
  if (list === undefined) {
    list = Object.freeze(build());
    listCache.set(key, list);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------------
// Codes

/** The 18 région codes, sorted. */
export const regionCodes: readonly RegionCode[] = Object.freeze([...regionNames.keys()]);
/** The 102 département codes (01–95, 2A, 2B, 971–976), sorted. */
export const departementCodes: readonly DepartementCode[] = Object.freeze([...departementCodeList]);
/** The EPCI codes (SIREN, 9 digits), sorted. */
export const epciCodes: readonly EpciCode[] = Object.freeze([...epciCodeList]);

/**
 * True for the INSEE code of a current commune (69123, 2A004, 97411) or of a municipal arrondissement of
 * Paris, Lyon or Marseille (75101, 69381, 13201). False for former codes and anything else.
 */
export function isCommuneCode(code: string): boolean {
  return lookup(code) >= 0 || arrondissementParent.has(code);
}

/** The territories of a commune (for an arrondissement, those of its commune), or undefined if unknown. */
export function territoriesOfCommune(code: CommuneCode): CommuneTerritories | undefined {
  const parent = arrondissementParent.get(code);
  const commune = parent ?? code;
  const packed = lookup(commune);
  if (packed < 0) return undefined;
  const d = Math.floor(packed / EPCI_SLOTS);
  const e = (packed % EPCI_SLOTS) - 1;
  const region = departementRegion[d];
  return {
    commune,
    ...(parent === undefined ? {} : { arrondissement: code }),
    ...(e < 0 ? {} : { epci: epciCodeList[e] as EpciCode }),
    departement: departementCodeList[d] as DepartementCode,
    ...(region === undefined ? {} : { region }),
  };
}

/** The départements and régions an EPCI's communes lie in (several when it straddles a border). */
export function territoriesOfEpci(
  code: EpciCode,
): { readonly departements: readonly DepartementCode[]; readonly regions: readonly RegionCode[] } | undefined {
  const e = epciIndex.get(code);
  if (e === undefined) return undefined;
  const where = epciDepartements[e] as number[];
  const regions = new Set<RegionCode>();
  for (const d of where) {
    const region = departementRegion[d];
    if (region !== undefined) regions.add(region);
  }
  return { departements: where.map((d) => departementCodeList[d] as DepartementCode), regions: [...regions].sort() };
}

// ---------------------------------------------------------------------------------------------------------
// Territories

const SHAPES: Record<Exclude<TerritoryKind, 'france'>, RegExp> = {
  region: /^\d{2}$/,
  departement: /^(\d{2}|2[AB]|\d{3})$/,
  epci: /^\d{9}$/,
  commune: /^(\d{5}|2[AB]\d{3})$/,
};

const NOUNS: Record<Exclude<TerritoryKind, 'france'>, string> = {
  region: 'région',
  departement: 'département',
  epci: 'EPCI',
  commune: 'commune',
};

function exists(territory: Territory): boolean {
  switch (territory.kind) {
    case 'france':
      return true;
    case 'region':
      return regionNames.has(territory.code);
    case 'departement':
      return departementIndex.has(territory.code);
    case 'epci':
      return epciIndex.has(territory.code);
    case 'commune':
      return isCommuneCode(territory.code);
  }
}

/**
 * Reads `france`, `region:84`, `departement:69`, `epci:200046977` or `commune:69123` (an arrondissement such
 * as `commune:75101` too). Case and spacing are significant: `Departement:69` or `departement:2a` are malformed.
 */
export function parseTerritory(text: string): ParsedTerritory {
  if (text === 'france') return { ok: true, territory: { kind: 'france' } };
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const code = text.slice(colon + 1);
  if (colon < 0 || !Object.hasOwn(SHAPES, kind)) {
    return malformed(`"${text}" is not a territory: expected france, region:, departement:, epci: or commune:`);
  }
  const k = kind as Exclude<TerritoryKind, 'france'>;
  if (!SHAPES[k].test(code)) return malformed(`"${code}" is not the shape of a ${NOUNS[k]} code`);
  const territory = { kind: k, code } as Territory;
  if (!exists(territory)) {
    return {
      ok: false,
      violation: { reason: 'unknown', message: `no ${NOUNS[k]} has the code ${code} in ${datasetVintage}` },
    };
  }
  return { ok: true, territory };
}

function malformed(message: string): ParsedTerritory {
  return { ok: false, violation: { reason: 'malformed', message } };
}

/** The string form read by parseTerritory: `france`, `departement:69`… */
export function formatTerritory(territory: Territory): string {
  return territory.kind === 'france' ? 'france' : `${territory.kind}:${territory.code}`;
}

/**
 * The name of a territory ('France', 'Auvergne-Rhône-Alpes', 'Rhône', 'Métropole de Lyon'), or undefined for
 * communes (their names are not bundled) and unknown codes.
 */
export function territoryName(territory: Territory): string | undefined {
  switch (territory.kind) {
    case 'france':
      return 'France';
    case 'region':
      return regionNames.get(territory.code);
    case 'departement': {
      const d = departementIndex.get(territory.code);
      return d === undefined ? undefined : departementNames[d];
    }
    case 'epci': {
      const e = epciIndex.get(territory.code);
      return e === undefined ? undefined : epciNames[e];
    }
    case 'commune':
      return undefined;
  }
}

/**
 * The aggregation rule: true when the commune (or municipal arrondissement) lies in the territory.
 * Unknown commune codes lie nowhere, not even in `france`.
 */
export function communeInTerritory(communeCode: CommuneCode, territory: Territory): boolean {
  const parent = arrondissementParent.get(communeCode);
  const packed = lookup(parent ?? communeCode);
  if (packed < 0) return false;
  const d = Math.floor(packed / EPCI_SLOTS);
  switch (territory.kind) {
    case 'france':
      return true;
    case 'region':
      return departementRegion[d] === territory.code;
    case 'departement':
      return departementCodeList[d] === territory.code;
    case 'epci': {
      const e = (packed % EPCI_SLOTS) - 1;
      return e >= 0 && epciCodeList[e] === territory.code;
    }
    case 'commune':
      return communeCode === territory.code || parent === territory.code;
  }
}

/**
 * The current communes of a territory, sorted (municipal arrondissements are covered by their commune); for a
 * commune territory, its own code (even an arrondissement's). Empty for an unknown territory.
 */
export function communesIn(territory: Territory): readonly CommuneCode[] {
  const all = (): boolean => true;
  switch (territory.kind) {
    case 'france':
      return cached('france', () => {
        const list: CommuneCode[] = [];
        for (let d = 0; d < departementCodeList.length; d++) scan(d, all, list);
        return list;
      });
    case 'region': {
      const code = territory.code;
      if (!regionNames.has(code)) return [];
      return cached(`region:${code}`, () => {
        const list: CommuneCode[] = [];
        for (let d = 0; d < departementCodeList.length; d++) if (departementRegion[d] === code) scan(d, all, list);
        return list;
      });
    }
    case 'departement': {
      const d = departementIndex.get(territory.code);
      if (d === undefined) return [];
      return cached(`departement:${territory.code}`, () => {
        const list: CommuneCode[] = [];
        scan(d, all, list);
        return list;
      });
    }
    case 'epci': {
      const e = epciIndex.get(territory.code);
      if (e === undefined) return [];
      return cached(`epci:${territory.code}`, () => {
        const list: CommuneCode[] = [];
        for (const d of epciDepartements[e] as number[]) {
          const mark = ALPHABET.charCodeAt((departementEpcis[d] as number[]).indexOf(e));
          scan(d, (ch) => ch === mark, list);
        }
        return list;
      });
    }
    case 'commune':
      return isCommuneCode(territory.code) ? [territory.code] : [];
  }
}

/**
 * True when every commune of `inner` lies in `outer` (so a territory contains itself). This is the access rule
 * for funders: a funder of `outer` may read the reports of `inner`. False when either territory is unknown.
 */
export function contains(outer: Territory, inner: Territory): boolean {
  if (!exists(outer) || !exists(inner)) return false;
  if (outer.kind === 'france') return true;
  if (inner.kind === 'france') return false; // france spans every région and département
  if (outer.kind === inner.kind && outer.code === inner.code) return true;
  return communesIn(inner).every((commune) => communeInTerritory(commune, outer));
}
