import { createOrder as createOrderEndpoint, createRefund as createRefundEndpoint, getMyOrder, listCustomerOrders, listMyOrders, putFulfillment as putFulfillmentEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { putFulfillment } from './fulfillment.service.ts';
import { myOrder, myOrders } from './my-orders.service.ts';
import { createOrder, createRefund, customerOrders } from './orders.service.ts';

export function orderRoutes(api: Api, deps: AppDeps): void {
  api.mount(createOrderEndpoint, ({ caller, body }) => createOrder(deps, caller.merchant, body));
  api.mount(createRefundEndpoint, ({ caller, body }) => createRefund(deps, caller.merchant, body));
  api.mount(listCustomerOrders, ({ caller, params, query }) => customerOrders(deps, caller.merchant, params.id, query));
  api.mount(putFulfillmentEndpoint, ({ caller, params, body }) => putFulfillment(deps, caller.merchant, params.id, body));
  api.mount(listMyOrders, ({ caller, query }) => myOrders(deps, caller.merchant, caller.customerId, query));
  api.mount(getMyOrder, ({ caller, params }) => myOrder(deps, caller.merchant, caller.customerId, params.id));
}
