import {
  addOrigin as addOriginEndpoint,
  agentLogin,
  agentLogout,
  createSession,
  createStaff,
  endCustomerSessions as endCustomerSessionsEndpoint,
  getAgentMe,
  getKeys,
  listOrigins as listOriginsEndpoint,
  listStaff as listStaffEndpoint,
  removeOrigin as removeOriginEndpoint,
  removeStaff,
  rollKeys,
  updateStaff,
} from '@clientela/contract';
import { WithStatus } from '../../core/results.ts';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { endCustomerSessions, getAgent, logInAgent, logOutAgent, mintShopperSession } from './auth.service.ts';
import { addOrigin, listOrigins, removeOrigin, rollKey, storeKeys } from './merchants.service.ts';
import { addStaffMember, changeStaffMember, listStaff, removeStaffMember } from './staff.service.ts';

export function authRoutes(api: Api, deps: AppDeps): void {
  api.mount(createSession, async ({ caller, body }) => {
    await deps.rateLimits.take(caller.merchant.id, [
      ['sessionsPerMerchant', '*'],
      ['sessionsPerCustomer', body.customerId],
    ]);
    return mintShopperSession(deps, caller.merchant.id, body.customerId, body.ttlSeconds);
  });
  api.mount(agentLogin, async ({ caller, body, address }) => {
    await deps.rateLimits.take(caller.merchant.id, [['loginsPerAddress', address]]);
    return logInAgent(deps, caller.merchant.id, { ...body, address });
  });
  api.mount(getAgentMe, ({ caller }) => getAgent(deps.db, caller.merchant.id, caller.agentId));

  api.mount(listStaffEndpoint, ({ caller }) => listStaff(deps, caller.merchant.id));
  api.mount(createStaff, ({ caller, body }) => addStaffMember(deps, caller.merchant.id, body));

  api.mount(getKeys, ({ caller }) => storeKeys(deps.db, caller.merchant.id, deps.clock()));
  api.mount(listOriginsEndpoint, ({ caller }) => listOrigins(deps.db, caller.merchant.id));
  // The merchant directory of this instance forgets at once what it knew of the store's origins; other instances within its 30 s.
  api.mount(addOriginEndpoint, async ({ caller, body }) => {
    const { added, origins } = await addOrigin(deps.db, caller.merchant.id, body.origin);
    deps.directory.forget();
    return new WithStatus({ origins }, added ? 201 : 200);
  });
  api.mount(removeOriginEndpoint, async ({ caller, query, request }) => {
    await removeOrigin(deps.db, caller.merchant.id, query.origin, request.headers.get('origin') ?? undefined);
    deps.directory.forget();
  });
}

/**
 * The operations that end sessions or stop keys, mounted after every other so
 * the OpenAPI document lists them last: a client that walks the document in
 * order (the fuzz test does) ends its sessions and rolls its keys only after
 * it has used them everywhere else.
 */
export function sessionEndingRoutes(api: Api, deps: AppDeps): void {
  api.mount(updateStaff, ({ caller, params, body }) => changeStaffMember(deps, caller.merchant.id, params.id, body));
  api.mount(removeStaff, ({ caller, params }) => removeStaffMember(deps, caller.merchant.id, params.id));
  api.mount(agentLogout, ({ caller, body }) => logOutAgent(deps, caller.session, body.everywhere ?? false));
  api.mount(endCustomerSessionsEndpoint, ({ caller, params }) => endCustomerSessions(deps, caller.merchant.id, params.id));
  api.mount(rollKeys, async ({ caller, body }) => {
    const rolled = await rollKey(deps.db, caller.merchant.id, body.key, body.graceSeconds, deps.clock());
    deps.directory.forget();
    return rolled;
  });
}
