import * as z from 'zod/mini';

export { problemKinds, problemType, problemTypeBase, type ProblemKind } from './vocabulary.ts';

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
  /** The id of the request (its `X-Request-Id`), which the server's log lines about it carry: quote it when reporting a problem. */
  requestId: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;

export const problemContentType = 'application/problem+json';
