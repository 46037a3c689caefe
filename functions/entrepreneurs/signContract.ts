/** POST …/contract: a CESA, whose response carries the associate deadline. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { applyCareerCommand } from './careerCommand.js';

export const handler = httpHandler('signContract', contracts.signContract, ({ caller, params, body }) =>
  applyCareerCommand(caller, params, { kind: 'signContract', ...body }),
);
