import * as z from 'zod/mini';
import { Email, ExternalId, IsoDateTime } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

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

export const Agent = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
});
export type Agent = z.infer<typeof Agent>;

export const AgentSession = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  agent: Agent,
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
  summary: 'Signs a support agent in to the merchant named by the publishable key.',
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
  summary: 'The signed-in agent.',
  response: Agent,
});
