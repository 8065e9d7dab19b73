import { sql } from 'kysely';
import type { Logger } from '../../core/logger.ts';
import { repeat } from '../../core/repeating-job.ts';
import type { MerchantDirectory } from '../auth/index.ts';
import { eraseCustomer, type ErasureDeps } from './erasure.ts';

const day = 86_400_000;

export interface RetentionDeps extends ErasureDeps {
  directory: MerchantDirectory;
}

/**
 * Applies each store's retention periods, lazily: a store is due when its
 * periods changed since the last round, and daily after (time alone makes
 * conversations and customers old). Each store is claimed with a conditional
 * update, so of several instances only one applies it, as with the tiers.
 *
 * - Conversations whose last change is older than the chat period lose
 *   their messages, subject, comment and events; the conversation stays,
 *   empty, with its status and rating, so the store's support figures hold.
 * - Customers with no purchase, card movement or conversation (nor a new
 *   registration) within the inactive period are erased, as on request.
 */
export async function applyDueRetention(deps: RetentionDeps): Promise<string[]> {
  const now = deps.clock();
  const due = await deps.db
    .selectFrom('privacySettings')
    .select(['merchantId', 'retentionAppliedAt', 'chatRetentionDays', 'inactiveCustomerRetentionDays'])
    .where((eb) => eb.or([eb('chatRetentionDays', 'is not', null), eb('inactiveCustomerRetentionDays', 'is not', null)]))
    .where((eb) => eb.or([eb('retentionAppliedAt', 'is', null), eb('retentionAppliedAt', '<', new Date(now.getTime() - day))]))
    .execute();
  const done: string[] = [];
  for (const store of due) {
    const claimed = await deps.db
      .updateTable('privacySettings')
      .set({ retentionAppliedAt: now })
      .where('merchantId', '=', store.merchantId)
      .where((eb) => (store.retentionAppliedAt ? eb('retentionAppliedAt', '=', store.retentionAppliedAt) : eb('retentionAppliedAt', 'is', null)))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    if (store.chatRetentionDays !== null) await forgetOldConversations(deps, store.merchantId, new Date(now.getTime() - store.chatRetentionDays * day));
    if (store.inactiveCustomerRetentionDays !== null) await eraseInactiveCustomers(deps, store.merchantId, new Date(now.getTime() - store.inactiveCustomerRetentionDays * day));
    done.push(store.merchantId);
  }
  return done;
}

async function forgetOldConversations(deps: RetentionDeps, merchantId: string, before: Date): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const old = trx.selectFrom('conversations').select('id').where('merchantId', '=', merchantId).where('updatedAt', '<', before);
    await trx.deleteFrom('messages').where('merchantId', '=', merchantId).where('conversationId', 'in', old).execute();
    await trx.deleteFrom('chatEvents').where('merchantId', '=', merchantId).where('conversationId', 'in', old).execute();
    await sql`
      update webhook_deliveries
         set payload = jsonb_set(payload::jsonb, '{data,subject}', '""')::text
       where merchant_id = ${merchantId} and event_type = 'conversation.created'
         and payload::jsonb #>> '{data,conversationId}' in (select id from conversations where merchant_id = ${merchantId} and updated_at < ${before})
    `.execute(trx);
    await trx.updateTable('conversations').set({ subject: '', ratingComment: null, attachment: null }).where('merchantId', '=', merchantId).where('updatedAt', '<', before).execute();
  });
}

async function eraseInactiveCustomers(deps: RetentionDeps, merchantId: string, before: Date): Promise<void> {
  const merchant = await deps.directory.byId(merchantId);
  if (!merchant) return;
  const inactive = await sql<{ id: string }>`
    select c.id from customers c
     where c.merchant_id = ${merchantId} and c.erased_at is null and c.registered_at < ${before}
       and not exists (select 1 from orders o where o.merchant_id = c.merchant_id and o.customer_id = c.id and o.placed_at >= ${before})
       and not exists (select 1 from card_movements v where v.merchant_id = c.merchant_id and v.customer_id = c.id and v.occurred_at >= ${before})
       and not exists (select 1 from conversations v where v.merchant_id = c.merchant_id and v.customer_id = c.id and v.updated_at >= ${before})
  `.execute(deps.db);
  for (const { id } of inactive.rows) await eraseCustomer(deps, merchant, id, 'retention');
}

/** Runs `applyDueRetention` now and then every `everyMs`; the timer never keeps the process alive. */
export function scheduleRetention(deps: RetentionDeps, logger: Logger, everyMs = 15 * 60_000): { stop(): Promise<void> } {
  return repeat(() => applyDueRetention(deps), 'retention', logger, everyMs);
}
