import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  communeInTerritory,
  communesIn,
  contains,
  departementCodes,
  epciCodes,
  formatTerritory,
  isCommuneCode,
  parseTerritory,
  regionCodes,
  type Territory,
  territoriesOfCommune,
  territoriesOfEpci,
  territoryName,
} from '../../../domain/territory/index.js';

function t(text: string): Territory {
  const parsed = parseTerritory(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.violation.message}`);
  return parsed.territory;
}

describe('territoriesOfCommune', () => {
  it('Lyon 69123 → Métropole de Lyon, Rhône, Auvergne-Rhône-Alpes', () => {
    expect(territoriesOfCommune('69123')).toEqual({
      commune: '69123',
      epci: '200046977',
      departement: '69',
      region: '84',
    });
  });

  it('Ajaccio 2A004 → Corse-du-Sud, Corse', () => {
    expect(territoriesOfCommune('2A004')).toMatchObject({ commune: '2A004', departement: '2A', region: '94' });
    expect(territoriesOfCommune('2A004')?.epci).toMatch(/^\d{9}$/);
  });

  it('Paris 75056 and its 1st arrondissement 75101 → Paris, Île-de-France', () => {
    const paris = territoriesOfCommune('75056');
    expect(paris).toEqual({ commune: '75056', epci: '200054781', departement: '75', region: '11' });
    expect(territoriesOfCommune('75101')).toEqual({ ...paris, arrondissement: '75101' });
  });

  it('Lyon and Marseille arrondissements → their commune', () => {
    expect(territoriesOfCommune('69381')).toMatchObject({ commune: '69123', departement: '69', region: '84' });
    expect(territoriesOfCommune('13201')).toMatchObject({ commune: '13055', departement: '13', region: '93' });
  });

  it('Saint-Denis 97411 → La Réunion 974, région 04', () => {
    expect(territoriesOfCommune('97411')).toMatchObject({ commune: '97411', departement: '974', region: '04' });
  });

  it('a commune outside any EPCI has no epci (Île-de-Sein 29083)', () => {
    expect(territoriesOfCommune('29083')).toEqual({ commune: '29083', departement: '29', region: '53' });
  });

  it('Saint-Pierre 97502 is in 975, which has no région', () => {
    expect(territoriesOfCommune('97502')).toEqual({ commune: '97502', departement: '975' });
  });

  it('unknown codes give undefined', () => {
    for (const code of ['99999', '69999', '20004', '2C004', '97801', '98735', '', '6912', '691230']) {
      expect(territoriesOfCommune(code), code).toBeUndefined();
    }
  });
});

describe('isCommuneCode', () => {
  it('accepts current communes and municipal arrondissements', () => {
    for (const code of ['69123', '2A004', '2B033', '75056', '75101', '75120', '69389', '13216', '97411', '01001']) {
      expect(isCommuneCode(code), code).toBe(true);
    }
  });

  it('refuses unknown, former and malformed codes', () => {
    // 01015 Arbignieu is a commune déléguée of Arboys en Bugey (01015 is the current commune, so it stays valid);
    // 69232 is Lyon's former code; 75121 and 69380 are no arrondissements.
    for (const code of ['99999', '69999', '69232', '75121', '69380', '2a004', ' 69123', '69123 ', '00000', 'abcde']) {
      expect(isCommuneCode(code), code).toBe(false);
    }
  });
});

describe('parseTerritory', () => {
  it('reads every kind', () => {
    expect(parseTerritory('france')).toEqual({ ok: true, territory: { kind: 'france' } });
    expect(parseTerritory('region:84')).toEqual({ ok: true, territory: { kind: 'region', code: '84' } });
    expect(parseTerritory('departement:69')).toEqual({ ok: true, territory: { kind: 'departement', code: '69' } });
    expect(parseTerritory('departement:2A')).toEqual({ ok: true, territory: { kind: 'departement', code: '2A' } });
    expect(parseTerritory('departement:974')).toEqual({ ok: true, territory: { kind: 'departement', code: '974' } });
    expect(parseTerritory('epci:200046977')).toEqual({ ok: true, territory: { kind: 'epci', code: '200046977' } });
    expect(parseTerritory('commune:69123')).toEqual({ ok: true, territory: { kind: 'commune', code: '69123' } });
    expect(parseTerritory('commune:75101')).toEqual({ ok: true, territory: { kind: 'commune', code: '75101' } });
  });

  it('round-trips with formatTerritory', () => {
    for (const text of ['france', 'region:94', 'departement:2B', 'epci:200046977', 'commune:2A004']) {
      expect(formatTerritory(t(text))).toBe(text);
    }
  });

  it.each([
    '',
    'France',
    'FRANCE',
    'france:',
    'france:1',
    'pays:fr',
    'Departement:69',
    'departement:',
    'departement:6',
    'departement:2a',
    'departement:0069',
    'departement: 69',
    'departement:69 ',
    'region:8',
    'region:084',
    'region:975',
    'epci:20004697',
    'epci:2000469770',
    'commune:6912',
    'commune:2a004',
    'commune:69123:1',
    'commune',
    ':69123',
    'constructor:1',
    '__proto__:1',
  ])('refuses the malformed %j', (text) => {
    const parsed = parseTerritory(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.violation.reason).toBe('malformed');
  });

  it.each([
    'region:05',
    'region:99',
    'departement:20',
    'departement:96',
    'departement:99',
    'departement:977',
    'departement:987',
    'epci:123456789',
    'commune:99999',
    'commune:69999',
    'commune:69232',
    'commune:2A999',
    'commune:97801',
  ])('refuses the unknown %j', (text) => {
    const parsed = parseTerritory(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.violation.reason).toBe('unknown');
      expect(parsed.violation.message).toContain('@etalab/decoupage-administratif@');
    }
  });

  it('knows 102 départements, 18 régions and every EPCI', () => {
    expect(departementCodes).toContain('2A');
    expect(departementCodes).toContain('975');
    expect(departementCodes).not.toContain('20');
    expect(regionCodes).toEqual(['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94']);
    for (const code of [...departementCodes.map((c) => `departement:${c}`), ...regionCodes.map((c) => `region:${c}`), ...epciCodes.map((c) => `epci:${c}`)]) {
      expect(parseTerritory(code).ok, code).toBe(true);
    }
  });
});

describe('communeInTerritory', () => {
  it('places Lyon and its arrondissements', () => {
    for (const code of ['69123', '69381']) {
      expect(communeInTerritory(code, t('france'))).toBe(true);
      expect(communeInTerritory(code, t('region:84'))).toBe(true);
      expect(communeInTerritory(code, t('departement:69'))).toBe(true);
      expect(communeInTerritory(code, t('epci:200046977'))).toBe(true);
      expect(communeInTerritory(code, t('commune:69123'))).toBe(true);
      expect(communeInTerritory(code, t('region:11'))).toBe(false);
      expect(communeInTerritory(code, t('departement:01'))).toBe(false);
    }
    expect(communeInTerritory('69381', t('commune:69381'))).toBe(true);
    expect(communeInTerritory('69123', t('commune:69381'))).toBe(false);
    expect(communeInTerritory('69382', t('commune:69381'))).toBe(false);
  });

  it('places nothing unknown, not even in france', () => {
    expect(communeInTerritory('99999', t('france'))).toBe(false);
    expect(communeInTerritory('69232', t('departement:69'))).toBe(false);
  });

  it('a commune without EPCI is in no EPCI', () => {
    expect(communeInTerritory('29083', t('departement:29'))).toBe(true);
    expect(epciCodes.some((e) => communeInTerritory('29083', { kind: 'epci', code: e }))).toBe(false);
  });
});

describe('contains', () => {
  it('france contains everything, and only france contains france', () => {
    for (const text of ['france', 'region:94', 'departement:975', 'epci:200046977', 'commune:75101', 'commune:97502']) {
      expect(contains(t('france'), t(text)), text).toBe(true);
    }
    for (const text of ['region:84', 'departement:69', 'epci:200046977', 'commune:69123']) {
      expect(contains(t(text), t('france')), text).toBe(false);
    }
  });

  it('a funder of département 69 reads its communes, arrondissements and the Métropole de Lyon', () => {
    const rhone = t('departement:69');
    expect(contains(rhone, t('departement:69'))).toBe(true);
    expect(contains(rhone, t('commune:69123'))).toBe(true);
    expect(contains(rhone, t('commune:69381'))).toBe(true);
    expect(contains(rhone, t('epci:200046977'))).toBe(true);
    expect(contains(rhone, t('region:84'))).toBe(false);
    expect(contains(rhone, t('departement:01'))).toBe(false);
    expect(contains(rhone, t('commune:75056'))).toBe(false);
    expect(contains(rhone, t('epci:200054781'))).toBe(false);
  });

  it('a région contains its départements, EPCIs and communes', () => {
    const aura = t('region:84');
    for (const text of ['departement:01', 'departement:69', 'departement:74', 'epci:200046977', 'commune:69123', 'commune:69389']) {
      expect(contains(aura, t(text)), text).toBe(true);
    }
    for (const text of ['region:11', 'departement:75', 'departement:2A', 'commune:2A004', 'commune:75101']) {
      expect(contains(aura, t(text)), text).toBe(false);
    }
    expect(contains(t('region:94'), t('departement:2A'))).toBe(true);
    expect(contains(t('region:94'), t('departement:2B'))).toBe(true);
    expect(contains(t('region:94'), t('commune:2A004'))).toBe(true);
  });

  it('an EPCI contains its communes and nothing bigger', () => {
    const lyon = t('epci:200046977');
    expect(contains(lyon, t('commune:69123'))).toBe(true);
    expect(contains(lyon, t('commune:69385'))).toBe(true);
    expect(contains(lyon, t('departement:69'))).toBe(false);
    expect(contains(lyon, t('region:84'))).toBe(false);
    expect(contains(lyon, t('commune:01001'))).toBe(false);
  });

  it('an EPCI spanning two départements is inside neither, but inside a région holding both', () => {
    // 200070308 straddles régions 84 and 27; find one that straddles départements within one région.
    const straddling = epciCodes.find((e) => {
      const where = territoriesOfEpci(e);
      return where !== undefined && where.departements.length > 1 && where.regions.length === 1;
    });
    expect(straddling).toBeDefined();
    const epci = t(`epci:${straddling}`);
    const where = territoriesOfEpci(straddling as string);
    for (const d of where?.departements ?? []) {
      expect(contains(t(`departement:${d}`), epci), d).toBe(false);
      // its communes on that side still count in the département
      expect(communesIn(epci).some((c) => communeInTerritory(c, t(`departement:${d}`)))).toBe(true);
    }
    expect(contains(t(`region:${where?.regions[0]}`), epci)).toBe(true);

    expect(territoriesOfEpci('200070308')?.regions).toEqual(['27', '84']);
    expect(contains(t('region:84'), t('epci:200070308'))).toBe(false);
    expect(contains(t('region:27'), t('epci:200070308'))).toBe(false);
  });

  it('a commune contains its arrondissements, not the reverse', () => {
    expect(contains(t('commune:75056'), t('commune:75101'))).toBe(true);
    expect(contains(t('commune:75101'), t('commune:75056'))).toBe(false);
    expect(contains(t('commune:75101'), t('commune:75102'))).toBe(false);
    expect(contains(t('commune:75101'), t('commune:75101'))).toBe(true);
    expect(contains(t('commune:69123'), t('commune:69124'))).toBe(false);
  });

  it('single-département régions of outre-mer coincide with their département', () => {
    expect(contains(t('departement:974'), t('region:04'))).toBe(true);
    expect(contains(t('region:04'), t('departement:974'))).toBe(true);
    expect(contains(t('region:04'), t('commune:97411'))).toBe(true);
    expect(contains(t('departement:975'), t('commune:97502'))).toBe(true);
    for (const r of regionCodes) expect(contains(t(`region:${r}`), t('departement:975')), r).toBe(false);
  });

  it('refuses unknown territories on either side', () => {
    expect(contains(t('france'), { kind: 'commune', code: '99999' })).toBe(false);
    expect(contains({ kind: 'departement', code: '99' }, t('commune:69123'))).toBe(false);
  });

  it('agrees with communeInTerritory for a commune and every territory it lies in (property)', () => {
    const all = communesIn(t('france'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), (i) => {
        const code = all[i] as string;
        const where = territoriesOfCommune(code);
        if (!where) return false;
        const commune = t(`commune:${code}`);
        const outers = [
          t(`departement:${where.departement}`),
          ...(where.region ? [t(`region:${where.region}`)] : []),
          ...(where.epci ? [t(`epci:${where.epci}`)] : []),
        ];
        return outers.every((o) => contains(o, commune) && communeInTerritory(code, o) && communesIn(o).includes(code));
      }),
    );
  });

  it('a département (région) contains an EPCI exactly when all its communes are in it', () => {
    for (const e of epciCodes) {
      const where = territoriesOfEpci(e);
      for (const d of new Set([...(where?.departements ?? []), '01', '69', '2A', '974'])) {
        expect(contains(t(`departement:${d}`), t(`epci:${e}`))).toBe(where?.departements.length === 1 && where.departements[0] === d);
      }
      for (const r of where?.regions ?? []) {
        expect(contains(t(`region:${r}`), t(`epci:${e}`))).toBe(where?.regions.length === 1);
      }
    }
  });
});

describe('communesIn and names', () => {
  it('lists communes', () => {
    expect(communesIn(t('france')).length).toBeGreaterThan(34_000);
    expect(communesIn(t('departement:75'))).toEqual(['75056']);
    expect(communesIn(t('departement:975'))).toEqual(['97501', '97502']);
    expect(communesIn(t('epci:200046977'))).toContain('69123');
    expect(communesIn(t('region:94')).every((c) => c.startsWith('2A') || c.startsWith('2B'))).toBe(true);
    expect(communesIn(t('commune:75101'))).toEqual(['75101']);
    expect(communesIn({ kind: 'departement', code: '99' })).toEqual([]);
  });

  it('names régions, départements and EPCIs', () => {
    expect(territoryName(t('france'))).toBe('France');
    expect(territoryName(t('region:84'))).toBe('Auvergne-Rhône-Alpes');
    expect(territoryName(t('departement:2A'))).toBe('Corse-du-Sud');
    expect(territoryName(t('epci:200046977'))).toBe('Métropole de Lyon');
    expect(territoryName(t('commune:69123'))).toBeUndefined();
  });
});
