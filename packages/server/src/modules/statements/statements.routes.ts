import {
  createPayment,
  exportMyStatement as exportMyStatementEndpoint,
  getCardSettings,
  getCustomerStatement,
  getMyStatement as getMyStatementEndpoint,
  listCustomerStatements,
  listMyStatements as listMyStatementsEndpoint,
  putCardAccount as putCardAccountEndpoint,
  putCardSettings as putCardSettingsEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { requireCustomer } from '../customers/index.ts';
import {
  cardSettingsOf,
  closeDueStatements,
  exportMyStatement,
  getMyStatement,
  listMyStatements,
  putCardAccount,
  putCardSettings,
  recordPayment,
} from './statements.service.ts';

export function statementRoutes(api: Api, deps: AppDeps): void {
  api.mount(getCardSettings, ({ caller }) => cardSettingsOf(deps.db, caller.merchant));
  api.mount(putCardSettingsEndpoint, ({ caller, body }) => putCardSettings(deps, caller.merchant, body));
  api.mount(putCardAccountEndpoint, ({ caller, params, body }) => putCardAccount(deps, caller.merchant, params.id, body.creditLimit));
  api.mount(createPayment, ({ caller, body }) => recordPayment(deps, caller.merchant, body));
  api.mount(listMyStatementsEndpoint, async ({ caller }) => {
    await closeDueStatements(deps, caller.merchant, caller.customerId);
    return listMyStatements(deps, caller.merchant, caller.customerId);
  });
  api.mount(getMyStatementEndpoint, async ({ caller, params, query }) => {
    await closeDueStatements(deps, caller.merchant, caller.customerId);
    return getMyStatement(deps, caller.merchant, caller.customerId, params.period, query);
  });
  // The cardholder's card as they see it, for the store's staff: of a customer the store has, or a 404.
  api.mount(listCustomerStatements, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    await closeDueStatements(deps, caller.merchant, params.id);
    return listMyStatements(deps, caller.merchant, params.id);
  });
  api.mount(getCustomerStatement, async ({ caller, params, query }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    await closeDueStatements(deps, caller.merchant, params.id);
    return getMyStatement(deps, caller.merchant, params.id, params.period, query);
  });
  api.mount(exportMyStatementEndpoint, async ({ caller, params, query }) => {
    await closeDueStatements(deps, caller.merchant, caller.customerId);
    return exportMyStatement(deps, caller.merchant, caller.customerId, params.period, query);
  });
}
