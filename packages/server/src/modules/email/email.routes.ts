import { getEmailSettings, listEmailDeliveries as listEmailDeliveriesEndpoint, putEmailSettings as putEmailSettingsEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { emailSettingsOf, putEmailSettings } from '../mail-outbox/index.ts';
import { listEmailDeliveries } from './email.service.ts';

export function emailRoutes(api: Api, deps: AppDeps): void {
  api.mount(getEmailSettings, ({ caller }) => emailSettingsOf(deps.db, caller.merchant.id));
  api.mount(putEmailSettingsEndpoint, ({ caller, body }) => putEmailSettings(deps.db, caller.merchant.id, body));
  api.mount(listEmailDeliveriesEndpoint, ({ caller, query }) => listEmailDeliveries(deps.db, caller.merchant.id, query));
}
