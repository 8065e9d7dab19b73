import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export type SessionAudience = 'shopper' | 'agent';

/** The customer's session version, which a new session of theirs carries, and whether they were erased; undefined when the store has no such customer. */
export async function findShopperSessionVersion(db: Db, merchantId: string, customerId: string) {
  return db.selectFrom('customers').select(['sessionVersion', 'erasedAt']).where('merchantId', '=', merchantId).where('id', '=', customerId).executeTakeFirst();
}

/** Keeps a signed-out token's id until the token would have expired; the ids of the store's tokens past that go. */
export async function insertEndedSession(db: Db, session: { merchantId: string; tokenId: string; expiresAt: Date }, now: Date): Promise<void> {
  await db.deleteFrom('endedSessions').where('merchantId', '=', session.merchantId).where('expiresAt', '<=', now).execute();
  await db
    .insertInto('endedSessions')
    .values(session)
    .onConflict((conflict) => conflict.columns(['merchantId', 'tokenId']).doNothing())
    .execute();
}

/** Raises the agent's or customer's session version, ending every token below it; undefined when there is no such subject. */
export async function raiseSessionVersion(db: Db, audience: SessionAudience, merchantId: string, subject: string, now: Date) {
  return db
    .updateTable(audience === 'agent' ? 'staff' : 'customers')
    .set({ sessionVersion: sql<number>`session_version + 1`, sessionsEndedAt: now })
    .where('merchantId', '=', merchantId)
    .where('id', '=', subject)
    .returning('sessionVersion')
    .executeTakeFirst();
}

export interface EndedSessionRow {
  kind: 'token' | SessionAudience;
  merchantId: string;
  /** The token id for a token, the agent or customer id otherwise. */
  subject: string;
  /** The session version tokens need from now on; 0 for a token. */
  version: number;
  /** When the token expires, or when the sessions were ended. */
  at: Date;
}

/** Tokens signed out that have not expired yet, and the agents and customers whose sessions were ended after the cutoffs. */
export async function findEndedSessions(db: Db, since: { now: Date; agentsEndedAfter: Date; customersEndedAfter: Date }): Promise<EndedSessionRow[]> {
  const { rows } = await sql<EndedSessionRow>`
    select 'token' as kind, merchant_id, token_id as subject, 0 as version, expires_at as at from ended_sessions where expires_at > ${since.now}
    union all
    select 'agent', merchant_id, id, session_version, sessions_ended_at from staff where sessions_ended_at > ${since.agentsEndedAfter}
    union all
    select 'shopper', merchant_id, id, session_version, sessions_ended_at from customers where sessions_ended_at > ${since.customersEndedAfter}
  `.execute(db);
  return rows;
}
