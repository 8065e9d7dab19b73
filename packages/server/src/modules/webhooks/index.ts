// Webhooks: the outbox other modules record their events in, the endpoints a store registers, and their delivery.
export { scheduleWebhookDispatch, WebhookDispatcher, type DispatcherOptions } from './dispatcher.ts';
export { recordWebhookEvents, type NewWebhookEvent } from './outbox.ts';
export { maxAttempts, nextAttemptAt } from './retry-schedule.ts';
export { systemResolver, type HostResolver } from './private-networks.ts';
export { WebhookSecrets, webhookSignature } from './signing-secrets.ts';
export { createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, type WebhookTargetPolicy } from './webhooks.service.ts';
