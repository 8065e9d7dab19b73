import { agentLogin, createSession, getAgentMe } from '@clientela/contract';
import type { AppDeps } from '../../app.ts';
import type { Api } from '../../http/api.ts';
import { ProblemError } from '../../http/problem.ts';
import { getAgent, logInAgent, mintShopperSession } from './auth.service.ts';

export function authRoutes(api: Api, deps: AppDeps): void {
  api.mount(createSession, async ({ caller, body }) => {
    await deps.rateLimits.take(caller.merchant.id, [
      ['sessionsPerMerchant', '*'],
      ['sessionsPerCustomer', body.customerId],
    ]);
    return mintShopperSession(deps, caller.merchant.id, body.customerId, body.ttlSeconds);
  });
  api.mount(agentLogin, async ({ caller, body, address }) => {
    const account = body.email.trim().toLowerCase();
    await deps.rateLimits.take(caller.merchant.id, [['loginsPerAddress', address]]);
    await deps.rateLimits.check(caller.merchant.id, 'loginFailuresPerAccount', account);
    try {
      return await logInAgent(deps, caller.merchant.id, body);
    } catch (error) {
      if (error instanceof ProblemError && error.kind === 'unauthenticated') {
        await deps.rateLimits.spend(caller.merchant.id, 'loginFailuresPerAccount', account);
      }
      throw error;
    }
  });
  api.mount(getAgentMe, ({ caller }) => getAgent(deps.db, caller.merchant.id, caller.agentId));
}
