/**
 * The statement as a page the entrepreneur reads and prints, in French: for each month its account lines in the
 * order of docs/domain.md "Salary" (the contribution with its policy, the payslip's employer cost), then the
 * entries behind them with their origin and reference. Self-contained (inline CSS, no script, no external
 * asset: the route sends a CSP that forbids them); every text that comes from data is escaped.
 */
import { esc } from '../reports/html.js';
import type { Statement, StatementMonth } from './statement.js';
import { amountLabel, dateLabel, LINE_LABELS, LINE_SIGNS, monthLabel, STATEMENT_LINES, TYPE_LABELS } from './statementLabels.js';

const euros = (amount: string) => `${amountLabel(amount)}\u202f€`;

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #2f5d8a; padding-bottom: .2rem; }
.who { color: #4a5468; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #dde2ea; text-align: left; vertical-align: top; }
th { background: #f1f4f8; font-weight: 600; }
td.amount, th.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.result td { font-weight: 600; background: #f7f9fb; }
.sign { color: #6b7385; width: 1.5rem; }
.policy { color: #4a5468; font-size: .9rem; }
.summary td { font-weight: 600; }
.open { color: #8a5a00; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table { break-inside: auto; } }
`;

function accountTable(m: StatementMonth): string {
  const rows = STATEMENT_LINES.map((line) => {
    const result = line === 'envelope' || line === 'closingBalance' || line === 'openingBalance';
    const note =
      line === 'contribution'
        ? `<div class="policy">${esc(m.contributionPolicyLabel)}</div>`
        : line === 'employerCost' && m.payslip
          ? `<div class="policy">Bulletin de paie : brut ${esc(euros(m.payslip.gross))}, net ${esc(euros(m.payslip.net))}</div>`
          : '';
    return `<tr${result ? ' class="result"' : ''}><td class="sign">${esc(LINE_SIGNS[line])}</td><td>${esc(LINE_LABELS[line])}${note}</td><td class="amount" data-line="${line}">${esc(euros(m[line]))}</td></tr>`;
  });
  return `<table class="account"><tbody>${rows.join('')}</tbody></table>`;
}

function entriesTable(m: StatementMonth): string {
  if (m.entries.length === 0) return '<p class="policy">Aucune écriture ce mois-ci.</p>';
  const rows = m.entries.map(
    (e) =>
      `<tr><td>${esc(dateLabel(e.date))}</td><td>${esc(TYPE_LABELS[e.type] ?? e.type)}</td><td>${esc(e.originLabel)}</td><td>${esc(e.label)}</td><td>${esc(e.reference ?? '')}</td><td class="amount">${esc(euros(e.amountExclVat))}</td><td class="amount">${esc(euros(e.vatAmount))}</td></tr>`,
  );
  return `<table class="entries"><thead><tr><th>Date</th><th>Sens</th><th>Origine</th><th>Libellé</th><th>Référence</th><th class="amount">Montant HT</th><th class="amount">TVA</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function monthSection(m: StatementMonth): string {
  const status = m.closed ? '' : ' <span class="open">(mois non clôturé : chiffres provisoires, salaire non encore versé)</span>';
  return `<section data-month="${esc(m.month)}"><h2>${esc(monthLabel(m.month).replace(/^./, (c) => c.toUpperCase()))}${status}</h2>${accountTable(m)}<h3>Écritures du mois</h3>${entriesTable(m)}</section>`;
}

export function statementHtml(s: Statement): string {
  const period = s.from === s.to ? monthLabel(s.from) : `de ${monthLabel(s.from)} à ${monthLabel(s.to)}`;
  const summary = `<table class="summary"><tbody>
<tr><td>${esc(LINE_LABELS.openingBalance)} (${esc(monthLabel(s.from))})</td><td class="amount">${esc(euros(s.openingBalance))}</td></tr>
<tr><td>${esc(LINE_LABELS.revenue)}</td><td class="amount">${esc(euros(s.totals.revenue))}</td></tr>
<tr><td>${esc(LINE_LABELS.contribution)}</td><td class="amount">${esc(euros(s.totals.contribution))}</td></tr>
<tr><td>${esc(LINE_LABELS.expenses)}</td><td class="amount">${esc(euros(s.totals.expenses))}</td></tr>
<tr><td>${esc(LINE_LABELS.employerCost)}</td><td class="amount">${esc(euros(s.totals.employerCost))}</td></tr>
<tr><td>${esc(LINE_LABELS.closingBalance)} (${esc(monthLabel(s.to))})</td><td class="amount">${esc(euros(s.closingBalance))}</td></tr>
</tbody></table>`;
  const activity = s.tradeName ? ` — ${esc(s.tradeName)}` : '';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relevé du compte d’activité — ${esc(s.name)} — ${esc(period)}</title><style>${STYLE}</style></head>
<body><header><h1>Relevé du compte d’activité</h1>
<p class="who">${esc(s.name)}${activity} · ${esc(s.caeName)} · ${esc(period)}</p></header>
<p class="policy">Le compte d’activité retrace, mois par mois, les produits et les charges de l’activité (article L7332-3 du Code du travail) : chiffre d’affaires HT, moins la contribution coopérative et les charges HT, donne l’enveloppe disponible pour la rémunération ; le coût employeur du salaire du mois en est déduit.</p>
<h2>Sur la période</h2>${summary}
${s.months.map(monthSection).join('\n')}
</body></html>`;
}
