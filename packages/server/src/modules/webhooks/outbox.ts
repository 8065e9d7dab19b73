import type { WebhookEvent, WebhookEventData, WebhookEventType } from '@clientela/contract';
import type { Insertable } from 'kysely';
import { randomToken } from '../../core/random-token.ts';
import type { Db } from '../../db/schema.ts';
import { maxAttempts } from './retry-schedule.ts';
import type { WebhookDeliveryTable } from './webhooks.tables.ts';

/** An event as a service reports it: its type and what it is about. */
export type NewWebhookEvent = { [T in WebhookEventType]: { type: T; data: WebhookEventData[T] } }[WebhookEventType];

export const newDeliveryId = () => `whd_${randomToken(24)}`;

/** Rows per insert, well below PostgreSQL's limit on parameters in one statement. */
const rowsPerInsert = 500;

/**
 * The transactional outbox: writes the events of a change, one delivery per
 * endpoint that asked for its type, with the same transaction (or
 * connection) the change is written with. What commits is sent; what rolls
 * back never existed. A store with no endpoint for a type writes nothing.
 */
export async function recordWebhookEvents(db: Db, merchantId: string, events: readonly NewWebhookEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await db.selectFrom('webhookEndpoints').select(['id', 'events']).where('merchantId', '=', merchantId).execute();
  if (endpoints.length === 0) return;
  const rows: Array<Insertable<WebhookDeliveryTable>> = [];
  for (const { type, data } of events) {
    const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(type));
    if (subscribed.length === 0) continue;
    const event = { id: `evt_${randomToken(24)}`, type, createdAt: now.toISOString(), merchantId, data } as WebhookEvent;
    const payload = JSON.stringify(event);
    for (const endpoint of subscribed) {
      rows.push({
        merchantId,
        id: newDeliveryId(),
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: type,
        payload,
        status: 'pending',
        maxAttempts,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await db.insertInto('webhookDeliveries').values(rows.slice(start, start + rowsPerInsert)).execute();
  }
}
