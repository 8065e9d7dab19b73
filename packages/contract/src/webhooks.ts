import * as z from 'zod/mini';
import { IsoDateTime, Money, Tier } from './common.ts';
import { defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { FulfillmentChange, FulfillmentStatus } from './orders.ts';
import { notificationKinds } from './wishlist.ts';

/** What the store's backend can be told about, as it happens. */
export const webhookEventTypes = [
  'points.earned',
  'points.redeemed',
  'tier.changed',
  'wishlist.alert',
  'conversation.created',
  'conversation.resolved',
  'fulfillment.updated',
  'customer.erased',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Most endpoints a store may register; each event is sent to every one that asked for it. */
export const maxWebhookEndpoints = 16;

/** The headers every webhook request carries. */
export const webhookHeaders = {
  /** The event's id: the same on every attempt, so a receiver can drop repeats. */
  id: 'clientela-webhook-id',
  /** When this attempt was signed, in Unix seconds. */
  timestamp: 'clientela-webhook-timestamp',
  /** `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the endpoint's secret. */
  signature: 'clientela-webhook-signature',
} as const;

function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    // Not a URL at all, which the format check reports.
    return false;
  }
}

const WebhookUrl = z.url({ protocol: /^https?$/, error: 'An http or https URL' }).check(
  z.maxLength(2048),
  z.refine((value) => !hasCredentials(value), 'Put no credentials in the URL: check the signature instead'),
);

export const WebhookEndpointInput = z.object({
  /** Where events are POSTed: an http(s) URL of the store's backend. */
  url: WebhookUrl,
  /** The event types to send; all of them when left out. */
  events: z.optional(z.array(WebhookEventType).check(z.minLength(1, 'Name at least one event type, or leave events out for all'), z.maxLength(webhookEventTypes.length))),
  /** A note for the store's people: what this endpoint feeds. */
  description: z.optional(z.string().check(z.trim(), z.maxLength(200), z.regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed'))),
});
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInput>;

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEventType),
  description: z.string(),
  createdAt: IsoDateTime,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const CreatedWebhookEndpoint = z.object({
  ...WebhookEndpoint.shape,
  /** The key that signs this endpoint's requests (`whsec_…`). Shown only in this answer. */
  secret: z.string(),
});
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;

const EndpointId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_]+$/, 'An endpoint id'));
const DeliveryId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_]+$/, 'A delivery id'));

export const createWebhookEndpoint = defineEndpoint({
  id: 'createWebhookEndpoint',
  method: 'POST',
  path: '/v1/webhook-endpoints',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Webhooks',
  summary: `Registers a URL of the store's backend to receive events, signed with a secret shown only in this answer. At most ${maxWebhookEndpoints} per store (409 beyond).`,
  body: WebhookEndpointInput,
  response: CreatedWebhookEndpoint,
  status: 201,
  errors: [409],
});

export const listWebhookEndpoints = defineEndpoint({
  id: 'listWebhookEndpoints',
  method: 'GET',
  path: '/v1/webhook-endpoints',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Webhooks',
  summary: "The store's webhook endpoints, oldest first (without their secrets).",
  response: z.object({ items: z.array(WebhookEndpoint) }),
});

export const deleteWebhookEndpoint = defineEndpoint({
  id: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: '/v1/webhook-endpoints/{id}',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Webhooks',
  summary: 'Removes an endpoint with its deliveries; nothing more is sent to it.',
  params: z.object({ id: EndpointId }),
  response: null,
  status: 204,
  errors: [404],
});

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export const WebhookDeliveryStatus = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event on its way to one endpoint. */
export const WebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: WebhookEventType,
  /** `pending` until an attempt is answered with a 2xx (`succeeded`) or the attempts run out (`failed`). */
  status: WebhookDeliveryStatus,
  attempts: z.int(),
  /** The HTTP status of the last answer, or null when there was none (a network error or a timeout). */
  lastStatusCode: z.nullable(z.int()),
  /** Why the last attempt got no answer, when it got none. */
  lastError: z.nullable(z.string()),
  /** When the next attempt is due, while pending. */
  nextAttemptAt: z.nullable(IsoDateTime),
  createdAt: IsoDateTime,
  deliveredAt: z.nullable(IsoDateTime),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const listWebhookDeliveries = defineEndpoint({
  id: 'listWebhookDeliveries',
  method: 'GET',
  path: '/v1/webhook-deliveries',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Webhooks',
  summary: 'Deliveries of events to the store\'s endpoints, newest first; filter by endpoint and status.',
  query: z.object({
    endpointId: z.optional(EndpointId),
    status: z.optional(WebhookDeliveryStatus),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    after: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  response: z.object({ items: z.array(WebhookDelivery), nextCursor: z.nullable(z.string()) }),
});

export const retryWebhookDelivery = defineEndpoint({
  id: 'retryWebhookDelivery',
  method: 'POST',
  path: '/v1/webhook-deliveries/{id}/retry',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Webhooks',
  summary: 'Sends a failed delivery once more, within seconds. A 409 when it is not failed.',
  params: z.object({ id: DeliveryId }),
  response: WebhookDelivery,
  status: 202,
  errors: [404, 409],
});

// The events ----------------------------------------------------------------------------

const event = <T extends WebhookEventType, D extends z.ZodMiniType>(type: T, data: D) =>
  z.object({
    /** The same on every attempt and in the `clientela-webhook-id` header. */
    id: z.string(),
    type: z.literal(type),
    createdAt: IsoDateTime,
    merchantId: z.string(),
    data,
  });

/** A purchase earned points (the base, the tier's multiplier and any running promotion, together). */
export const PointsEarnedData = z.object({
  customerId: z.string(),
  orderId: z.string(),
  points: z.int(),
  balanceAfter: z.int(),
  /** When these points expire unless spent. */
  expiresAt: IsoDateTime,
});

/** A shopper spent points on a reward. The code to claim it is the shopper's alone and is not sent. */
export const PointsRedeemedData = z.object({
  customerId: z.string(),
  redemptionId: z.string(),
  reward: z.object({ id: z.string(), name: z.string() }),
  points: z.int(),
  balanceAfter: z.int(),
});

/** A customer moved in the pyramid when the tiers were recomputed. */
export const TierChangedData = z.object({
  customerId: z.string(),
  from: Tier,
  to: Tier,
});

/** A shopper who saved a product got a price-drop or back-in-stock alert. */
export const WishlistAlertData = z.object({
  customerId: z.string(),
  alertId: z.string(),
  kind: z.enum(notificationKinds),
  product: z.object({ id: z.string(), name: z.string() }),
  price: Money,
  /** The price before, for a price drop. */
  previousPrice: z.nullable(Money),
});

/** A shopper started a support conversation. */
export const ConversationCreatedData = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  subject: z.string(),
  /** Started when no agent was online or outside support hours. */
  startedOffline: z.boolean(),
});

/** An agent resolved a conversation. */
export const ConversationResolvedData = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  assignedAgentId: z.nullable(z.string()),
});

/** The merchant reported a change in where an order is. */
export const FulfillmentUpdatedData = z.object({
  orderId: z.string(),
  customerId: z.string(),
  fulfillment: FulfillmentChange,
  /** The status before; null for the first report. */
  previousStatus: z.nullable(FulfillmentStatus),
});

/** A customer was erased (by their own request, the store's, or the retention period): erase them in the store's own systems too. */
export const CustomerErasedData = z.object({
  customerId: z.string(),
  erasedAt: IsoDateTime,
  /** Who asked: the shopper, the store, or the store's retention period for inactive customers. */
  requestedBy: z.enum(['shopper', 'store', 'retention']),
});

/** The JSON body of every webhook request: parse a verified body with it. */
export const WebhookEvent = z.discriminatedUnion('type', [
  event('points.earned', PointsEarnedData),
  event('points.redeemed', PointsRedeemedData),
  event('tier.changed', TierChangedData),
  event('wishlist.alert', WishlistAlertData),
  event('conversation.created', ConversationCreatedData),
  event('conversation.resolved', ConversationResolvedData),
  event('fulfillment.updated', FulfillmentUpdatedData),
  event('customer.erased', CustomerErasedData),
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The `data` of each event type. */
export type WebhookEventData = { [T in WebhookEventType]: Extract<WebhookEvent, { type: T }>['data'] };
