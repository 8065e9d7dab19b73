import type { EmailDeliveryStatus, EmailKind } from '@clientela/contract';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, Db } from '../../db/schema.ts';
import type { EmailOutboxTable, EmailSuppressionTable } from './email.tables.ts';

export type EmailOutboxRow = Selectable<EmailOutboxTable>;

export interface ClaimedMail {
  merchantId: string;
  id: string;
  customerId: string;
  kind: EmailKind;
  eventKey: string;
  facts: Record<string, unknown>;
  /** Attempts including the one just claimed. */
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims due mails for one attempt each, at most `perMerchant` of each store
 * and `limit` in all, the oldest first: counts the attempt and moves the next
 * one to `leaseEnd`, so nobody else takes them meanwhile and a mail whose
 * sender died is taken again once the lease runs out. The update checks the
 * mail is still due, so of two instances claiming at once only one gets it.
 */
export async function claimDueMail(db: Kysely<Database>, now: Date, leaseEnd: Date, perMerchant: number, limit: number): Promise<ClaimedMail[]> {
  const { rows } = await sql<ClaimedMail>`
    update email_outbox o
       set attempts = o.attempts + 1, next_attempt_at = ${leaseEnd}::timestamptz
     where (o.merchant_id, o.id) in (
             select merchant_id, id from (
               select merchant_id, id, next_attempt_at, seq,
                      row_number() over (partition by merchant_id order by next_attempt_at, seq) as place
                 from email_outbox
                where status = 'pending' and next_attempt_at <= ${now}::timestamptz
             ) due
              where place <= ${perMerchant}
              order by next_attempt_at, seq
              limit ${limit}
           )
       and o.status = 'pending' and o.next_attempt_at <= ${now}::timestamptz
    returning o.merchant_id, o.id, o.customer_id, o.kind, o.event_key, o.facts, o.attempts, o.max_attempts
  `.execute(db);
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) }));
}

export type MailOutcome = Pick<EmailOutboxRow, 'status' | 'reason' | 'recipient' | 'subject' | 'nextAttemptAt' | 'sentAt'>;

/** Writes how an attempt went, unless the mail was claimed again since (its lease ran out and another sender tried it). */
export async function recordMailAttempt(db: Kysely<Database>, claimed: Pick<ClaimedMail, 'merchantId' | 'id' | 'attempts'>, outcome: MailOutcome): Promise<void> {
  await db
    .updateTable('emailOutbox')
    .set(outcome)
    .where('merchantId', '=', claimed.merchantId)
    .where('id', '=', claimed.id)
    .where('attempts', '=', claimed.attempts)
    .where('status', '=', 'pending')
    .execute();
}

/** Hands back claimed mails not tried, attempt uncounted, due again at `at`: what a sender does when the SMTP server is unreachable. */
export async function releaseClaims(db: Kysely<Database>, claims: readonly ClaimedMail[], at: Date): Promise<void> {
  for (const claim of claims) {
    await db
      .updateTable('emailOutbox')
      .set((eb) => ({ attempts: eb('attempts', '-', 1), nextAttemptAt: at }))
      .where('merchantId', '=', claim.merchantId)
      .where('id', '=', claim.id)
      .where('attempts', '=', claim.attempts)
      .where('status', '=', 'pending')
      .execute();
  }
}

/** Why mail to an address is not sent: a bounce stops all of it, an unsubscribe only marketing. */
export async function suppressionsOf(db: Db, merchantId: string, address: string): Promise<Array<EmailSuppressionTable['reason']>> {
  const rows = await db.selectFrom('emailSuppressions').select('reason').where('merchantId', '=', merchantId).where('address', '=', address.toLowerCase()).execute();
  return rows.map((row) => row.reason);
}

export async function suppress(db: Db, merchantId: string, address: string, reason: EmailSuppressionTable['reason'], at: Date): Promise<void> {
  await db
    .insertInto('emailSuppressions')
    .values({ merchantId, address: address.toLowerCase(), reason, at })
    .onConflict((conflict) => conflict.columns(['merchantId', 'address', 'reason']).doNothing())
    .execute();
}

/** A page of a store's mails, newest first, before the given seq. */
export async function mailOf(db: Db, merchantId: string, filter: { status?: EmailDeliveryStatus; kind?: EmailKind; beforeSeq?: number; limit: number }): Promise<EmailOutboxRow[]> {
  let query = db.selectFrom('emailOutbox').selectAll().where('merchantId', '=', merchantId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}

/** The agent's messages of a conversation after `afterSeq`, with the agent's name: what a reply mail quotes. */
export async function agentMessagesAfter(db: Db, merchantId: string, conversationId: string, afterSeq: number) {
  return db
    .selectFrom('messages as m')
    .leftJoin('staff as s', (join) => join.onRef('s.merchantId', '=', 'm.merchantId').onRef('s.id', '=', 'm.authorId'))
    .select(['m.seq', 'm.body', 's.name as authorName'])
    .where('m.merchantId', '=', merchantId)
    .where('m.conversationId', '=', conversationId)
    .where('m.author', '=', 'agent')
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .execute();
}
