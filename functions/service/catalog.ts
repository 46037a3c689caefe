/**
 * Every route's contract, by route id: what /openapi.json is generated from. A route of the route table
 * without a contract here fails the OpenAPI test.
 */
import { contracts as accompaniment } from '../accompaniment/api.js';
import { contracts as accounting } from '../accounting/api.js';
import { contracts as activity } from '../activity/api.js';
import { contracts as statement } from '../activity/statementApi.js';
import { contracts as caes } from '../caes/api.js';
import { contracts as entrepreneurs } from '../entrepreneurs/api.js';
import { contracts as expenseClaims } from '../expenses/claims/api.js';
import { contracts as receipts } from '../expenses/receipts/api.js';
import { contracts as supplierInvoices } from '../expenses/supplierInvoices/api.js';
import { contracts as governance } from '../governance/api.js';
import { contracts as invoicing } from '../invoicing/api.js';
import { contracts as payroll } from '../payroll/api.js';
import { contracts as reports } from '../reports/api.js';
import type { Contract } from '../shared/http.js';
import { contracts as service } from './api.js';

export const catalog: Record<string, Contract> = {
  ...service,
  ...caes,
  ...entrepreneurs,
  ...activity,
  ...governance,
  ...payroll,
  ...reports,
  ...invoicing,
  ...receipts,
  ...supplierInvoices,
  ...expenseClaims,
  ...accompaniment,
  ...statement,
  ...accounting,
};
