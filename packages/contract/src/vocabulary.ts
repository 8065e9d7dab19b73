// The API's fixed words, without any schema: what code that ships to
// browsers may import at no cost. The schemas build on them.

export const locales = ['es', 'en'] as const;

/** The customer pyramid, from the best customers down to those who never bought. */
export const tiers = ['top', 'large', 'medium', 'small', 'inactive', 'potential'] as const;

export const conversationStatuses = ['open', 'pending', 'resolved'] as const;

export const inboxViews = ['unassigned', 'mine', 'all'] as const;
export type InboxView = (typeof inboxViews)[number];

/**
 * What a member of a store's staff may do, from most to least: an `owner`
 * runs everything, keys and staff included; an `admin` runs the store
 * (loyalty, customers, origins, card rules, support hours, webhooks, the
 * till); an `agent` answers chats, looks customers up and works the till.
 */
export const staffRoles = ['owner', 'admin', 'agent'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * What a shopper may consent to, each on its own: marketing email, profiling
 * (recommendations made from what they bought, saved and browsed) and the
 * birthday greeting.
 */
export const consentPurposes = ['marketing-email', 'profiling', 'birthday-greeting'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** What a member of the staff looked at, as the access log records it: the back office's customer page, the console's customer panel, or an export. */
export const accessViews = ['customer-page', 'customer-panel', 'export'] as const;
export type AccessView = (typeof accessViews)[number];

/** Base of the `type` URIs of Clientela's problem documents. */
export const problemTypeBase = 'https://clientela.dev/problems/';

/** The kinds of problem the API answers with; the `type` URI is the base plus the kind. */
export const problemKinds = [
  'invalid-request',
  /** No credentials, or ones that are not right (a wrong password, an unknown secret key). */
  'unauthenticated',
  /** The `X-Publishable-Key` names no store: a typo, or a key the store has rolled since. */
  'unknown-publishable-key',
  /** The token is not one of ours (forged, garbled, for another store or another kind of caller): get a new one. */
  'invalid-token',
  /** The token is genuine but past its time: a new one will do. */
  'token-expired',
  /** The session was ended (signed out, the staff member's role changed or they were removed, the store ended the shopper's sessions): sign in again. */
  'session-ended',
  /** The page's origin is not one the store allows (`origin` and `publishableKey` say which), or a secret key came from a browser. */
  'forbidden-origin',
  /** The staff member's role may not make this call (`roles` lists those that may). */
  'forbidden-role',
  'not-found',
  'conflict',
  'insufficient-points',
  'insufficient-credit',
  /** The redemption code was used already (`usedAt`, `usedBy` say when and by whom). */
  'redemption-used',
  /** The redemption code expired (`expiresAt` says when). */
  'redemption-expired',
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
