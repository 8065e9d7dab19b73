import { recordEvents } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { authenticate } from '../../http/caller.ts';
import { recordBrowsingEvents } from './events.service.ts';

export function eventRoutes(api: Api, deps: AppDeps): void {
  api.mount(recordEvents, async ({ caller, body, request, address }) => {
    // The publishable key names the store; a shopper's session token beside it (of the same store) names the shopper.
    const shopper = request.headers.has('authorization') ? await authenticate('shopper', request, deps) : undefined;
    await deps.rateLimits.take(caller.merchant.id, [
      ['eventsPerMerchant', '*'],
      ['eventsPerAddress', address],
      ['eventsPerSubject', shopper ? `shopper:${shopper.customerId}` : `visitor:${body.visitorId ?? ''}`],
    ]);
    return recordBrowsingEvents(deps, caller.merchant, shopper?.customerId, body);
  });
}
