/** GET /health: calls no dependency, so that the check stays cheap. */
import { httpHandler } from '../shared/http.js';
import { contracts } from './api.js';

export const handler = httpHandler('health', contracts.health, async () => ({ body: { status: 'ok' as const } }));
