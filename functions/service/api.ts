/** Contracts of the service routes. */
import * as z from 'zod';

export const contracts = {
  health: { status: 200, response: z.object({ status: z.literal('ok') }) },
  openApi: { status: 200, response: z.record(z.string(), z.unknown()) },
} as const;
