import * as z from 'zod/mini';
import { IsoDateTime } from './common.ts';
import { staffRoles } from './vocabulary.ts';

export { problemKinds, problemType, problemTypeBase, type ProblemKind } from './vocabulary.ts';

/** Who in a store did something: a member of its staff, or its backend with the secret key. */
export const StoreActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), id: z.string(), name: z.string(), role: z.enum(staffRoles) }),
  z.object({ kind: z.literal('backend') }),
]);
export type StoreActor = z.infer<typeof StoreActor>;

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
  /** `forbidden-origin`: the page's origin that the store does not allow. */
  origin: z.optional(z.string()),
  /** `forbidden-origin`, `unknown-publishable-key`: the publishable key the call came with (or the store's, for a token). */
  publishableKey: z.optional(z.string()),
  /** `forbidden-role`: the staff roles that may make the call. */
  roles: z.optional(z.array(z.enum(staffRoles))),
  /** `redemption-used`: when the code was used, and by whom. */
  usedAt: z.optional(IsoDateTime),
  usedBy: z.optional(StoreActor),
  /** `redemption-expired`: when the code expired. */
  expiresAt: z.optional(IsoDateTime),
});
export type Problem = z.infer<typeof Problem>;

export const problemContentType = 'application/problem+json';
