/**
 * A hand-computed territory: the Rhône (département 69) over the first quarter of 2019.
 *
 * CAE A                                                   Jan                 Feb                  Mar
 *  A1 Lyon 69123        CAPE 2018-10-01, CESA 2019-02-01  rev 3000 pur 500    rev 4000 pur 0       rev 2500 pur 100
 *                                                          other exp 250
 *                                                          vat 600 ctb 300     vat 800 ctb 400      vat 500 ctb 250
 *                                                                              gross 1801.80        gross 900.90
 *                                                                              er 200 ee 400        er 90 ee 200
 *  A2 Villefranche 69264 welcomed 2018-12-03, CAPE 2019-01-07 (entry in Jan), exit 2019-03-15 company_created
 *                                                          rev 1000 pur 200    rev 1500 pur 300     rev 500 pur 0
 *                                                          vat 200 ctb 100     vat 300 ctb 150      vat 100 ctb 50
 *  A3 Grenoble 38185 (Isère: outside)  CAPE 2019-01-10    rev 2000 vat 400 ctb 200 each month
 *  A4 Lyon 69123        welcomed 2019-02-14, candidate     —
 * CAE B
 *  B1 Villeurbanne 69266 CESA 2018-09-01, associate 2019-02-11
 *                                                          rev 5000 pur 1000   rev 0                rev 3000 pur 0
 *                                                          vat 1000 ctb 500    vat 0 ctb 0          vat 600 ctb 300
 *                                                          gross 2500          gross 1801.80        gross 1200
 *                                                          er 600 ee 550       er 150 ee 395        er 100 ee 264
 *  B2 Rennes 35238 (Ille-et-Vilaine: outside)  employee    rev 9999 gross 3000 each month
 *
 * Grants: Ville de Lyon (commune:69123) 12,000 for 2019; Département du Rhône (departement:69) 10,000 for 2019
 * and 6,000 for 2018; Région (region:84) 24,000 for 2019; Département de l'Isère (departement:38) 3,600 for 2019.
 *
 * The figures are checked on the federation admin's report (every figure shown); what the Rhône's funder sees
 * under statistical secrecy is checked after them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import { admin, funderOf, staffOf } from '../../support/events.js';
import { aggregate, aMonthResult, grant, newCae, newPerson, type Person, putResult, report, type ResultFigures, sign } from './fixtures.js';

const LYON = '69123';
const VILLEFRANCHE = '69264';
const VILLEURBANNE = '69266';
const GRENOBLE = '38185';
const RENNES = '35238';
const MONTHS = ['2019-01', '2019-02', '2019-03'] as const;
const Q1 = { from: '2019-01', to: '2019-03' };

let caeA: string;
let caeB: string;
const people: Person[] = [];
let rhone: any;
let funderRhone: any;

async function closeMonths(caeId: string, entrepreneurId: string, communeCode: string, figures: ResultFigures[]) {
  await Promise.all(figures.map((f, i) => putResult(aMonthResult(caeId, entrepreneurId, MONTHS[i] as string, communeCode, f))));
}

beforeAll(async () => {
  [caeA, caeB] = await Promise.all([newCae({ name: 'CAE A' }), newCae({ name: 'CAE B' })]);

  const a1 = await newPerson(caeA, LYON, '2018-10-01');
  await sign.convention(caeA, a1.id, '2018-10-01', '2019-09-30');
  await sign.contract(caeA, a1.id, '2019-02-01');
  const a2 = await newPerson(caeA, VILLEFRANCHE, '2018-12-03');
  await sign.convention(caeA, a2.id, '2019-01-07', '2019-12-31');
  await sign.exit(caeA, a2.id, '2019-03-15', 'company_created');
  const a3 = await newPerson(caeA, GRENOBLE, '2019-01-10');
  await sign.convention(caeA, a3.id, '2019-01-10', '2019-12-31');
  const a4 = await newPerson(caeA, LYON, '2019-02-14');
  const b1 = await newPerson(caeB, VILLEURBANNE, '2018-06-03');
  await sign.convention(caeB, b1.id, '2018-06-03', '2018-08-31');
  await sign.contract(caeB, b1.id, '2018-09-01');
  await sign.membership(caeB, b1.id, '2019-02-11');
  const b2 = await newPerson(caeB, RENNES, '2018-01-08');
  await sign.convention(caeB, b2.id, '2018-01-08', '2018-12-31');
  await sign.contract(caeB, b2.id, '2019-01-01');
  people.push(a1, a2, a3, a4, b1, b2);

  await closeMonths(caeA, a1.id, LYON, [
    { revenue: '3000.00', purchases: '500.00', otherExpenses: '250.00', vatCollected: '600.00', contribution: '300.00' },
    { revenue: '4000.00', vatCollected: '800.00', contribution: '400.00', payslip: { gross: '1801.80', employerContributions: '200.00', employeeContributions: '400.00' } },
    { revenue: '2500.00', purchases: '100.00', vatCollected: '500.00', contribution: '250.00', payslip: { gross: '900.90', employerContributions: '90.00', employeeContributions: '200.00' } },
  ]);
  await closeMonths(caeA, a2.id, VILLEFRANCHE, [
    { revenue: '1000.00', purchases: '200.00', vatCollected: '200.00', contribution: '100.00' },
    { revenue: '1500.00', purchases: '300.00', vatCollected: '300.00', contribution: '150.00' },
    { revenue: '500.00', vatCollected: '100.00', contribution: '50.00' },
  ]);
  const grenoble = { revenue: '2000.00', vatCollected: '400.00', contribution: '200.00' };
  await closeMonths(caeA, a3.id, GRENOBLE, [grenoble, grenoble, grenoble]);
  await closeMonths(caeB, b1.id, VILLEURBANNE, [
    { revenue: '5000.00', purchases: '1000.00', vatCollected: '1000.00', contribution: '500.00', payslip: { gross: '2500.00', employerContributions: '600.00', employeeContributions: '550.00' } },
    { payslip: { gross: '1801.80', employerContributions: '150.00', employeeContributions: '395.00' } },
    { revenue: '3000.00', vatCollected: '600.00', contribution: '300.00', payslip: { gross: '1200.00', employerContributions: '100.00', employeeContributions: '264.00' } },
  ]);
  const rennes = { revenue: '9999.00', contribution: '999.90', payslip: { gross: '3000.00', employerContributions: '900.00', employeeContributions: '660.00' } };
  await closeMonths(caeB, b2.id, RENNES, [rennes, rennes, rennes]);

  for (const caeId of [caeA, caeB]) for (const month of MONTHS) await aggregate(caeId, month);

  const grants = [
    grant(caeA, { funder: 'Ville de Lyon', territory: 'commune:69123', year: 2019, amount: '12000.00' }),
    grant(caeB, { funder: 'Département du Rhône', territory: 'departement:69', year: 2019, amount: '10000.00' }),
    grant(caeB, { funder: 'Département du Rhône', territory: 'departement:69', year: 2018, amount: '6000.00' }),
    grant(caeA, { funder: 'Région Auvergne-Rhône-Alpes', territory: 'region:84', year: 2019, amount: '24000.00' }, admin),
    grant(caeA, { funder: "Département de l'Isère", territory: 'departement:38', year: 2019, amount: '3600.00' }),
  ];
  for (const reply of await Promise.all(grants)) expect(reply.status).toBe(201);

  const [reply, funderReply] = await Promise.all([report('departement:69', Q1, admin), report('departement:69', Q1, funderOf('departement:69'))]);
  expect(reply.status).toBe(200);
  expect(funderReply.status).toBe(200);
  rhone = reply.body;
  funderRhone = funderReply.body;
});

describe('the Rhône, first quarter of 2019, figure by figure', () => {
  it('counts the two CAEs with people in the Rhône', () => {
    expect(rhone.caes).toBe(2);
  });

  it('sums revenue, purchases and value added of A1, A2 and B1 only', () => {
    // revenue: A1 3000+4000+2500 = 9500; A2 1000+1500+500 = 3000; B1 5000+0+3000 = 8000 → 20500
    // purchases: A1 500+0+100 = 600; A2 200+300+0 = 500; B1 1000 → 2100;
    // value added = revenue − every expense: 20500 − 2100 − A1's other expenses 250 = 18150 (not the margin 18400)
    expect(rhone).toMatchObject({ revenue: '20500.00', purchases: '2100.00', valueAdded: '18150.00' });
  });

  it('sums VAT collected and cooperative contributions', () => {
    // VAT: A1 600+800+500 = 1900; A2 200+300+100 = 600; B1 1000+0+600 = 1600 → 4100
    // contributions: A1 300+400+250 = 950; A2 100+150+50 = 300; B1 500+0+300 = 800 → 2050
    expect(rhone).toMatchObject({ vatCollected: '4100.00', cooperativeContributions: '2050.00' });
  });

  it('sums gross salaries and social contributions', () => {
    // gross: A1 1801.80+900.90 = 2702.70; B1 2500+1801.80+1200 = 5501.80 → 8204.50
    // employer: A1 200+90 = 290; B1 600+150+100 = 850 → 1140; employee: A1 400+200 = 600; B1 550+395+264 = 1209 → 1809
    expect(rhone).toMatchObject({ grossSalaries: '8204.50', employerContributions: '1140.00', employeeContributions: '1809.00', socialContributions: '2949.00' });
  });

  it('averages jobs in FTE over the quarter', () => {
    // Jan: B1 2500 ≥ SMIC → 1; Feb: A1 1 + B1 1 = 2; Mar: A1 900.90/1801.80 = 0.5 + B1 1200/1801.80 = 0.6660 → 1.1660
    // average (1 + 2 + 1.166) ÷ 3 = 1.3887 → 1.39
    expect(rhone.jobsFte).toBe('1.39');
    expect(rhone.months.map((m: any) => m.jobsFte)).toEqual(['1.00', '2.00', '1.17']);
  });

  it('counts people by status at the end of March', () => {
    // A1 employee, A2 exited (not counted), A4 candidate, B1 associate; A3 and B2 are outside
    expect(rhone.entrepreneurs.statusMonth).toBe('2019-03');
    expect(rhone.entrepreneurs.byStatusAtEnd).toEqual({ candidate: 1, supported: 0, employee: 1, associate: 1 });
  });

  it('counts people welcomed and entries: A4 welcomed in February, A2 entered in January', () => {
    // A1's CESA follows a CAPE (a progression); A3 entered in Grenoble (outside)
    expect(rhone.entrepreneurs).toMatchObject({ welcomed: 1, entries: 1 });
    expect(rhone.months.map((m: any) => [m.welcomed, m.entries])).toEqual([[0, 1], [1, 0], [0, 0]]);
  });

  it("counts A2's company creation as an exit and a company created", () => {
    expect(rhone.entrepreneurs.exits).toEqual({ company_created: 1, salaried_job: 0, training: 0, stopped: 0, other: 0, associate_deadline: 0 });
    expect(rhone.companiesCreated).toBe(1);
  });

  it("counts the Rhône's and Lyon's 2019 grants for a quarter, not the région's, the Isère's or 2018's", () => {
    // Lyon 12000 × 3/12 = 3000; Rhône 10000 × 3/12 = 2500 (833.33 + 833.34 + 833.33) → 5500
    expect(rhone.publicFunding).toBe('5500.00');
    expect(rhone.months.map((m: any) => m.publicFunding)).toEqual(['1833.33', '1833.34', '1833.33']);
    expect(rhone.grants.map((g: any) => [g.territory, g.year, g.inPeriod])).toEqual([
      ['commune:69123', 2019, '3000.00'],
      ['departement:69', 2019, '2500.00'],
    ]);
  });

  it('gives the leverage per public euro to 4 decimals', () => {
    // 20500/5500 = 3.72727 → 3.7273; 18150/5500 = 3.3 → 3.3000; 4100/5500 = 0.74545 → 0.7455;
    // 8204.50/5500 = 1.49173 → 1.4917; 2949/5500 = 0.53618 → 0.5362
    expect(rhone.perPublicEuro).toEqual({ revenue: '3.7273', valueAdded: '3.3000', vatCollected: '0.7455', grossSalaries: '1.4917', socialContributions: '0.5362' });
  });

  it('gives the self-financing ratio', () => {
    // 2050 ÷ (2050 + 5500) = 0.271523 → 0.2715
    expect(rhone.selfFinancingRatio).toBe('0.2715');
  });

  it('gives the months of the quarter', () => {
    // revenue: Jan 3000+1000+5000; Feb 4000+1500+0; Mar 2500+500+3000. Gross: Jan 2500; Feb 1801.80×2; Mar 900.90+1200
    expect(rhone.months.map((m: any) => [m.month, m.revenue, m.grossSalaries, m.caes])).toEqual([
      ['2019-01', '9000.00', '2500.00', 2],
      ['2019-02', '5500.00', '3603.60', 2],
      ['2019-03', '6000.00', '2100.90', 2],
    ]);
  });

  it('records the territory dataset vintage', () => {
    expect(rhone.dataVintages).toEqual([rhone.datasetVintage]);
    expect(rhone.datasetVintage).toMatch(/^@etalab\/decoupage-administratif@/);
  });
});

describe("what the Rhône's funder sees under statistical secrecy", () => {
  it('shows revenue: three people contribute (A1, A2, B1) and none makes 85% of it', () => {
    expect(funderRhone).toMatchObject({ statisticalSecrecy: true, revenue: '20500.00', valueAdded: '18150.00', publicFunding: '5500.00' });
  });

  it('hides gross salaries, the contributions on them and the FTE: only A1 and B1 are paid', () => {
    expect(funderRhone).toMatchObject({ grossSalaries: null, employerContributions: null, employeeContributions: null, socialContributions: null, jobsFte: null, secret: true });
    expect(funderRhone.secretFields).toEqual(expect.arrayContaining(['grossSalaries', 'employerContributions', 'employeeContributions', 'socialContributions', 'jobsFte']));
    expect(funderRhone.perPublicEuro).toMatchObject({ grossSalaries: null, socialContributions: null, revenue: '3.7273', secret: true });
  });

  it("hides February's revenue (A1 and A2 only), and one more month so that it cannot be the total minus the others", () => {
    const revenue = funderRhone.months.map((m: any) => m.revenue);
    expect(revenue[1]).toBeNull();
    expect(revenue.filter((r: unknown) => r === null)).toHaveLength(2);
    expect(funderRhone.months[1]).toMatchObject({ secret: true });
    expect(funderRhone.months[1].secretFields).toContain('revenue');
  });

  it('hides counts of one person and shows counts of 0', () => {
    expect(funderRhone.entrepreneurs.byStatusAtEnd).toMatchObject({ candidate: null, supported: 0, employee: null, associate: null, secret: true });
    expect(funderRhone.entrepreneurs).toMatchObject({ welcomed: null, entries: null, secret: true });
    expect(funderRhone.entrepreneurs.exits).toMatchObject({ company_created: null, stopped: 0 });
    expect(funderRhone.companiesCreated).toBeNull();
  });

  it('gives the breakdowns: three people at the end of an unknown gender, and the one entry hidden', () => {
    expect(funderRhone.breakdowns.gender).toEqual([
      { value: 'female', peopleAtEnd: 0, entries: 0 },
      { value: 'male', peopleAtEnd: 0, entries: 0 },
      { value: 'other', peopleAtEnd: 0, entries: 0 },
      { value: 'unknown', peopleAtEnd: 3, entries: null, secret: true, secretFields: ['entries'] },
    ]);
    expect(rhone.breakdowns.gender.at(-1)).toEqual({ value: 'unknown', peopleAtEnd: 3, entries: 1 });
  });

  it("marks hidden cells 'secret' in the CSV and 'secret statistique' on the page", async () => {
    const [csv, html] = await Promise.all(['csv', 'html'].map((format) => report('departement:69', { ...Q1, format }, funderOf('departement:69'))));
    expect(csv?.body as string).toContain(',secret,');
    expect(html?.body as string).toContain('secret statistique');
    expect(html?.body as string).toContain('20\u202f500,00\u202f€');
  });
});

describe('other territories of the same data', () => {
  it("counts in Lyon's report only Lyon's people and Lyon's grant", async () => {
    const lyon = (await report('commune:69123', Q1)).body;
    // A1 only (A4 has no money): 3000 + 4000 + 2500; Lyon's grant 3000; A4 is the candidate
    expect(lyon).toMatchObject({ caes: 1, revenue: '9500.00', publicFunding: '3000.00', grossSalaries: '2702.70' });
    expect(lyon.entrepreneurs.byStatusAtEnd).toEqual({ candidate: 1, supported: 0, employee: 1, associate: 0 });
  });

  it("counts in the région's report the Isère's people and every grant of the région and inside it", async () => {
    const region = (await report('region:84', Q1)).body;
    // revenue 20500 + A3 3 × 2000 = 26500; grants 3000 + 2500 + région 24000 × 3/12 = 6000 + Isère 3600 × 3/12 = 900 → 12400
    expect(region).toMatchObject({ revenue: '26500.00', publicFunding: '12400.00' });
    expect(region.entrepreneurs.entries).toBe(2);
  });

  it('finds nothing in a quarter where no month was closed', async () => {
    const empty = (await report('departement:69', { from: '2019-04', to: '2019-06' })).body;
    expect(empty).toMatchObject({ caes: 2, revenue: '0.00', jobsFte: '0.00' });
    expect(empty.entrepreneurs.statusMonth).toBeNull();
  });
});

describe('the same report in CSV and HTML', () => {
  it('gives one CSV row per month, with a header, that agrees with the JSON', async () => {
    const reply = await report('departement:69', { ...Q1, format: 'csv' });
    expect(reply.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...all] = (reply.body as string).trim().split(/\r\n/).map((line) => line.split(','));
    const rows = all.filter((row) => row[0] === 'month');
    expect(rows).toHaveLength(3);
    const columns = header as string[];
    rows.forEach((row, i) => {
      const json = rhone.months[i];
      for (const [j, column] of columns.entries()) if (column in json) expect(row[j], `${json.month} ${column}`).toBe(String(json[column]));
    });
    // Then the breakdowns, one row per value, as in the JSON.
    const unknownGender = all.find((row) => row[0] === 'breakdown' && row.at(-4) === 'gender' && row.at(-3) === 'unknown');
    expect(unknownGender?.slice(-2)).toEqual(['3', '1']);
    expect(columns).toEqual(expect.arrayContaining(['month', 'revenue', 'grossSalaries', 'publicFunding', 'jobsFte', 'entries', 'exits']));
  });

  it('names no person, email or entrepreneur id in JSON, CSV or HTML', async () => {
    const bodies = await Promise.all(
      ['json', 'csv', 'html'].map(async (format) => {
        const reply = await report('departement:69', { ...Q1, format }, funderOf('departement:69'));
        return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      }),
    );
    for (const body of bodies) {
      for (const p of people) for (const secret of [p.id, p.firstName, p.lastName, p.email]) expect(body).not.toContain(secret);
    }
  });

  it('serves the HTML page with the key figures and a policy that forbids external assets', async () => {
    const reply = await report('departement:69', { ...Q1, format: 'html' });
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.body).toContain('20\u202f500,00\u202f€');
    expect(reply.body).toContain('<svg');
    expect(reply.body).not.toMatch(/<script|<link|src="http/);
  });
});

describe('rewriting a month', () => {
  it('gives the same report when the workflow writes the same months again', async () => {
    for (const caeId of [caeA, caeB]) for (const month of MONTHS) await aggregate(caeId, month);
    expect((await report('departement:69', Q1, admin)).body).toEqual(rhone);
    expect((await report('departement:69', Q1, funderOf('departement:69'))).body).toEqual(funderRhone);
  });

  it("tells the workflow how many territories the month counts in: A's Lyon, Villefranche and Grenoble give 10", async () => {
    // communes 69123, 69264, 38185; EPCIs of each (3); départements 69, 38; région 84; france → 3 + 3 + 2 + 1 + 1
    expect(await aggregate(caeA, '2019-01')).toEqual({ caeId: caeA, month: '2019-01', aggregates: 10 });
  });
});

describe('what it costs', () => {
  it('reads two queries: one item per month of the period and one per grant line, whatever the number of CAEs', async () => {
    const seen: { command: string; items: number }[] = [];
    const name = 'countReportReads';
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        seen.push({ command: context.commandName ?? '', items: (out.output as { Count?: number }).Count ?? 0 });
        return out;
      },
      { step: 'initialize', name },
    );
    try {
      await report('departement:69', Q1);
    } finally {
      db.middlewareStack.remove(name);
    }
    // 3 months; 2 grant lines of 2019 in the Rhône's partition (Lyon's and the Rhône's; the région's is not in it)
    expect(seen.map((r) => r.command)).toEqual(['QueryCommand', 'QueryCommand']);
    expect(seen.map((r) => r.items).sort()).toEqual([2, 3]);
  });
});

describe('who may read it', () => {
  it('lets a funder of the région read a département inside it', async () => {
    expect((await report('departement:69', Q1, funderOf('region:84'))).status).toBe(200);
  });

  it('refuses a funder of another département with 403', async () => {
    const reply = await report('departement:69', Q1, funderOf('departement:38'));
    expect(reply.status).toBe(403);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it('refuses a funder of a commune the report of its département', async () => {
    expect((await report('departement:69', Q1, funderOf('commune:69123'))).status).toBe(403);
  });

  it("refuses a CAE's staff", async () => {
    expect((await report('departement:69', Q1, staffOf(caeA))).status).toBe(403);
  });
});
