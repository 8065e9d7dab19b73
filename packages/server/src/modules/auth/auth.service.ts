import type { AgentLoginBody } from '@clientela/contract';
import type { Kysely } from 'kysely';
import { notFound, ProblemError } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import type { RateLimits, RateRuleName } from '../rate-limits/index.ts';
import { findAgent, findAgentByEmail, insertAgent } from './agents.repository.ts';
import type { EndedSessions } from './ended-sessions.ts';
import { newAgentId } from './keys.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { findShopperSessionVersion } from './sessions.repository.ts';
import { maxTokenSeconds, type TokenClaims, type TokenService } from './tokens.ts';

const agentSessionSeconds = 8 * 60 * 60;

export async function mintShopperSession(
  deps: { db: Kysely<Database>; tokens: TokenService },
  merchantId: string,
  customerId: string,
  ttlSeconds = maxTokenSeconds.shopper,
) {
  const sessionVersion = await findShopperSessionVersion(deps.db, merchantId, customerId);
  if (sessionVersion === undefined) throw notFound(`Customer ${customerId}`);
  const { token, expiresAt } = await deps.tokens.issue('shopper', merchantId, customerId, ttlSeconds, sessionVersion);
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Signs an agent in, holding wrong passwords to budgets that an attacker who
 * knows the agent's email cannot turn against the agent (OWASP's device
 * cookies): a device that signed in to this account before, and sends the
 * device token it was given, answers for its own failures only; any other
 * attempt is held per account and address, with waits that double, and all
 * of them together to a looser ceiling per account. The attempt is counted
 * before the password is checked, so attempts made at once cannot all pass
 * one count, and given back when the password is right.
 */
export async function logInAgent(
  deps: { db: Kysely<Database>; tokens: TokenService; rateLimits: RateLimits },
  merchantId: string,
  attempt: AgentLoginBody & { address: string },
) {
  const account = attempt.email.toLowerCase();
  const device = attempt.deviceToken === undefined ? undefined : await knownDevice(deps.tokens, attempt.deviceToken, merchantId, account);
  const budgets: Array<[RateRuleName, string]> = device
    ? [['loginFailuresPerDevice', device]]
    : [
        ['loginFailuresPerAccountAddress', `${account} ${attempt.address}`],
        ['loginFailuresPerAccount', account],
      ];
  const reservation = await deps.rateLimits.reserve(merchantId, budgets);
  const agent = await findAgentByEmail(deps.db, merchantId, account);
  const matches = await verifyPassword(attempt.password, agent?.passwordHash ?? (await decoyPasswordHash));
  if (!agent || !matches) throw new ProblemError('unauthenticated', 'The email or the password is wrong');
  await reservation.release();
  const { token, expiresAt } = await deps.tokens.issue('agent', merchantId, agent.id, agentSessionSeconds, agent.sessionVersion);
  // A new device token with every sign-in: failures counted against the one before stay with it.
  const deviceToken = await deps.tokens.issue('device', merchantId, account, maxTokenSeconds.device);
  return { token, expiresAt: expiresAt.toISOString(), agent: { id: agent.id, name: agent.name, email: agent.email }, deviceToken: deviceToken.token };
}

/** The device's id, when the token is one this store gave a device at a sign-in to this account; undefined for any other. */
async function knownDevice(tokens: TokenService, deviceToken: string, merchantId: string, account: string): Promise<string | undefined> {
  try {
    const device = await tokens.verify(deviceToken, 'device');
    return device.merchantId === merchantId && device.subject === account ? device.tokenId : undefined;
  } catch (error) {
    if (error instanceof ProblemError) return undefined;
    throw error;
  }
}

/** Ends the agent's session of this token, or with `everywhere` every session of theirs. */
export async function logOutAgent(deps: { endedSessions: EndedSessions }, session: TokenClaims, everywhere: boolean): Promise<void> {
  if (everywhere && (await deps.endedSessions.endAll('agent', session.merchantId, session.subject))) return;
  await deps.endedSessions.endOne(session);
}

/** Ends every session minted for the customer so far. */
export async function endCustomerSessions(deps: { endedSessions: EndedSessions }, merchantId: string, customerId: string): Promise<void> {
  if (!(await deps.endedSessions.endAll('shopper', merchantId, customerId))) throw notFound(`Customer ${customerId}`);
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
