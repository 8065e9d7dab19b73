// The merchant's customers: their records, and the shopper's own (`GET /v1/me`).
export { customersForMeReads, findCustomer, type CustomerForMe, type CustomerKey } from './customers.repository.ts';
export { getCustomer, requireCustomer } from './customers.service.ts';
