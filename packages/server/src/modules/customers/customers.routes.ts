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
    const view = await customerView(deps, caller.merchant, customer);
    // The back office's customer page opens with this read; the store's backend syncing its records is no one looking.
    if (caller.staff) await deps.privacy.recordAccess(deps, caller.merchant.id, params.id, caller.staff.id, 'customer-page');
    return view;
  });
  api.mount(listCustomersEndpoint, ({ caller, query }) => listCustomers(deps, caller.merchant, query));
  api.mount(listCustomerNotes, ({ caller, params, query }) => customerNotes(deps, caller.merchant, params.id, query));
  api.mount(addCustomerNoteEndpoint, ({ caller, params, body }) => addCustomerNote(deps, caller.merchant, params.id, body.body, caller.staff && { id: caller.staff.id }));
  api.mount(getMeEndpoint, async ({ caller }) => {
    const customer = await findMe(deps, caller.merchant, caller.customerId, caller.session);
    const settled = await settleDuePoints(deps, caller.merchant, customer);
    const me = meOf(deps.clock(), caller.merchant, customer, settled ?? customer.ledgerSum);
    // Asked only on the day: the read every page makes stays one statement the rest of the year.
    if (me.birthdayToday && !(await deps.privacy.mayProcess(deps.db, caller.merchant.id, customer.id, 'birthday-greeting'))) return { ...me, birthdayToday: false };
    return me;
  });
}
