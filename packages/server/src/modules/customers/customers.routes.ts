import {
  addCustomerNote as addCustomerNoteEndpoint,
  getCustomer as getCustomerEndpoint,
  getMe as getMeEndpoint,
  listCustomerNotes,
  listCustomers as listCustomersEndpoint,
  putCustomer as putCustomerEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { settleDuePoints } from '../loyalty/index.ts';
import { addCustomerNote, customerNotes, customerView, findMe, listCustomers, meOf, putCustomer, requireCustomer } from './customers.service.ts';

export function customerRoutes(api: Api, deps: AppDeps): void {
  api.mount(putCustomerEndpoint, async ({ caller, params, body }) => {
    const customer = await putCustomer(deps, caller.merchant, params.id, body);
    await settleDuePoints(deps, caller.merchant, customer);
    return customerView(deps, caller.merchant, customer);
  });
  api.mount(getCustomerEndpoint, async ({ caller, params }) => {
    const customer = await requireCustomer(deps.db, caller.merchant.id, params.id);
    await settleDuePoints(deps, caller.merchant, customer);
    return customerView(deps, caller.merchant, customer);
  });
  api.mount(listCustomersEndpoint, ({ caller, query }) => listCustomers(deps, caller.merchant, query));
  api.mount(listCustomerNotes, ({ caller, params, query }) => customerNotes(deps, caller.merchant, params.id, query));
  api.mount(addCustomerNoteEndpoint, ({ caller, params, body }) => addCustomerNote(deps, caller.merchant, params.id, body.body, caller.staff && { id: caller.staff.id }));
  api.mount(getMeEndpoint, async ({ caller }) => {
    const customer = await findMe(deps, caller.merchant, caller.customerId, caller.session);
    const settled = await settleDuePoints(deps, caller.merchant, customer);
    return meOf(deps.clock(), caller.merchant, customer, settled ?? customer.ledgerSum);
  });
}
