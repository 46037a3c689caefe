/** GET /openapi.json: built once per cold start, then served from memory. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';
import { openApiDocument } from './openApiDocument.js';

const document = openApiDocument();

export const handler = httpHandler('openApi', contracts.openApi, async () => ({ body: document }));
