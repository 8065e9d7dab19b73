import { getCustomer as getCustomerEndpoint, getMe as getMeEndpoint, putCustomer as putCustomerEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../app.ts';
import type { Api } from '../../http/api.ts';
import { getCustomer, getMe, putCustomer } from './customers.service.ts';

export function customerRoutes(api: Api, deps: AppDeps): void {
  api.mount(putCustomerEndpoint, ({ caller, params, body }) => putCustomer(deps, caller.merchant, params.id, body));
  api.mount(getCustomerEndpoint, ({ caller, params }) => getCustomer(deps, caller.merchant, params.id));
  api.mount(getMeEndpoint, ({ caller }) => getMe(deps, caller.merchant, caller.customerId, caller.session));
}
