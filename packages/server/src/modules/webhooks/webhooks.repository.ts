import type { WebhookDeliveryStatus } from '@clientela/contract';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, Db } from '../../db/schema.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from './webhooks.tables.ts';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertEndpoint(db: Db, endpoint: Insertable<WebhookEndpointTable>): Promise<WebhookEndpointRow> {
  return db.insertInto('webhookEndpoints').values(endpoint).returningAll().executeTakeFirstOrThrow();
}

export async function endpointsOf(db: Db, merchantId: string): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhookEndpoints').selectAll().where('merchantId', '=', merchantId).orderBy('createdAt').orderBy('id').execute();
}

export async function deleteEndpoint(db: Db, merchantId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhookEndpoints').where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Takes the store's row lock, so endpoints are counted and added one request at a time. */
export async function lockMerchant(db: Db, merchantId: string): Promise<boolean> {
  return (await db.selectFrom('merchants').select('id').where('id', '=', merchantId).forUpdate().executeTakeFirst()) !== undefined;
}

/** A page of deliveries, newest first, before the given seq. */
export async function deliveriesOf(
  db: Db,
  merchantId: string,
  filter: { endpointId?: string; status?: WebhookDeliveryStatus; beforeSeq?: number; limit: number },
): Promise<WebhookDeliveryRow[]> {
  let query = db.selectFrom('webhookDeliveries').selectAll().where('merchantId', '=', merchantId);
  if (filter.endpointId !== undefined) query = query.where('endpointId', '=', filter.endpointId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}

export async function findDelivery(db: Db, merchantId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhookDeliveries').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

/** Makes a failed delivery due now, with one more attempt to make; undefined when it is not failed (or not there). */
export async function requeueFailedDelivery(db: Db, merchantId: string, id: string, now: Date): Promise<WebhookDeliveryRow | undefined> {
  return db
    .updateTable('webhookDeliveries')
    .set((eb) => ({ status: 'pending', nextAttemptAt: now, maxAttempts: eb('attempts', '+', 1) }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

export interface ClaimedDelivery {
  merchantId: string;
  id: string;
  endpointId: string;
  eventId: string;
  payload: string;
  /** Attempts including the one just claimed. */
  attempts: number;
  maxAttempts: number;
  url: string;
  sealedSecret: string;
}

/**
 * Claims up to `limit` due deliveries for one attempt each: counts the
 * attempt and moves the next attempt to `leaseEnd`, so no one else takes
 * them meanwhile, and so that a delivery whose sender died is taken again
 * once the lease runs out. `skip locked` lets several instances claim at
 * once, each getting other rows.
 */
export async function claimDueDeliveries(db: Kysely<Database>, now: Date, leaseEnd: Date, limit: number): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    update webhook_deliveries d
       set attempts = d.attempts + 1, next_attempt_at = ${leaseEnd}::timestamptz
      from webhook_endpoints e
     where (d.merchant_id, d.id) in (
             select merchant_id, id from webhook_deliveries
              where status = 'pending' and next_attempt_at <= ${now}::timestamptz
              order by next_attempt_at
              limit ${limit}
                for update skip locked
           )
       and e.merchant_id = d.merchant_id and e.id = d.endpoint_id
    returning d.merchant_id, d.id, d.endpoint_id, d.event_id, d.payload, d.attempts, d.max_attempts, e.url, e.sealed_secret
  `.execute(db);
  return rows;
}

/**
 * Writes how an attempt went, unless the delivery was claimed again since
 * (its lease ran out and another sender made a newer attempt).
 */
export async function recordAttempt(
  db: Kysely<Database>,
  claimed: Pick<ClaimedDelivery, 'merchantId' | 'id' | 'attempts'>,
  outcome: Pick<WebhookDeliveryRow, 'status' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'>,
): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set(outcome)
    .where('merchantId', '=', claimed.merchantId)
    .where('id', '=', claimed.id)
    .where('attempts', '=', claimed.attempts)
    .where('status', '=', 'pending')
    .execute();
}

/** Forgets deliveries that ended before `cutoff`; pending ones are kept whatever their age. */
export async function pruneFinishedDeliveries(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('webhookDeliveries').where('status', '<>', 'pending').where('createdAt', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
