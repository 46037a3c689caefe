/**
 * Accompaniment and statement benchmarks (issues 15 and 16): the compliance view's DynamoDB requests and time
 * for a CAE of 40 and of 400 accompanied people with three interviews each (the ratio of requests shows the view
 * reads two index ranges, not each person: it grows only with DynamoDB's 1 MB pages), the federation summary's
 * compliance cost with the figures kept and without, and the statement's PDF, HTML and CSV for 24 months of
 * 40 entries: generation time and size. Prints figures and ratios measured in this run, asserts nothing.
 */
import { ulid } from 'ulid';
import type { Statement } from '../../functions/activity/statement.js';
import { percentile, startBenchStack } from './localStack.js';

const YEAR = 2026;

/** Wall-clock median and p90, and the median CPU time of this process (what the work itself costs on a busy machine). */
async function time<T>(runs: number, work: () => Promise<T>): Promise<{ median: number; p90: number; cpu: number; last: T }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const used = process.cpuUsage();
    const start = performance.now();
    last = await work();
    times.push(performance.now() - start);
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: percentile(times, 50), p90: percentile(times, 90), cpu: percentile(cpu, 50), last };
}

/** A statement of `months` months of `entries` entries each, with figures that add up like an account's. */
export function syntheticStatement(months: number, entries: number): Statement {
  const list = Array.from({ length: months }, (_, i) => {
    const month = `${YEAR - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    return {
      month,
      openingBalance: '1250.40',
      revenue: '8400.00',
      contribution: '840.00',
      contributionPolicy: { kind: 'flat' as const, rate: '0.10', base: 'revenue' as const },
      contributionPolicyLabel: '10 % du chiffre d’affaires HT',
      expenses: '760.00',
      envelope: '8050.40',
      employerCost: '6800.00',
      closingBalance: '1250.40',
      vatCollected: '1680.00',
      vatDeductible: '152.00',
      closed: true,
      payslip: { gross: '4634.92', net: '3610.85', employerCost: '6800.00' },
      entries: Array.from({ length: entries }, (_, k) => ({
        id: ulid(),
        date: `${month}-${String((k % 28) + 1).padStart(2, '0')}`,
        type: k % 3 === 0 ? ('expense' as const) : ('revenue' as const),
        origin: ['transaction', 'invoice', 'payment', 'expense_claim'][k % 4] as string,
        originLabel: ['Saisie', 'Facture', 'Encaissement', 'Note de frais'][k % 4] as string,
        label: `Prestation de traduction technique n° ${k + 1} pour le client Établissements Martin`,
        reference: `F-${YEAR}-${String(k + 1).padStart(4, '0')}`,
        amountExclVat: '210.00',
        vatRate: '0.20',
        vatAmount: '42.00',
      })),
    };
  });
  return {
    entrepreneurId: ulid(),
    name: 'Camille Martin',
    caeName: 'Coopérative Rhône Entreprendre',
    from: list[0]?.month as string,
    to: list.at(-1)?.month as string,
    openingBalance: '1250.40',
    closingBalance: '1250.40',
    totals: { revenue: '201600.00', contribution: '20160.00', expenses: '18240.00', employerCost: '163200.00' },
    months: list,
  };
}

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const { db } = await import('../../functions/shared/dynamo.js');
    let requests = 0;
    db.middlewareStack.add(
      (next) => async (args) => {
        requests += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
    const { createCae } = await import('../../functions/shared/repositories/caes.js');
    const { createEntrepreneur } = await import('../../functions/shared/repositories/entrepreneurs.js');
    const { createInterview } = await import('../../functions/shared/repositories/interviews.js');
    const { complianceOf, complianceSummaries } = await import('../../functions/accompaniment/compliance.js');
    const { signContract } = await import('../../domain/careerPath/index.js');

    /** A CAE of `people` employees (CESA since January of last year), each with three held interviews. */
    const caeOf = async (people: number): Promise<string> => {
      const caeId = ulid();
      await createCae({ id: caeId, name: `Bench ${people}`, siret: '81234567800019', communeCode: '69123', createdAt: new Date().toISOString(), version: 1 } as never);
      for (let i = 0; i < people; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, people - i) }, async () => {
            const id = ulid();
            const welcomed = { stages: [{ stage: 'candidate', from: `${YEAR - 2}-12-01`, details: { cause: 'welcomed' } }] } as never;
            const decided = signContract(welcomed, { signedOn: `${YEAR - 1}-01-01`, startsOn: `${YEAR - 1}-01-01`, fixedMonthlyGross: '0.00' }, { requireConventionBeforeContract: false });
            if (!decided.ok) throw new Error('bench: contract refused');
            await createEntrepreneur({ id, caeId, firstName: 'Alex', lastName: `Bench${i}`, email: 'a@example.org', communeCode: '69123', activity: 'bench', path: decided.value, createdAt: '', version: 1 });
            for (const heldOn of [`${YEAR}-02-10`, `${YEAR}-06-10`, `${YEAR}-09-10`]) {
              await createInterview({ id: ulid(), caeId, entrepreneurId: id, heldOn, kind: 'individual', mode: 'on_site', durationMinutes: 60, status: 'held', recordedAt: '', recordedBy: 'bench' });
            }
          }),
        );
      }
      return caeId;
    };
    const small = await caeOf(40);
    const large = await caeOf(400);
    const asOf = `${YEAR}-10-31`;
    const view = async (caeId: string) => {
      requests = 0;
      const t = await time(5, () => complianceOf(caeId, asOf));
      return { ...t, requests: requests / 5 };
    };
    const v40 = await view(small);
    const v400 = await view(large);
    console.log('\n# Accompaniment (dynalite in a child process, handlers in this process)');
    console.log(`compliance view, 40 people × 3 interviews: ${v40.requests.toFixed(1)} DynamoDB requests, median ${v40.median.toFixed(1)} ms, p90 ${v40.p90.toFixed(1)} ms`);
    console.log(`compliance view, 400 people × 3 interviews: ${v400.requests.toFixed(1)} DynamoDB requests, median ${v400.median.toFixed(1)} ms, p90 ${v400.p90.toFixed(1)} ms`);
    console.log(`ratio 400 ÷ 40: requests ${(v400.requests / v40.requests).toFixed(2)} (people ×10), time ${(v400.median / v40.median).toFixed(2)}`);

    const month = `${YEAR}-10`;
    requests = 0;
    const cold = await time(1, () => complianceSummaries([small, large], month));
    const coldRequests = requests;
    requests = 0;
    const warm = await time(5, () => complianceSummaries([small, large], month));
    console.log(`federation summary's compliance columns for 2 CAEs: first read ${coldRequests} requests (${cold.median.toFixed(1)} ms, figures taken and kept); then ${(requests / 5).toFixed(1)} request (${warm.median.toFixed(1)} ms: one BatchGetItem)`);
  } finally {
    await stack.close();
  }

  const { statementPdf } = await import('../../functions/activity/statementPdf.js');
  const { statementHtml } = await import('../../functions/activity/statementHtml.js');
  const { statementCsv } = await import('../../functions/activity/statementCsv.js');
  const s = syntheticStatement(24, 40);
  const one = syntheticStatement(1, 10);
  const pdf = await time(5, () => statementPdf(s));
  const pdfOne = await time(10, () => statementPdf(one));
  const html = await time(10, async () => statementHtml(s));
  const csv = await time(10, async () => statementCsv(s));
  const pages = (Buffer.from(pdf.last).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  console.log('\n# Account statement rendering (in process, no I/O)');
  console.log(`PDF, 1 month × 10 entries: median ${pdfOne.median.toFixed(1)} ms (CPU ${pdfOne.cpu.toFixed(1)} ms), ${(pdfOne.last.length / 1024).toFixed(1)} KB`);
  console.log(`PDF, 24 months × 40 entries: median ${pdf.median.toFixed(1)} ms (CPU ${pdf.cpu.toFixed(1)} ms), p90 ${pdf.p90.toFixed(1)} ms, ${(pdf.last.length / 1024).toFixed(1)} KB, ${pages} pages`);
  console.log(`HTML, 24 × 40: median ${html.median.toFixed(1)} ms, ${(html.last.length / 1024).toFixed(1)} KB; CSV: median ${csv.median.toFixed(1)} ms, ${(csv.last.length / 1024).toFixed(1)} KB`);
}
