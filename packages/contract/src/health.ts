import * as z from 'zod/mini';
import { defineEndpoint } from './endpoint.ts';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});
export type Health = z.infer<typeof Health>;

export const getHealth = defineEndpoint({
  id: 'getHealth',
  method: 'GET',
  path: '/v1/health',
  audience: 'public',
  tag: 'Operations',
  summary: 'Whether the API and its database answer.',
  response: Health,
  errors: [503],
});
