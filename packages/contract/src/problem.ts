import * as z from 'zod/mini';

/** Base of the `type` URIs of Clientela's problem documents. */
export const problemTypeBase = 'https://clientela.dev/problems/';

/** The kinds of problem the API answers with; the `type` URI is the base plus the kind. */
export const problemKinds = [
  'invalid-request',
  'unauthenticated',
  'token-expired',
  'forbidden-origin',
  'not-found',
  'conflict',
  'insufficient-points',
  'insufficient-credit',
  'idempotency-mismatch',
  'rate-limited',
  'unsupported-media-type',
  'payload-too-large',
  'method-not-allowed',
  'internal',
  'unavailable',
] as const;
export type ProblemKind = (typeof problemKinds)[number];

export const problemType = (kind: ProblemKind): string => problemTypeBase + kind;

export const FieldError = z.object({
  /** Where the bad value was: `body`, `query`, `params` or `headers`. */
  in: z.enum(['body', 'query', 'params', 'headers']),
  /** Dotted path of the field inside that part, e.g. `lines.0.quantity`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem document (`application/problem+json`). */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;

export const problemContentType = 'application/problem+json';
