import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildTerritoryData,
  OUTPUT_PATH,
  readInstalledSource,
  serializeTerritoryData,
} from '../../../scripts/build-territories.js';
import {
  datasetVintage,
  departementCodes,
  epciCodes,
  isCommuneCode,
  regionCodes,
  territoriesOfCommune,
} from '../../../domain/territory/index.js';

const source = readInstalledSource();

describe('territories.generated.json', () => {
  it('is what the build script makes from the installed package (run `npm run territories` if not)', () => {
    const expected = serializeTerritoryData(buildTerritoryData(source));
    expect(readFileSync(OUTPUT_PATH, 'utf8') === expected).toBe(true);
  });

  it('is what the Lambdas load: territories.packed.generated.ts unpacks to its exact bytes', async () => {
    const { packedTerritories } = await import('../../../domain/territory/territories.packed.generated.js');
    expect(brotliDecompressSync(Buffer.from(packedTerritories, 'base64')).equals(readFileSync(OUTPUT_PATH))).toBe(true);
  });

  it('is deterministic', () => {
    const shuffled = {
      ...source,
      communes: [...source.communes].reverse(),
      epci: [...source.epci].reverse(),
      departements: [...source.departements].reverse(),
      regions: [...source.regions].reverse(),
    };
    expect(serializeTerritoryData(buildTerritoryData(shuffled))).toBe(serializeTerritoryData(buildTerritoryData(source)));
  });

  it('records the dataset vintage', () => {
    expect(datasetVintage).toBe(`@etalab/decoupage-administratif@${source.version}`);
  });

  it('stays well under the bundle budget', () => {
    expect(readFileSync(OUTPUT_PATH).byteLength).toBeLessThan(300_000);
  });

  it('decodes to the same commune → EPCI, département, région as the package', () => {
    const epciOf = new Map<string, string>();
    for (const e of source.epci) for (const m of e.membres) epciOf.set(m.code, e.code);
    const inScope = new Set(departementCodes);
    let checked = 0;
    for (const c of source.communes) {
      if (c.type === 'commune-actuelle' && inScope.has(c.departement)) {
        const t = territoriesOfCommune(c.code);
        expect(t, c.code).toEqual({
          commune: c.code,
          departement: c.departement,
          ...(c.departement === '975' ? {} : { region: c.region }),
          ...(epciOf.has(c.code) ? { epci: epciOf.get(c.code) } : {}),
        });
        checked++;
      } else if (c.type === 'arrondissement-municipal') {
        expect(territoriesOfCommune(c.code)?.commune, c.code).toBe(c.commune);
      } else if (c.type === 'commune-actuelle') {
        expect(isCommuneCode(c.code), `${c.code} (collectivité d'outre-mer)`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(34_000);
    expect(new Set(epciCodes)).toEqual(new Set(source.epci.map((e) => e.code)));
    expect(regionCodes).toHaveLength(18);
    expect(departementCodes).toHaveLength(102);
  });
});
