import { computePayslip } from '../../domain/payroll/index.js';
import Engine from 'publicodes';
import rules from 'modele-social';
const e = new Engine(rules as any, { logger: { log() {}, warn() {}, error() {} } });
e.setSituation({ date: "'15/07/2026'", 'salarié . contrat . salaire brut': '5470 €/mois', 'entreprise . salariés . effectif': '5 employé' } as any);
const p = computePayslip({ date: '2026-07-15', gross: '5470', settings: { headcount: 5 } });
for (const l of p.lines) console.log(l.code.padEnd(30), l.employeeAmount.toFixed(2).padStart(9), l.employerAmount.toFixed(2).padStart(9));
for (const r of ['maladie . employeur','vieillesse . employeur . plafonnée','vieillesse . employeur . déplafonnée','retraite complémentaire . employeur','CEG . employeur','CET . employeur','allocations familiales','ATMP','CSA','FNAL','chômage','AGS','contribution au dialogue social','formation professionnelle',"taxe d'apprentissage",'prévoyances . santé . employeur','forfait social','exonérations . RGDU']) console.log(r.padEnd(40), e.evaluate('salarié . cotisations . ' + r).nodeValue);
