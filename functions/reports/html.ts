/**
 * The report as a page a funder reads and prints (in French, the funders' language): the key figures, an SVG
 * chart of monthly revenue and gross salaries against public funding, the table by month, the grants and the
 * method. Self-contained: inline CSS and SVG, no script, no external asset (the route sends a CSP that forbids
 * them). Every text that comes from data is escaped. Amounts are shown from their decimal strings; numbers
 * are used only for the charts' geometry. A figure statistical secrecy hides (null) reads "secret statistique",
 * in tables, cards and charts alike; the breakdowns have a table each, and bar charts for gender and age.
 */
import { Decimal } from 'decimal.js';
import { BREAKDOWN_NAMES, type BreakdownCell, type BreakdownName, type ReportMonth, type TerritoryReport } from '../../domain/reporting/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const NNBSP = '\u202f';
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** "20500.00" → "20 500,00" (French grouping with narrow no-break spaces, decimal comma). */
export function frNumber(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [int = '0', frac] = decimal.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return `${negative ? '−' : ''}${grouped}${frac === undefined ? '' : `,${frac}`}`;
}

/** What a hidden figure reads on the page (docs/api.md "Reports: breakdowns and statistical secrecy"). */
export const SECRET_TEXT = 'secret statistique';

const euros = (amount: string | null) => (amount === null ? SECRET_TEXT : `${frNumber(amount)}${NNBSP}€`);
const num = (value: string | number | null) => (value === null ? SECRET_TEXT : frNumber(String(value)));
/** A table cell: hidden figures get the `secret` class, so that print and screen set them apart. */
const td = (text: string) => (text === SECRET_TEXT ? `<td class="secret">${SECRET_TEXT}</td>` : `<td>${esc(text)}</td>`);
const monthName = (month: string) => `${MONTHS_FR[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const monthShort = (month: string) => `${MONTHS_SHORT[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
/** A ratio: "—" when public funding is 0, "secret statistique" when secrecy hides its numerator. */
const ratioText = (ratio: string | null, hidden: boolean, unit = '') => (hidden ? SECRET_TEXT : ratio === null ? '—' : `${frNumber(ratio)}${unit}`);
const percent = (ratio: string | null, hidden: boolean) =>
  hidden ? SECRET_TEXT : ratio === null ? '—' : `${frNumber(new Decimal(ratio).times(100).toFixed(2, Decimal.ROUND_HALF_UP))}${NNBSP}%`;

const STATUS_LABELS = {
  candidate: 'Porteurs de projet',
  supported: 'Entrepreneurs accompagnés (CAPE)',
  employee: 'Entrepreneurs salariés (CESA)',
  associate: 'Entrepreneurs associés',
} as const;

const EXIT_LABELS: Record<string, string> = {
  company_created: 'Création de leur entreprise',
  salaried_job: 'Emploi salarié',
  training: 'Formation',
  stopped: "Arrêt de l'activité",
  other: 'Autre',
  associate_deadline: "Fin du CESA faute d'association",
};

const KIND_LABELS: Record<string, string> = { france: 'France', region: 'Région', departement: 'Département', epci: 'EPCI', commune: 'Commune' };

function territoryTitle(report: TerritoryReport): string {
  const [kind = '', code] = report.territory.split(':');
  const label = KIND_LABELS[kind] ?? kind;
  if (kind === 'france') return 'France';
  return report.territoryName ? `${report.territoryName} (${label.toLowerCase()} ${code})` : `${label} ${code}`;
}

// ---------------------------------------------------------------------------------------------------------
// Chart

export const CHART_SERIES = [
  { key: 'revenue', label: "Chiffre d'affaires HT", color: '#1f5fa8' },
  { key: 'grossSalaries', label: 'Salaires bruts', color: '#2e9e5b' },
  { key: 'publicFunding', label: 'Financements publics', color: '#e07b00' },
] as const;

/** A round top for the axis (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k), at least the largest value. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function axisLabel(value: number): string {
  if (value >= 1_000_000) return `${frNumber(String(Math.round(value / 100_000) / 10).replace(/\.0$/, ''))}${NNBSP}M€`;
  if (value >= 1_000) return `${frNumber(String(Math.round(value / 100) / 10).replace(/\.0$/, '')).replace('.', ',')}${NNBSP}k€`;
  return `${value}${NNBSP}€`;
}

/**
 * Grouped bars per month: revenue and gross salaries side by side, public funding as a line with a point per
 * month (the "against"). Each bar and point carries a <title> (tooltip, accessible name) and data attributes.
 */
export function chartSvg(months: readonly ReportMonth[]): string {
  const width = 960;
  const height = 380;
  const left = 78;
  const right = 16;
  const top = 16;
  const bottom = 48;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = months.flatMap((m) => CHART_SERIES.map((s) => Number(m[s.key] ?? 0)));
  const max = niceMax(Math.max(0, ...values));
  const y = (v: number) => top + plotH - (Math.max(0, v) / max) * plotH;
  const slot = plotW / Math.max(1, months.length);
  const barW = Math.max(1, Math.min(28, (slot * 0.72) / 2));
  const labelEvery = Math.ceil(months.length / 12);
  const parts: string[] = [];

  for (let i = 0; i <= 5; i++) {
    const v = (max * i) / 5;
    const yy = y(v).toFixed(1);
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${yy}" y2="${yy}"/>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${esc(axisLabel(v))}</text>`);
  }
  months.forEach((m, i) => {
    const x0 = left + i * slot + (slot - 2 * barW) / 2;
    CHART_SERIES.slice(0, 2).forEach((s, k) => {
      const amount = m[s.key];
      if (amount === null) {
        // A hidden month draws no bar, only a mark on the axis that says why.
        const x = x0 + k * barW + barW / 2;
        parts.push(
          `<text class="secret-mark" data-month="${esc(m.month)}" x="${x.toFixed(1)}" y="${(top + plotH - 4).toFixed(1)}" text-anchor="middle">s<title>${esc(`${monthName(m.month)} — ${s.label} : ${SECRET_TEXT}`)}</title></text>`,
        );
        return;
      }
      // Only the bar's height in pixels is a float; the figure shown (data-value, the title) is the decimal string.
      const v = Number(amount);
      const yy = y(v);
      parts.push(
        `<rect class="bar bar-${s.key}" data-month="${esc(m.month)}" data-value="${esc(amount)}" x="${(x0 + k * barW).toFixed(1)}" y="${yy.toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${s.color}"><title>${esc(`${monthName(m.month)} — ${s.label} : ${euros(amount)}`)}</title></rect>`,
      );
    });
    if (i % labelEvery === 0) {
      parts.push(`<text class="tick" x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 18}" text-anchor="middle">${esc(monthShort(m.month))}</text>`);
    }
  });
  const funding = CHART_SERIES[2];
  const points = months.map((m, i) => [left + i * slot + slot / 2, y(Number(m.publicFunding))] as const);
  if (points.length > 1) {
    parts.push(`<polyline class="line line-publicFunding" fill="none" stroke="${funding.color}" stroke-width="3" points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`);
  }
  months.forEach((m, i) => {
    const [px, py] = points[i] as readonly [number, number];
    parts.push(
      `<circle class="point point-publicFunding" data-month="${esc(m.month)}" data-value="${esc(m.publicFunding)}" cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="4.5" fill="${funding.color}"><title>${esc(`${monthName(m.month)} — ${funding.label} : ${euros(m.publicFunding)}`)}</title></circle>`,
    );
  });
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);

  const legend = CHART_SERIES.map(
    (s) => `<span class="legend-item"><span class="swatch" style="background:${s.color}"></span>${esc(s.label)}</span>`,
  ).join('');
  return `<figure class="chart">
<svg id="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">Chiffre d'affaires et salaires bruts par mois, face aux financements publics</title>
${parts.join('\n')}
</svg>
<figcaption class="legend">${legend}</figcaption>
</figure>`;
}

// ---------------------------------------------------------------------------------------------------------
// Page

const STYLE = `
:root { --ink: #1b1f24; --muted: #5b6570; --line: #d7dce1; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1100px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; break-inside: avoid; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: bold; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: right; white-space: nowrap; }
thead th { white-space: normal; vertical-align: bottom; }
.table-wrap { overflow-x: auto; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f1f4f7; }
tfoot td { font-weight: bold; border-top: 2px solid var(--ink); }
.chart { margin: 0; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart .grid { stroke: #e6e9ec; stroke-width: 1; }
.chart .axis { stroke: var(--ink); stroke-width: 1; }
.chart .tick { font-size: 12px; fill: var(--muted); }
.legend { display: flex; gap: 18px; justify-content: center; margin-top: 6px; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border-radius: 2px; }
.notes { color: var(--muted); font-size: 12px; }
td.secret, .value.secret { color: var(--muted); font-style: italic; font-weight: normal; }
.chart .secret-mark { font-size: 11px; fill: var(--muted); font-style: italic; }
.breakdowns { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px 24px; }
.breakdown h3 { font-size: 14px; margin: 8px 0 6px; }
.breakdown figure { margin: 0 0 6px; }
.breakdown svg { display: block; width: 100%; height: auto; }
.breakdown .label { font-size: 12px; fill: var(--ink); }
.breakdown .count { font-size: 12px; fill: var(--muted); }
.breakdown .count.secret { font-style: italic; }
.notes li { margin-bottom: 4px; }
.empty { color: var(--muted); font-style: italic; }
@page { size: A4; margin: 14mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  .chart, .cards { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
}
`;

function card(label: string, value: string): string {
  const secret = value === SECRET_TEXT ? ' secret' : '';
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value${secret}">${esc(value)}</div></div>`;
}

function monthTable(report: TerritoryReport): string {
  const header = ['Mois', 'CA HT', 'Valeur ajoutée', 'Salaires bruts', 'Cotisations sociales', 'Contributions coop.', 'Financements publics', 'ETP', 'Entrées', 'Sorties'];
  const rows = report.months.map(
    (m) =>
      `<tr><td>${esc(monthName(m.month))}</td>${td(euros(m.revenue))}${td(euros(m.valueAdded))}${td(euros(m.grossSalaries))}${td(euros(m.socialContributions))}${td(euros(m.cooperativeContributions))}${td(euros(m.publicFunding))}${td(num(m.jobsFte))}${td(num(m.entries))}${td(num(m.exits))}</tr>`,
  );
  const exitValues = Object.entries(report.entrepreneurs.exits).filter(([k]) => k !== 'secret' && k !== 'secretFields').map(([, n]) => n);
  // The period's exits are published as the sum of its months (each month row shows them): shown only when every month's is.
  const exits = report.months.some((m) => m.exits === null) || exitValues.some((n) => n === null) ? null : report.months.reduce((a, m) => a + (m.exits ?? 0), 0);
  const fte = report.jobsFte === null ? SECRET_TEXT : `${frNumber(report.jobsFte)} (moy.)`;
  const total = `<tr><td>Total</td>${td(euros(report.revenue))}${td(euros(report.valueAdded))}${td(euros(report.grossSalaries))}${td(euros(report.socialContributions))}${td(euros(report.cooperativeContributions))}${td(euros(report.publicFunding))}${td(fte)}${td(num(report.entrepreneurs.entries))}${td(num(exits))}</tr>`;
  return `<div class="table-wrap"><table id="months"><thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody><tfoot>${total}</tfoot></table></div>`;
}

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

const BREAKDOWN_TITLES: Record<BreakdownName, string> = {
  gender: 'Genre',
  ageBand: 'Âge au dernier jour de la période',
  situationAtEntry: "Situation à l'entrée",
  educationLevel: "Niveau de diplôme à l'entrée",
  priorityNeighbourhood: 'Quartier prioritaire de la politique de la ville (QPV)',
};

const VALUE_LABELS: Record<string, string> = {
  female: 'Femmes',
  male: 'Hommes',
  other: 'Autre',
  unknown: 'Non renseigné',
  under_26: 'Moins de 26 ans',
  '26_44': '26 à 44 ans',
  '45_54': '45 à 54 ans',
  '55_and_over': '55 ans et plus',
  jobseeker: "Demandeur d'emploi",
  minimum_income: 'Bénéficiaire des minima sociaux',
  employed: 'En emploi',
  none: 'Sans diplôme',
  cap_bep: 'CAP, BEP',
  bac: 'Baccalauréat',
  bac_2: 'Bac + 2',
  bac_3: 'Bac + 3',
  bac_5: 'Bac + 5 et plus',
  yes: 'Habite un QPV',
  no: "N'habite pas un QPV",
};
const valueLabel = (name: BreakdownName, value: string) => (name === 'situationAtEntry' && value === 'other' ? 'Autre situation' : (VALUE_LABELS[value] ?? value));

/** The breakdowns with a chart: people at the end of the period by value, hidden values written, not drawn. */
const CHARTED: readonly BreakdownName[] = ['gender', 'ageBand'];

/** Horizontal bars of the people at the end of the period, one per value. */
export function breakdownSvg(name: BreakdownName, cells: readonly BreakdownCell[]): string {
  const width = 420;
  const row = 24;
  const labelW = 130;
  const countW = 120;
  const height = cells.length * row + 8;
  const max = Math.max(1, ...cells.map((c) => c.peopleAtEnd ?? 0));
  const parts = cells.map((c, i) => {
    const y = 4 + i * row;
    const label = `<text class="label" x="0" y="${y + row / 2}" dominant-baseline="middle">${esc(valueLabel(name, c.value))}</text>`;
    if (c.peopleAtEnd === null) {
      return `${label}<text class="count secret" data-value="${esc(c.value)}" x="${labelW}" y="${y + row / 2}" dominant-baseline="middle">${SECRET_TEXT}</text>`;
    }
    const w = ((width - labelW - countW) * c.peopleAtEnd) / max;
    return `${label}<rect class="bar bar-${esc(name)}" data-value="${esc(c.value)}" data-count="${c.peopleAtEnd}" x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" fill="#1f5fa8"><title>${esc(`${valueLabel(name, c.value)} : ${c.peopleAtEnd}`)}</title></rect><text class="count" x="${(labelW + w + 6).toFixed(1)}" y="${y + row / 2}" dominant-baseline="middle">${c.peopleAtEnd}</text>`;
  });
  return `<figure><svg id="chart-${esc(name)}" role="img" aria-label="${esc(`${BREAKDOWN_TITLES[name]} : personnes en fin de période`)}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg></figure>`;
}

function breakdownSection(report: TerritoryReport): string {
  const blocks = BREAKDOWN_NAMES.map((name) => {
    const cells = report.breakdowns[name];
    const rows = cells.map((c) => `<tr><td>${esc(valueLabel(name, c.value))}</td>${td(num(c.peopleAtEnd))}${td(num(c.entries))}</tr>`).join('');
    return `<div class="breakdown" id="breakdown-${esc(name)}"><h3>${esc(BREAKDOWN_TITLES[name])}</h3>${CHARTED.includes(name) ? breakdownSvg(name, cells) : ''}<table><thead><tr><th scope="col"></th><th scope="col">Personnes en fin de période</th><th scope="col">Entrées sur la période</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  });
  return `<div class="breakdowns">${blocks.join('')}</div>`;
}

function grantTable(report: TerritoryReport): string {
  if (report.grants.length === 0) return '<p class="empty">Aucun financement public enregistré pour ce territoire sur la période.</p>';
  const rows = report.grants.map(
    (g) => `<tr><td>${esc(g.funder)}</td><td>${esc(g.territory)}</td><td>${g.year}</td><td>${esc(euros(g.amount))}</td><td>${esc(euros(g.inPeriod))}</td></tr>`,
  );
  return `<table id="grants"><thead><tr><th scope="col">Financeur</th><th scope="col">Territoire</th><th scope="col">Année</th><th scope="col">Montant annuel</th><th scope="col">Part de la période</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The method's paragraph on statistical secrecy: the rule as applied, or the warning of an unhidden report. */
function secrecyNote(report: TerritoryReport): string {
  if (!report.statisticalSecrecy) {
    return "<li><strong>Version de la fédération : chiffres non soumis au secret statistique, à ne pas diffuser.</strong></li>";
  }
  return `<li>Secret statistique : aucun chiffre publié ne permet de connaître la situation d'une personne. Un effectif de 1 ou 2 personnes n'est pas publié (un effectif nul l'est) ; une somme (chiffre d'affaires, salaires, ETP…) n'est pas publiée quand moins de 3 personnes y contribuent ou quand l'une d'elles peut en représenter 85 % ou plus. Quand un chiffre masqué pourrait se déduire d'un total et des autres chiffres publiés (les mois d'une période, les valeurs d'une répartition), le plus petit chiffre suivant est masqué aussi ; les chiffres proportionnels entre eux (chiffre d'affaires, TVA et contribution ; salaires, cotisations et ETP) sont masqués ensemble, comme les ratios au financement public d'un chiffre masqué. Les cases masquées portent la mention « ${SECRET_TEXT} ».</li>`;
}

/** The whole page. */
export function reportHtml(report: TerritoryReport): string {
  const title = territoryTitle(report);
  const period = `${monthName(report.from)} – ${monthName(report.to)}`;
  const people = report.entrepreneurs;
  const statusWhen = people.statusMonth ? `fin ${monthName(people.statusMonth)}` : 'aucun mois clos';
  const statusCards = (Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[])
    .map((s) => card(`${STATUS_LABELS[s]} (${statusWhen})`, num(people.byStatusAtEnd[s])))
    .join('');
  const exitRows = Object.entries(people.exits)
    .filter(([reason]) => reason !== 'secret' && reason !== 'secretFields')
    .map(([reason, n]) => `<tr><td>${esc(EXIT_LABELS[reason] ?? reason)}</td>${td(num(n as number | null))}</tr>`)
    .join('');
  const lever = report.perPublicEuro;
  const leverHidden = (field: string) => lever.secretFields?.includes(field) ?? false;
  const selfFinancingHidden = report.secretFields?.includes('selfFinancingRatio') ?? false;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Impact territorial — ${title} — ${period}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Impact territorial des coopératives d'activités et d'emploi</h1>
<p class="subtitle">${esc(title)} · ${esc(period)} · ${report.caes} CAE${report.caes > 1 ? 's' : ''}</p>
</header>

<section id="key-figures">
<h2>Chiffres clés</h2>
<div class="cards">
${card("Chiffre d'affaires HT", euros(report.revenue))}
${card('Valeur ajoutée', euros(report.valueAdded))}
${card('Salaires bruts versés', euros(report.grossSalaries))}
${card('Cotisations sociales', euros(report.socialContributions))}
${card('TVA collectée', euros(report.vatCollected))}
${card('Contributions coopératives', euros(report.cooperativeContributions))}
${card('Financements publics', euros(report.publicFunding))}
${card("Taux d'autofinancement", percent(report.selfFinancingRatio, selfFinancingHidden))}
${card('Emplois (ETP moyens)', num(report.jobsFte))}
${card('Personnes accueillies', num(people.welcomed))}
${card('Entrées en accompagnement ou en contrat', num(people.entries))}
${card('Entreprises créées', num(report.companiesCreated))}
${statusCards}
</div>
<h2>Effet levier : pour 1 € de financement public</h2>
<div class="cards">
${card("Chiffre d'affaires", ratioText(lever.revenue, leverHidden('revenue'), `${NNBSP}€`))}
${card('Valeur ajoutée', ratioText(lever.valueAdded, leverHidden('valueAdded'), `${NNBSP}€`))}
${card('TVA collectée', ratioText(lever.vatCollected, leverHidden('vatCollected'), `${NNBSP}€`))}
${card('Salaires bruts', ratioText(lever.grossSalaries, leverHidden('grossSalaries'), `${NNBSP}€`))}
${card('Cotisations sociales', ratioText(lever.socialContributions, leverHidden('socialContributions'), `${NNBSP}€`))}
</div>
</section>

<section id="chart-section">
<h2>Activité et salaires face aux financements publics, par mois</h2>
${chartSvg(report.months)}
</section>

<section>
<h2>Détail par mois</h2>
${monthTable(report)}
</section>

<section id="breakdowns">
<h2>Qui les CAE accompagnent</h2>
<p class="notes">Personnes présentes à la fin de la période (${esc(statusWhen)}) et entrées de la période, par genre, âge, situation et niveau de diplôme à l'entrée, et quartier prioritaire.</p>
${breakdownSection(report)}
</section>

<section>
<h2>Sorties par motif</h2>
<table id="exits"><thead><tr><th scope="col">Motif</th><th scope="col">Personnes</th></tr></thead><tbody>${exitRows}</tbody></table>
</section>

<section>
<h2>Financements publics comptés</h2>
${grantTable(report)}
</section>

<section class="notes">
<h2>Méthode</h2>
<ul>
<li>Chiffres agrégés à la clôture mensuelle de la paie de chaque CAE ; aucune donnée individuelle n'est publiée. Personnes par statut : à la fin du dernier mois clos de la période, pour les CAE qui l'ont clos. Un entrepreneur compte dans le territoire de la commune de son activité.</li>
<li>Valeur ajoutée = chiffre d'affaires HT − consommations intermédiaires, c'est-à-dire toutes les charges de l'activité hors salaires et cotisations sociales (achats de marchandises, fournitures, sous-traitance, déplacements, honoraires…). Elle n'est pas la marge commerciale (chiffre d'affaires HT − achats de marchandises), qui sert seulement d'assiette aux contributions coopératives calculées sur la marge.</li>
<li>Cotisations sociales = cotisations patronales (après réduction générale) + salariales.</li>
<li>Emplois : un salaire brut mensuel au moins égal au SMIC à temps plein compte pour 1 ETP, en deçà au prorata ; moyenne des mois de la période, du premier au dernier mois clos.</li>
<li>Une subvention compte dans le territoire du financeur qui l'a accordée et dans ceux qui le contiennent ; une subvention annuelle compte pour un douzième par mois de son année.</li>
<li>Taux d'autofinancement = contributions coopératives ÷ (contributions coopératives + financements publics).</li>
${secrecyNote(report)}
<li>Codes géographiques : ${esc([report.datasetVintage, ...report.dataVintages.filter((v) => v !== report.datasetVintage)].join(', '))}.</li>
</ul>
</section>
</body>
</html>
`;
}
