import type { EmailDelivery, EmailDeliveryStatus, EmailKind } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { decodeCursorKey, encodeCursor } from '../../core/cursor.ts';
import type { Database } from '../../db/schema.ts';
import { answerConsents, privacySettingsOf } from '../privacy/index.ts';
import { mailOf, suppress, type EmailOutboxRow } from './email.repository.ts';
import type { Subscriber } from './unsubscribe-links.ts';

const toDelivery = (row: EmailOutboxRow): EmailDelivery => ({
  id: row.id,
  kind: row.kind,
  customerId: row.customerId,
  to: row.recipient,
  subject: row.subject,
  status: row.status,
  reason: row.reason,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

const isSeq = (key: unknown): key is number => typeof key === 'number' && Number.isSafeInteger(key);

/** The store's mails, newest first, a page at a time. */
export async function listEmailDeliveries(
  db: Kysely<Database>,
  merchantId: string,
  query: { status?: EmailDeliveryStatus; kind?: EmailKind; limit: number; after?: string },
): Promise<{ items: EmailDelivery[]; nextCursor: string | null }> {
  const beforeSeq = query.after === undefined ? undefined : decodeCursorKey(query.after, 'after', isSeq);
  const rows = await mailOf(db, merchantId, {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.kind === undefined ? {} : { kind: query.kind }),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toDelivery), nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null };
}

/**
 * What the unsubscribe link does: records, in the consent store, that the
 * shopper withdrew their consent to marketing email (under the store's
 * current consent text), and puts their address on the suppression list, in
 * one transaction. Answers false when the customer is not there.
 */
export async function unsubscribe(deps: { db: Kysely<Database>; clock: Clock }, subscriber: Subscriber): Promise<boolean> {
  const { merchantId, customerId } = subscriber;
  return deps.db.transaction().execute(async (trx) => {
    const customer = await trx.selectFrom('customers').select('email').where('merchantId', '=', merchantId).where('id', '=', customerId).executeTakeFirst();
    if (!customer) return false;
    const now = deps.clock();
    const { consentTextVersion } = await privacySettingsOf(trx, merchantId);
    await answerConsents(trx, merchantId, customerId, { textVersion: consentTextVersion, consents: { 'marketing-email': false } }, { kind: 'shopper' }, now);
    if (customer.email) await suppress(trx, merchantId, customer.email, 'unsubscribe', now);
    return true;
  });
}
