import { agentLogin, createSession, getAgentMe } from '@clientela/contract';
import type { AppDeps } from '../../app.ts';
import type { Api } from '../../http/api.ts';
import { getAgent, logInAgent, mintShopperSession } from './auth.service.ts';

export function authRoutes(api: Api, deps: AppDeps): void {
  api.mount(createSession, ({ caller, body }) =>
    mintShopperSession(deps, caller.merchant.id, body.customerId, body.ttlSeconds),
  );
  api.mount(agentLogin, ({ caller, body }) => logInAgent(deps, caller.merchant.id, body));
  api.mount(getAgentMe, ({ caller }) => getAgent(deps.db, caller.merchant.id, caller.agentId));
}
