import { createOrder as createOrderEndpoint, createRefund as createRefundEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { createOrder, createRefund } from './orders.service.ts';

export function orderRoutes(api: Api, deps: AppDeps): void {
  api.mount(createOrderEndpoint, ({ caller, body }) => createOrder(deps, caller.merchant, body));
  api.mount(createRefundEndpoint, ({ caller, body }) => createRefund(deps, caller.merchant, body));
}
