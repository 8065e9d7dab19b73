import type { Erasure } from '@clientela/contract';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import type { EndedSessions } from '../auth/index.ts';
import { cardSummary } from '../statements/index.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';

export interface ErasureDeps {
  db: Kysely<Database>;
  clock: Clock;
  endedSessions: EndedSessions;
}

/** Who asked for an erasure, as the `customer.erased` webhook tells the store. */
export type ErasureRequester = 'shopper' | 'store' | 'retention';

/** What stands in for the erased customer's name wherever the store shows one. */
export const erasedName = { firstName: 'Erased', lastName: 'customer' } as const;

/**
 * Erases a customer for good, in one transaction. Every column that holds
 * something they are or wrote is replaced or emptied; nothing derived from it
 * (a hash, an initial) is kept, so it cannot be undone.
 *
 * What stays, without identity, is what the law or the store's books need:
 * orders with their amounts and lines, the points ledger (its sums are the
 * balance other figures add up), card accounts, movements and closed
 * statements (financial records the law makes a card issuer keep: GDPR
 * art. 17(3)(b); Ley 19.628, as Ley 21.719 amends it, lets a legal duty to
 * keep data stand before erasure too), the access log and the record of
 * consents (proof the store kept the law). The merchant's id for the
 * customer stays too, so their backend cannot sync them back and their
 * sessions are refused; it is the store's own reference, never a name, email
 * or phone (ids allow no `@` or spaces).
 *
 * Asking again changes nothing and answers the first erasure.
 */
export async function eraseCustomer(deps: ErasureDeps, merchant: Merchant, customerId: string, requestedBy: ErasureRequester): Promise<Erasure> {
  const m = merchant.id;
  const now = deps.clock();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const customer = await trx.selectFrom('customers').select(['erasedAt']).where('merchantId', '=', m).where('id', '=', customerId).forUpdate().executeTakeFirst();
    if (!customer) throw notFound(`Customer ${customerId}`);
    if (customer.erasedAt !== null) return { erasedAt: customer.erasedAt, sessionVersion: undefined };
    await sql`select set_config('clientela.erasure', 'on', true)`.execute(trx);
    const { sessionVersion } = await trx
      .updateTable('customers')
      .set({
        ...erasedName,
        email: null,
        phone: null,
        birthday: null,
        locale: null,
        erasedAt: now,
        updatedAt: now,
        sessionVersion: sql<number>`session_version + 1`,
        sessionsEndedAt: now,
      })
      .where('merchantId', '=', m)
      .where('id', '=', customerId)
      .returning('sessionVersion')
      .executeTakeFirstOrThrow();
    await blankWhatTheyWrote(trx, m, customerId);
    await recordWebhookEvents(trx, m, [{ type: 'customer.erased', data: { customerId, erasedAt: now.toISOString(), requestedBy } }], now);
    return { erasedAt: now, sessionVersion };
  });
  if (outcome.sessionVersion !== undefined) deps.endedSessions.noteEnded('shopper', m, customerId, outcome.sessionVersion, now);
  return { status: 'erased', erasedAt: outcome.erasedAt.toISOString(), kept: await keptRecords(deps, merchant, customerId) };
}

/** Empties every text the customer wrote or that was written about them, and drops what only profiled them. */
async function blankWhatTheyWrote(trx: Db, m: string, c: string): Promise<void> {
  const theirConversations = trx.selectFrom('conversations').select('id').where('merchantId', '=', m).where('customerId', '=', c);
  const theirOrders = trx.selectFrom('orders').select('id').where('merchantId', '=', m).where('customerId', '=', c);
  await trx.updateTable('messages').set({ body: '' }).where('merchantId', '=', m).where('conversationId', 'in', theirConversations).execute();
  await trx.updateTable('conversations').set({ subject: '', ratingComment: null, attachment: null }).where('merchantId', '=', m).where('customerId', '=', c).execute();
  await trx.deleteFrom('chatEvents').where('merchantId', '=', m).where('customerId', '=', c).execute();
  await trx.updateTable('customerNotes').set({ body: '' }).where('merchantId', '=', m).where('customerId', '=', c).execute();
  // A correction's note is the staff's words about the customer; a promotion's or reward's name is the store's and stays.
  await sql`update points_entries set label = null, labels = null where merchant_id = ${m} and customer_id = ${c} and reason = 'correction'`.execute(trx);
  await trx.updateTable('refunds').set({ reason: '' }).where('merchantId', '=', m).where('orderId', 'in', theirOrders).execute();
  await trx.updateTable('wishlistItems').set({ note: '', alertPriceDrop: false, alertBackInStock: false }).where('merchantId', '=', m).where('customerId', '=', c).execute();
  await trx.deleteFrom('browsingEvents').where('merchantId', '=', m).where('customerId', '=', c).execute();
  await trx.deleteFrom('idempotencyKeys').where('merchantId', '=', m).where('customerId', '=', c).execute();
  await trx.deleteFrom('erasureConfirmations').where('merchantId', '=', m).where('customerId', '=', c).execute();
  // Mail not sent yet is not sent; what went out keeps no address, and the development mailbox forgets it.
  await sql`
    update email_outbox
       set recipient = null,
           status = case when status = 'pending' then 'skipped' else status end,
           reason = case when status = 'pending' then 'erased' else reason end
     where merchant_id = ${m} and customer_id = ${c}
  `.execute(trx);
  await sql`delete from dev_mailbox where merchant_id = ${m} and delivery_id in (select id from email_outbox where merchant_id = ${m} and customer_id = ${c})`.execute(trx);
  // Webhook events already written carry what the shopper asked about; pending or sent, they keep no subject.
  await sql`
    update webhook_deliveries
       set payload = jsonb_set(payload::jsonb, '{data,subject}', '""')::text
     where merchant_id = ${m} and event_type = 'conversation.created' and payload::jsonb #>> '{data,customerId}' = ${c}
  `.execute(trx);
}

/** What the erasure left, without identity, and whether the card still owed money. */
async function keptRecords(deps: ErasureDeps, merchant: Merchant, customerId: string): Promise<Erasure['kept']> {
  const m = merchant.id;
  const count = (table: 'orders' | 'pointsEntries' | 'cardStatements') =>
    deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('merchantId', '=', m)
      .where('customerId', '=', customerId)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count));
  const [orders, pointsEntries, cardStatements, card] = await Promise.all([count('orders'), count('pointsEntries'), count('cardStatements'), cardSummary(deps, merchant, customerId)]);
  return { orders, pointsEntries, cardStatements, openCardBalance: (card?.balance ?? 0) > 0 };
}
