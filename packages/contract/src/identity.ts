import * as z from 'zod/mini';
import { Email, ExternalId, IsoDateTime, PersonName, StaffRole } from './common.ts';
import { defineEndpoint, ownersAndAdmins, ownersOnly } from './endpoint.ts';

/** Longest a shopper session may last, in seconds. */
export const maxSessionSeconds = 15 * 60;

export const CreateSessionBody = z.object({
  customerId: ExternalId,
  /** Lifetime in seconds, 60 to 900; 900 when left out. */
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(maxSessionSeconds))),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;

export const createSession = defineEndpoint({
  id: 'createSession',
  method: 'POST',
  path: '/v1/sessions',
  audience: 'secret',
  tag: 'Identity',
  summary: "Mints a short-lived shopper token for one of the merchant's customers, to put on <crm-portal>.",
  body: CreateSessionBody,
  response: Session,
  status: 201,
  errors: [404, 429],
});

export const AgentLoginBody = z.object({
  email: Email,
  password: z.string().check(z.minLength(1), z.maxLength(200)),
  /**
   * The `deviceToken` of this device's last sign-in to this account, if any:
   * wrong passwords sent from elsewhere then do not make this device wait.
   */
  deviceToken: z.optional(z.string().check(z.maxLength(2000))),
});
export type AgentLoginBody = z.infer<typeof AgentLoginBody>;

/** A member of the store's staff, as the console and the back office see them. */
export const StaffMember = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: StaffRole,
});
export type StaffMember = z.infer<typeof StaffMember>;

/** The staff member signed in; what sessions were called before staff had roles (their role is `agent`). */
export const Agent = StaffMember;
export type Agent = StaffMember;

export const AgentSession = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  /** Who signed in, with their role: what the console and the back office show and allow. */
  agent: StaffMember,
  /** Keep it on the device (it lasts 30 days) and send it with the next sign-in to this account. */
  deviceToken: z.string(),
});
export type AgentSession = z.infer<typeof AgentSession>;

export const agentLogin = defineEndpoint({
  id: 'agentLogin',
  method: 'POST',
  path: '/v1/agent/login',
  audience: 'publishable',
  tag: 'Identity',
  summary:
    "Signs a member of the store's staff in (owner, admin or agent) to the merchant named by the publishable key: one sign-in for the agent console and the back office. The answer names their role; a change of role, or their removal, ends their sessions.",
  body: AgentLoginBody,
  response: AgentSession,
  errors: [401, 429],
});

export const AgentLogoutBody = z.object({
  /** Ends every session of the agent, on every device, instead of this one only. */
  everywhere: z.optional(z.boolean()),
});
export type AgentLogoutBody = z.infer<typeof AgentLogoutBody>;

export const agentLogout = defineEndpoint({
  id: 'agentLogout',
  method: 'POST',
  path: '/v1/agent/logout',
  audience: 'agent',
  tag: 'Identity',
  summary: 'Ends the session of the token sent for good (send `{}`), or every session of the agent (`{ "everywhere": true }`).',
  body: AgentLogoutBody,
  response: null,
  status: 204,
});

export const getAgentMe = defineEndpoint({
  id: 'getAgentMe',
  method: 'GET',
  path: '/v1/agent/me',
  audience: 'agent',
  tag: 'Identity',
  summary: 'The signed-in staff member, with their role.',
  response: StaffMember,
});

// The store's staff ---------------------------------------------------------------------

const StaffPassword = z.string().check(z.minLength(10, 'At least 10 characters'), z.maxLength(200));
const StaffId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_]+$/, 'A staff id'));

export const StaffAccount = z.object({ ...StaffMember.shape, createdAt: IsoDateTime });
export type StaffAccount = z.infer<typeof StaffAccount>;

export const listStaff = defineEndpoint({
  id: 'listStaff',
  method: 'GET',
  path: '/v1/staff',
  audience: 'agent',
  staff: ownersAndAdmins,
  tag: 'Staff',
  summary: "The store's staff, owners first, then admins, then agents, each by name.",
  response: z.object({ items: z.array(StaffAccount) }),
});

export const NewStaffMember = z.object({
  email: Email,
  name: PersonName,
  role: StaffRole,
  password: StaffPassword,
});
export type NewStaffMember = z.infer<typeof NewStaffMember>;

export const createStaff = defineEndpoint({
  id: 'createStaff',
  method: 'POST',
  path: '/v1/staff',
  audience: 'agent',
  staff: ownersOnly,
  tag: 'Staff',
  summary: 'Adds a member to the staff with a role and a first password. A 409 when a member of the staff already has the email.',
  body: NewStaffMember,
  response: StaffAccount,
  status: 201,
  errors: [409],
});

export const StaffChange = z.object({
  name: PersonName,
  role: StaffRole,
  /** A new password; the current one stays when left out. */
  password: z.optional(StaffPassword),
});
export type StaffChange = z.input<typeof StaffChange>;

export const updateStaff = defineEndpoint({
  id: 'updateStaff',
  method: 'PUT',
  path: '/v1/staff/{id}',
  audience: 'agent',
  staff: ownersOnly,
  tag: 'Staff',
  summary:
    "Changes a staff member's name, role or password. A new role or password ends every session of theirs at once: they sign in again. A 409 when it would leave the store without an owner.",
  params: z.object({ id: StaffId }),
  body: StaffChange,
  response: StaffAccount,
  errors: [404, 409],
});

export const removeStaff = defineEndpoint({
  id: 'removeStaff',
  method: 'DELETE',
  path: '/v1/staff/{id}',
  audience: 'agent',
  staff: ownersOnly,
  tag: 'Staff',
  summary:
    'Removes a member from the staff and ends every session of theirs at once; what they wrote (messages, notes) keeps their name. A 409 when they are the last owner.',
  params: z.object({ id: StaffId }),
  response: null,
  status: 204,
  errors: [404, 409],
});

// The store's keys and origins -----------------------------------------------------------

export const StoreKeys = z.object({
  /** What the store's pages send in `X-Publishable-Key`. */
  publishableKey: z.string(),
  /** Until when the publishable key before the last roll still works; null when it does not. */
  previousPublishableKeyValidUntil: z.nullable(IsoDateTime),
  /** Until when the secret key before the last roll still works; null when it does not. */
  previousSecretKeyValidUntil: z.nullable(IsoDateTime),
});
export type StoreKeys = z.infer<typeof StoreKeys>;

export const getKeys = defineEndpoint({
  id: 'getKeys',
  method: 'GET',
  path: '/v1/keys',
  audience: 'agent',
  staff: ownersAndAdmins,
  tag: 'Settings',
  summary: "The store's publishable key (the secret key is stored only as a digest, and never shown again), and how long keys rolled away still work.",
  response: StoreKeys,
});

export const keyKinds = ['publishable', 'secret'] as const;

export const RollKeyBody = z.object({
  key: z.enum(keyKinds),
  /**
   * Seconds the key rolled away keeps working beside the new one, so pages
   * and the backend can change keys without a gap: 0 (the default) stops it
   * at once, as after a leak; at most 7 days.
   */
  graceSeconds: z._default(z.int().check(z.minimum(0), z.maximum(7 * 86_400)), 0),
});
export type RollKeyBody = z.input<typeof RollKeyBody>;

export const RolledKeys = z.object({
  ...StoreKeys.shape,
  /** The new secret key when the secret key was rolled: shown only in this answer. Null when the publishable key was rolled. */
  secretKey: z.nullable(z.string()),
});
export type RolledKeys = z.infer<typeof RolledKeys>;

export const rollKeys = defineEndpoint({
  id: 'rollKeys',
  method: 'POST',
  path: '/v1/keys/roll',
  audience: 'agent',
  staff: ownersOnly,
  tag: 'Settings',
  summary:
    'Replaces the publishable or the secret key with a new one. The old one stops working at once (within 30 s on other API instances), or after `graceSeconds`; rolling again within a grace ends the grace of the key before. The new secret key is in this answer only.',
  body: RollKeyBody,
  response: RolledKeys,
});

/** An origin as a browser sends it in `Origin`: scheme, host and port (`https://shop.example`). */
const OriginText = z.string().check(z.minLength(1), z.maxLength(2048));

export const StoreOrigins = z.object({
  /** The origins whose pages may call the API for the store, sorted. */
  origins: z.array(z.string()),
});
export type StoreOrigins = z.infer<typeof StoreOrigins>;

/** Most origins a store may allow. */
export const maxStoreOrigins = 100;

export const listOrigins = defineEndpoint({
  id: 'listOrigins',
  method: 'GET',
  path: '/v1/origins',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Settings',
  summary: 'The origins whose pages may call the API for the store (CORS).',
  response: StoreOrigins,
});

export const addOrigin = defineEndpoint({
  id: 'addOrigin',
  method: 'POST',
  path: '/v1/origins',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Settings',
  summary:
    'Allows pages of an origin to call the API for the store, at once on this API instance (within 30 s on others). The origin is normalised as browsers send it (`HTTPS://Shop.Example:443/` is `https://shop.example`); one with a path, query or credentials, or not http(s), is a 400 naming `origin`. 201 when it was added, 200 when it was there; a 409 past 100 origins.',
  body: z.object({ origin: OriginText }),
  response: StoreOrigins,
  status: 201,
  errors: [409],
});

export const removeOrigin = defineEndpoint({
  id: 'removeOrigin',
  method: 'DELETE',
  path: '/v1/origins',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Settings',
  summary:
    "Stops pages of an origin from calling the API for the store (normalised as for adding); removing one that is not there changes nothing. A 409 for the origin of the page making the call: it would lock that page out.",
  query: z.object({ origin: OriginText }),
  response: null,
  status: 204,
  errors: [409],
});
