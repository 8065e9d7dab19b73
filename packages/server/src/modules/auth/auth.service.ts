import type { AgentLoginBody, StaffMember, StaffRole } from '@clientela/contract';
import type { Kysely } from 'kysely';
import { notFound, ProblemError } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import type { RateLimits, RateRuleName } from '../rate-limits/index.ts';
import type { EndedSessions } from './ended-sessions.ts';
import { newStaffId } from './keys.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { findShopperSessionVersion } from './sessions.repository.ts';
import { findStaffByEmail, findStaffMember, insertStaffMember } from './staff.repository.ts';
import { maxTokenSeconds, type TokenClaims, type TokenService } from './tokens.ts';

const agentSessionSeconds = 8 * 60 * 60;

export async function mintShopperSession(
  deps: { db: Kysely<Database>; tokens: TokenService },
  merchantId: string,
  customerId: string,
  ttlSeconds = maxTokenSeconds.shopper,
) {
  const customer = await findShopperSessionVersion(deps.db, merchantId, customerId);
  if (customer === undefined) throw notFound(`Customer ${customerId}`);
  if (customer.erasedAt !== null) throw new ProblemError('conflict', `Customer ${customerId} was erased: no session is given for them`);
  const { token, expiresAt } = await deps.tokens.issue('shopper', merchantId, customerId, ttlSeconds, customer.sessionVersion);
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Signs a member of the staff in (an owner, an admin or an agent: one
 * sign-in for the console and the back office), holding wrong passwords to budgets that an attacker who
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
  const member = await findStaffByEmail(deps.db, merchantId, account);
  const matches = await verifyPassword(attempt.password, member?.passwordHash ?? (await decoyPasswordHash));
  if (!member || !matches) throw new ProblemError('unauthenticated', 'The email or the password is wrong');
  await reservation.release();
  // The role rides in the token: changing it raises the session version, which ends this token.
  const { token, expiresAt } = await deps.tokens.issue('agent', merchantId, member.id, agentSessionSeconds, member.sessionVersion, member.role);
  // A new device token with every sign-in: failures counted against the one before stay with it.
  const deviceToken = await deps.tokens.issue('device', merchantId, account, maxTokenSeconds.device);
  const agent: StaffMember = { id: member.id, name: member.name, email: member.email, role: member.role };
  return { token, expiresAt: expiresAt.toISOString(), agent, deviceToken: deviceToken.token };
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

/** The signed-in member of the staff, with their role. */
export async function getAgent(db: Kysely<Database>, merchantId: string, agentId: string): Promise<StaffMember> {
  const member = await findStaffMember(db, merchantId, agentId);
  if (!member) throw new ProblemError('session-ended', 'You are no longer on the staff of this store');
  return { id: member.id, name: member.name, email: member.email, role: member.role };
}

/** Adds a member to a store's staff with a role (`agent` unless named) and a password, stored as a scrypt hash. */
export async function createStaffMember(
  db: Db,
  merchantId: string,
  member: { email: string; name: string; password: string; role?: StaffRole; id?: string },
) {
  const id = member.id ?? newStaffId();
  const role = member.role ?? 'agent';
  const row = await insertStaffMember(db, { merchantId, id, email: member.email, name: member.name, role, passwordHash: await hashPassword(member.password) });
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() };
}

/** Adds a support agent: a member of the staff with the `agent` role. */
export const createAgent = (db: Db, merchantId: string, agent: { email: string; name: string; password: string; id?: string }) =>
  createStaffMember(db, merchantId, { ...agent, role: 'agent' });
