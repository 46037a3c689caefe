/** POST …/exit: leaving the CAE, with the reason funders count. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { applyCareerCommand } from './careerCommand.js';

export const handler = httpHandler('exitEntrepreneur', contracts.exitEntrepreneur, ({ caller, params, body }) =>
  applyCareerCommand(caller, params, { kind: 'exit', ...body }),
);
