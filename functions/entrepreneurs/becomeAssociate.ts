/** POST …/membership: only an employee, on or before the associate deadline. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { applyCareerCommand } from './careerCommand.js';

export const handler = httpHandler('becomeAssociate', contracts.becomeAssociate, ({ caller, params, body }) =>
  applyCareerCommand(caller, params, { kind: 'becomeAssociate', ...body }),
);
