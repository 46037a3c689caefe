/** POST …/convention: a CAPE (convention d'accompagnement) of at most 12 months. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { applyCareerCommand } from './careerCommand.js';

export const handler = httpHandler('signConvention', contracts.signConvention, ({ caller, params, body }) =>
  applyCareerCommand(caller, params, { kind: 'signConvention', ...body }),
);
