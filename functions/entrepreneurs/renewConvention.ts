/** POST …/convention/renewals: at most two renewals, 36 months in all. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { applyCareerCommand } from './careerCommand.js';

export const handler = httpHandler('renewConvention', contracts.renewConvention, ({ caller, params, body }) =>
  applyCareerCommand(caller, params, { kind: 'renewConvention', ...body }),
);
