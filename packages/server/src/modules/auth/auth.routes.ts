import { agentLogin, agentLogout, createSession, endCustomerSessions as endCustomerSessionsEndpoint, getAgentMe } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { endCustomerSessions, getAgent, logInAgent, logOutAgent, mintShopperSession } from './auth.service.ts';

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
}

/**
 * The operations that end sessions, mounted after every other so the OpenAPI
 * document lists them last: a client that walks the document in order (the
 * fuzz test does) ends its sessions only after it has used them everywhere else.
 */
export function sessionEndingRoutes(api: Api, deps: AppDeps): void {
  api.mount(agentLogout, ({ caller, body }) => logOutAgent(deps, caller.session, body.everywhere ?? false));
  api.mount(endCustomerSessionsEndpoint, ({ caller, params }) => endCustomerSessions(deps, caller.merchant.id, params.id));
}
