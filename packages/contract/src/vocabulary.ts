// The API's fixed words, without any schema: what code that ships to
// browsers may import at no cost. The schemas build on them.

export const locales = ['es', 'en'] as const;

/** The customer pyramid, from the best customers down to those who never bought. */
export const tiers = ['top', 'large', 'medium', 'small', 'inactive', 'potential'] as const;

export const conversationStatuses = ['open', 'pending', 'resolved'] as const;

export const inboxViews = ['unassigned', 'mine', 'all'] as const;
export type InboxView = (typeof inboxViews)[number];

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
