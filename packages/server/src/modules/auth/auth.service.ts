import type { Kysely } from 'kysely';
import type { Database, Db } from '../../db/schema.ts';
import { notFound, ProblemError } from '../../http/problem.ts';
import { findCustomer } from '../customers/customers.repository.ts';
import { findAgent, findAgentByEmail, insertAgent } from './agents.repository.ts';
import { newAgentId } from './keys.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { maxTokenSeconds, type TokenService } from './tokens.ts';

const agentSessionSeconds = 8 * 60 * 60;

export async function mintShopperSession(
  deps: { db: Kysely<Database>; tokens: TokenService },
  merchantId: string,
  customerId: string,
  ttlSeconds = maxTokenSeconds.shopper,
) {
  const customer = await findCustomer(deps.db, merchantId, customerId);
  if (!customer) throw notFound(`Customer ${customerId}`);
  const { token, expiresAt } = await deps.tokens.issue('shopper', merchantId, customerId, ttlSeconds);
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function logInAgent(
  deps: { db: Kysely<Database>; tokens: TokenService },
  merchantId: string,
  credentials: { email: string; password: string },
) {
  const agent = await findAgentByEmail(deps.db, merchantId, credentials.email);
  const matches = await verifyPassword(credentials.password, agent?.passwordHash ?? (await decoyPasswordHash));
  if (!agent || !matches) throw new ProblemError('unauthenticated', 'The email or the password is wrong');
  const { token, expiresAt } = await deps.tokens.issue('agent', merchantId, agent.id, agentSessionSeconds);
  return { token, expiresAt: expiresAt.toISOString(), agent: { id: agent.id, name: agent.name, email: agent.email } };
}

export async function getAgent(db: Kysely<Database>, merchantId: string, agentId: string) {
  const agent = await findAgent(db, merchantId, agentId);
  if (!agent) throw new ProblemError('unauthenticated', 'The agent no longer exists');
  return agent;
}

export async function createAgent(
  db: Db,
  merchantId: string,
  agent: { email: string; name: string; password: string; id?: string },
) {
  const id = agent.id ?? newAgentId();
  await insertAgent(db, { merchantId, id, email: agent.email, name: agent.name, passwordHash: await hashPassword(agent.password) });
  return { id, email: agent.email.toLowerCase(), name: agent.name };
}
