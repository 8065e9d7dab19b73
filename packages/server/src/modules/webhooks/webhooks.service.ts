import {
  maxWebhookEndpoints,
  webhookEventTypes,
  type CreatedWebhookEndpoint,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
  type WebhookEndpointInput,
  type WebhookEventType,
} from '@clientela/contract';
import type { Kysely } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { randomToken } from '../../core/random-token.ts';
import type { Database } from '../../db/schema.ts';
import { checkTarget, PrivateNetworkError, type HostResolver } from './private-networks.ts';
import { newSigningSecret, type WebhookSecrets } from './signing-secrets.ts';
import {
  deleteEndpoint,
  deliveriesOf,
  endpointsOf,
  findDelivery,
  insertEndpoint,
  lockMerchant,
  requeueFailedDelivery,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from './webhooks.repository.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  webhookSecrets: WebhookSecrets;
}

const toEndpoint = (row: WebhookEndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[],
  description: row.description,
  createdAt: row.createdAt.toISOString(),
});

export const toDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpointId,
  eventId: row.eventId,
  eventType: row.eventType as WebhookEventType,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
});

/** Where a store may send webhooks: anywhere when the operator allows private networks, otherwise only to public addresses. */
export interface WebhookTargetPolicy {
  allowPrivateNetworks: boolean;
  /** How a target's name is resolved when it is registered. */
  resolve: HostResolver;
}

/**
 * Refuses, as a bad `url`, a target the policy does not allow, before it is
 * registered: the check delivery makes on every connection, made early so
 * that a store learns now rather than from deliveries that never leave.
 */
export async function checkWebhookTarget(policy: WebhookTargetPolicy, url: string): Promise<void> {
  if (policy.allowPrivateNetworks) return;
  try {
    await checkTarget(new URL(url), policy.resolve);
  } catch (error) {
    if (!(error instanceof PrivateNetworkError)) throw error;
    throw new ProblemError('invalid-request', 'Check body.url', { errors: [{ in: 'body', field: 'url', message: error.message }] });
  }
}

/** Registers an endpoint with a fresh signing secret, which only this answer shows. */
export async function createWebhookEndpoint(deps: Deps, merchantId: string, input: z.output<typeof WebhookEndpointInput>): Promise<CreatedWebhookEndpoint> {
  const wanted = input.events ?? webhookEventTypes;
  const events = webhookEventTypes.filter((type) => wanted.includes(type));
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockMerchant(trx, merchantId))) throw notFound(`Merchant ${merchantId}`);
    if ((await endpointsOf(trx, merchantId)).length >= maxWebhookEndpoints) {
      throw new ProblemError('conflict', `A store has at most ${maxWebhookEndpoints} webhook endpoints; remove one first`);
    }
    const id = `we_${randomToken(20)}`;
    const secret = newSigningSecret();
    const row = await insertEndpoint(trx, {
      merchantId,
      id,
      url: new URL(input.url).href,
      events: JSON.stringify(events),
      description: input.description ?? '',
      sealedSecret: deps.webhookSecrets.seal(secret, { merchantId, endpointId: id }),
      createdAt: deps.clock(),
    });
    return { ...toEndpoint(row), secret };
  });
}

export async function listWebhookEndpoints(deps: Pick<Deps, 'db'>, merchantId: string): Promise<{ items: WebhookEndpoint[] }> {
  return { items: (await endpointsOf(deps.db, merchantId)).map(toEndpoint) };
}

export async function removeWebhookEndpoint(deps: Pick<Deps, 'db'>, merchantId: string, id: string): Promise<void> {
  if (!(await deleteEndpoint(deps.db, merchantId, id))) throw notFound(`Webhook endpoint ${id}`);
}

export async function listWebhookDeliveries(
  deps: Pick<Deps, 'db'>,
  merchantId: string,
  query: { endpointId?: string; status?: WebhookDeliveryStatus; limit: number; after?: string },
) {
  const beforeSeq = query.after === undefined ? undefined : Number(decodeCursor(query.after, 'after'));
  if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) {
    throw new ProblemError('invalid-request', 'The cursor is not one this API gave out', {
      errors: [{ in: 'query', field: 'after', message: 'Not a cursor from a previous page' }],
    });
  }
  const rows = await deliveriesOf(deps.db, merchantId, {
    ...(query.endpointId === undefined ? {} : { endpointId: query.endpointId }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toDelivery), nextCursor: rows.length > query.limit && last ? encodeCursor(String(last.seq)) : null };
}

/** Sends a failed delivery once more, as soon as a dispatcher gets to it. */
export async function retryWebhookDelivery(deps: Pick<Deps, 'db' | 'clock'>, merchantId: string, id: string): Promise<WebhookDelivery> {
  const requeued = await requeueFailedDelivery(deps.db, merchantId, id, deps.clock());
  if (requeued) return toDelivery(requeued);
  const delivery = await findDelivery(deps.db, merchantId, id);
  if (!delivery) throw notFound(`Webhook delivery ${id}`);
  throw new ProblemError('conflict', `Only a failed delivery can be sent again; this one is ${delivery.status}`);
}
