/**
 * Builds domain/territory/territories.generated.json, the compact territory lookup bundled into the Lambdas,
 * from the data of @etalab/decoupage-administratif (communes.json is 8.6 MB and epci.json 4 MB: far too big
 * to bundle). Run with `npm run territories` after upgrading the package, then commit the generated file.
 *
 * Scope: the current communes (type 'commune-actuelle') of the départements 01–95, 2A, 2B and 971–976,
 * the municipal arrondissements of Paris, Lyon and Marseille, the 18 régions and every EPCI à fiscalité
 * propre. The collectivités d'outre-mer 977, 978 and 984–989 are left out (not départements);
 * 975 (Saint-Pierre-et-Miquelon) is in, without a région.
 *
 * Encoding (format "cae-territories/1"), decoded by domain/territory/index.ts:
 *   dataset      "<package name>@<version>": the vintage of the codes.
 *   regions      [[code, name]] sorted by code.
 *   epcis        [[siren, name]] sorted by code; an EPCI is referred to by its index in this array.
 *   departements [[code, name, région code or "", [index in epcis…], communes]] sorted by code, where
 *                `communes` has one character per commune-code suffix 1, 2, 3… (3 digits after a 2-character
 *                département, 2 after a 3-character one): '-' no current commune has that code, '.' a commune
 *                outside any EPCI, otherwise the position in the département's own EPCI list, in ALPHABET.
 *                So "..0-1" for département 29 reads 29001 and 29002 without EPCI, 29003 in the first
 *                EPCI of the list, no 29004, 29005 in the second.
 *   arrondissements [[arrondissement code, commune code]] sorted by code.
 * The writer puts one record per line (readable diffs) and sorts everything, so the same input gives the same
 * bytes.
 *
 * The JSON is the reviewed file; what the Lambdas load is territories.packed.generated.ts, the same bytes
 * brotli-compressed in a base64 string: half the size in every bundle that validates a commune code (the data
 * is ~40% of such a bundle) and cheaper to parse than the object literal esbuild makes of a JSON import.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FORMAT = 'cae-territories/1';
export const PACKAGE_NAME = '@etalab/decoupage-administratif';
/** Characters that stand for a commune's EPCI, by position in its département's EPCI list. */
export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const NO_COMMUNE = '-';
export const NO_EPCI = '.';
/** Départements in scope: metropolitan 01–95 with Corsica's 2A/2B (no 20), and 971–976. */
export const DEPARTEMENT_PATTERN = /^(0[1-9]|1\d|2[AB1-9]|[3-8]\d|9[0-5]|97[1-6])$/;
/** Régions: two digits (the dataset also lists collectivités d'outre-mer as 3-digit pseudo-régions). */
const REGION_PATTERN = /^\d{2}$/;

interface SourceCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  commune?: string;
}
interface SourceEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}
interface SourceDepartement {
  code: string;
  nom: string;
  region: string;
}
interface SourceRegion {
  code: string;
  nom: string;
}

export interface SourceData {
  version: string;
  communes: readonly SourceCommune[];
  epci: readonly SourceEpci[];
  departements: readonly SourceDepartement[];
  regions: readonly SourceRegion[];
}

export interface TerritoryData {
  format: string;
  dataset: string;
  regions: [code: string, name: string][];
  epcis: [code: string, name: string][];
  departements: [code: string, name: string, region: string, epcis: number[], communes: string][];
  arrondissements: [code: string, commune: string][];
}

/** Reads the installed package's data files. */
export function readInstalledSource(): SourceData {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${PACKAGE_NAME}/package.json`);
  const dataDir = join(dirname(packageJson), 'data');
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;
  return {
    version: read<{ version: string }>('../package.json').version,
    communes: read<SourceCommune[]>('communes.json'),
    epci: read<SourceEpci[]>('epci.json'),
    departements: read<SourceDepartement[]>('departements.json'),
    regions: read<SourceRegion[]>('regions.json'),
  };
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fail(message: string): never {
  throw new Error(`build-territories: ${message}`);
}

/** Derives the compact lookup from the package data. Pure: same input, same output. */
export function buildTerritoryData(source: SourceData): TerritoryData {
  const regions = source.regions
    .filter((r) => REGION_PATTERN.test(r.code))
    .map((r): [string, string] => [r.code, r.nom])
    .sort((a, b) => byCode(a[0], b[0]));
  const regionCodes = new Set(regions.map(([code]) => code));
  if (regions.length !== 18) fail(`expected 18 régions, found ${regions.length}`);

  const departementRows = source.departements
    .filter((d) => DEPARTEMENT_PATTERN.test(d.code))
    .sort((a, b) => byCode(a.code, b.code));
  if (departementRows.length !== 102) fail(`expected 102 départements, found ${departementRows.length}`);
  for (const d of departementRows) {
    if (!regionCodes.has(d.region) && d.code !== '975') fail(`département ${d.code} has région ${d.region}`);
  }
  const departementByCode = new Map(departementRows.map((d) => [d.code, d]));

  const communes = source.communes
    .filter((c) => c.type === 'commune-actuelle' && departementByCode.has(c.departement))
    .sort((a, b) => byCode(a.code, b.code));
  const communeCodes = new Set<string>();
  for (const c of communes) {
    if (communeCodes.has(c.code)) fail(`commune ${c.code} listed twice`);
    communeCodes.add(c.code);
    if (!c.code.startsWith(c.departement) || !/^\d+$/.test(c.code.slice(c.departement.length)) || c.code.length !== 5) {
      fail(`commune ${c.code} does not start with its département ${c.departement}`);
    }
    const departement = departementByCode.get(c.departement);
    if (departement?.region !== c.region) fail(`commune ${c.code} is in région ${c.region}, its département is not`);
  }

  const epciRows = source.epci
    .filter((e) => e.membres.some((m) => communeCodes.has(m.code)))
    .sort((a, b) => byCode(a.code, b.code));
  const epciIndex = new Map(epciRows.map((e, i) => [e.code, i]));
  const epciOfCommune = new Map<string, number>();
  for (const e of epciRows) {
    if (!/^\d{9}$/.test(e.code)) fail(`EPCI code ${e.code} is not 9 digits`);
    for (const m of e.membres) {
      if (!communeCodes.has(m.code)) fail(`EPCI ${e.code} has member ${m.code}, not a current commune`);
      if (epciOfCommune.has(m.code)) fail(`commune ${m.code} is in two EPCIs`);
      epciOfCommune.set(m.code, epciIndex.get(e.code) as number);
    }
  }

  const departements = departementRows.map((d): TerritoryData['departements'][number] => {
    const own = communes.filter((c) => c.departement === d.code);
    if (own.length === 0) fail(`département ${d.code} has no commune`);
    const localEpcis = [...new Set(own.map((c) => epciOfCommune.get(c.code)).filter((i) => i !== undefined))].sort(
      (a, b) => a - b,
    );
    if (localEpcis.length > ALPHABET.length) fail(`département ${d.code} has more than ${ALPHABET.length} EPCIs`);
    const bySuffix = new Map(own.map((c) => [Number(c.code.slice(d.code.length)), c]));
    const last = Math.max(...bySuffix.keys());
    let chars = '';
    for (let suffix = 1; suffix <= last; suffix++) {
      const commune = bySuffix.get(suffix);
      if (!commune) chars += NO_COMMUNE;
      else {
        const epci = epciOfCommune.get(commune.code);
        chars += epci === undefined ? NO_EPCI : ALPHABET[localEpcis.indexOf(epci)];
      }
    }
    if (bySuffix.has(0)) fail(`département ${d.code} has a commune with suffix 0`);
    return [d.code, d.nom, regionCodes.has(d.region) ? d.region : '', localEpcis, chars];
  });

  const arrondissements = source.communes
    .filter((c) => c.type === 'arrondissement-municipal')
    .map((c): [string, string] => {
      if (!c.commune || !communeCodes.has(c.commune)) fail(`arrondissement ${c.code} has no current commune`);
      if (communeCodes.has(c.code)) fail(`arrondissement ${c.code} is also a commune`);
      return [c.code, c.commune];
    })
    .sort((a, b) => byCode(a[0], b[0]));

  return {
    format: FORMAT,
    dataset: `${PACKAGE_NAME}@${source.version}`,
    regions,
    epcis: epciRows.map((e) => [e.code, e.nom]),
    departements,
    arrondissements,
  };
}

/** Serializes with one record per line, so that a new vintage gives a readable diff. */
export function serializeTerritoryData(data: TerritoryData): string {
  const list = (rows: unknown[]): string => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
  return (
    `{"format":${JSON.stringify(data.format)},\n"dataset":${JSON.stringify(data.dataset)},\n` +
    `"regions":${list(data.regions)},\n"epcis":${list(data.epcis)},\n` +
    `"departements":${list(data.departements)},\n"arrondissements":${list(data.arrondissements)}}\n`
  );
}

export const OUTPUT_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../domain/territory/territories.generated.json',
);
export const PACKED_OUTPUT_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../domain/territory/territories.packed.generated.ts',
);

/** The module the Lambdas import: `text` (the serialized JSON) brotli-compressed, in base64. Deterministic. */
export function packTerritoryText(text: string): string {
  const packed = brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  }).toString('base64');
  return (
    '// Generated by scripts/build-territories.ts from territories.generated.json (brotli, base64): do not edit.\n' +
    `export const packedTerritories = '${packed}';\n`
  );
}

function main(): void {
  const source = readInstalledSource();
  const data = buildTerritoryData(source);
  const text = serializeTerritoryData(data);
  writeFileSync(OUTPUT_PATH, text);
  writeFileSync(PACKED_OUTPUT_PATH, packTerritoryText(text));
  const communeCount = data.departements.reduce((n, d) => n + d[4].replace(/-/g, '').length, 0);
  console.log(
    `${OUTPUT_PATH}: ${Buffer.byteLength(text)} bytes, ${data.dataset}, ${data.regions.length} régions, ` +
      `${data.departements.length} départements, ${data.epcis.length} EPCIs, ${communeCount} communes, ` +
      `${data.arrondissements.length} arrondissements municipaux`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
