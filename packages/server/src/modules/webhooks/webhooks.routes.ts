import {
  createWebhookEndpoint as createWebhookEndpointEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries as listWebhookDeliveriesEndpoint,
  listWebhookEndpoints as listWebhookEndpointsEndpoint,
  retryWebhookDelivery as retryWebhookDeliveryEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { checkWebhookTarget, createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, removeWebhookEndpoint, retryWebhookDelivery } from './webhooks.service.ts';

export function webhookRoutes(api: Api, deps: AppDeps): void {
  api.mount(createWebhookEndpointEndpoint, async ({ caller, body }) => {
    await checkWebhookTarget(deps.webhookTargets, body.url);
    return createWebhookEndpoint(deps, caller.merchant.id, body);
  });
  api.mount(listWebhookEndpointsEndpoint, ({ caller }) => listWebhookEndpoints(deps, caller.merchant.id));
  api.mount(deleteWebhookEndpoint, ({ caller, params }) => removeWebhookEndpoint(deps, caller.merchant.id, params.id));
  api.mount(listWebhookDeliveriesEndpoint, ({ caller, query }) => listWebhookDeliveries(deps, caller.merchant.id, query));
  api.mount(retryWebhookDeliveryEndpoint, ({ caller, params }) => retryWebhookDelivery(deps, caller.merchant.id, params.id));
}
