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

export const getAgentMe = defineEndpoint({
  id: 'getAgentMe',
  method: 'GET',
  path: '/v1/agent/me',
  audience: 'agent',
  tag: 'Identity',
  summary: 'The signed-in agent.',
  response: Agent,
});
