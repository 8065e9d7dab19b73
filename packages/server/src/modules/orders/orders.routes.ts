import { createOrder as createOrderEndpoint, createRefund as createRefundEndpoint, listCustomerOrders } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { createOrder, createRefund, customerOrders } from './orders.service.ts';

export function orderRoutes(api: Api, deps: AppDeps): void {
  api.mount(createOrderEndpoint, ({ caller, body }) => createOrder(deps, caller.merchant, body));
  api.mount(createRefundEndpoint, ({ caller, body }) => createRefund(deps, caller.merchant, body));
  api.mount(listCustomerOrders, ({ caller, params, query }) => customerOrders(deps, caller.merchant, params.id, query));
}
