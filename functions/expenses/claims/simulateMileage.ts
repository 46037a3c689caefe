/**
 * POST /caes/{caeId}/mileage/simulations: a trip's allowance on the annual scale, from the km already driven
 * that year with the vehicle, with the formula spelt out. Nothing is read or stored. A date that no scale
 * covers is a 422 `no-mileage-scale-for-date` naming `body.date`.
 */
import { tripAllowance } from '../../../domain/expenses/mileage.js';
import { requireCae } from '../../shared/auth.js';
import { RuleViolated, ValidationFailed } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { contracts } from './api.js';

/** The request field a domain field comes from. */
const FIELDS: Record<string, string> = { kmBefore: 'body.kmAlreadyThisYear' };

export const handler = httpHandler('simulateMileage', contracts.simulateMileage, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const result = tripAllowance({ date: body.date, km: body.km, kmBefore: body.kmAlreadyThisYear, vehicle: body.vehicle });
  if (!result.ok) {
    const errors = result.violations.map((v) => ({ path: FIELDS[v.path] ?? `body.${v.path}`, message: v.message }));
    const rule = result.violations.find((v) => v.id === 'no-mileage-scale-for-date');
    if (rule) throw new RuleViolated(rule.id, rule.message, errors);
    throw new ValidationFailed(result.violations[0]?.message ?? 'The request is not valid.', errors);
  }
  return { body: result.value };
});
