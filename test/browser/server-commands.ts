// The browser side of api-server.ts: what a browser test (of the shopper
// widgets, the staff elements, or both) asks the test API server to do.
import { executeServerCommand } from '@web/test-runner-commands';
import type { Me, Statement, StatementList } from '@clientela/contract';

/** A shopper session for one of the demo customers, minted with the demo secret key on the test server. */
export const mintSession = (customerId: string, ttlSeconds?: number) =>
  executeServerCommand<{ token: string; expiresAt: string }, { customerId: string; ttlSeconds?: number }>('api:session', {
    customerId,
    ...(ttlSeconds ? { ttlSeconds } : {}),
  });

/** What GET /v1/me answers for a customer, to compare the widgets with. */
export const fetchMe = (customerId: string) => executeServerCommand<Me, { customerId: string }>('api:me', { customerId });

/** Moves the API server's clock forward, e.g. past a token's expiry. */
export const advanceServerClock = (ms: number) => executeServerCommand<boolean, { ms: number }>('api:advance-clock', { ms });

/** What a shopper endpoint answers for one of the demo customers, to compare a widget with. */
export const fetchAsShopper = <T = any>(customerId: string, path: string) =>
  executeServerCommand<T, { customerId: string; path: string }>('api:shopper-get', { customerId, path });

/**
 * The most recent of a demo customer's periods with at least one transaction.
 * The demo data is laid out relative to the moment it was seeded, so the
 * cycle in progress can be empty (just after a closing day, or for a shopper
 * who buys seldom).
 */
export async function latestPeriodWithTransactions(customerId: string): Promise<Statement> {
  const list = await fetchAsShopper<StatementList>(customerId, '/v1/me/statements');
  for (const { period } of list.statements) {
    const statement = await fetchAsShopper<Statement>(customerId, `/v1/me/statements/${period}`);
    if (statement.transactionCount > 0) return statement;
  }
  throw new Error(`${customerId} has no statement with transactions`);
}

/** The newest statement line of a customer's that `accept` takes (among the first page of each statement), with its statement. */
export async function latestLineWhere(customerId: string, accept: (line: Statement['transactions']['items'][number]) => boolean) {
  const list = await fetchAsShopper<StatementList>(customerId, '/v1/me/statements');
  for (const { period } of list.statements) {
    const statement = await fetchAsShopper<Statement>(customerId, `/v1/me/statements/${period}`);
    const line = statement.transactions.items.find(accept);
    if (line) return { statement, line };
  }
  throw new Error(`${customerId} has no such statement line`);
}

/** Adds many store-card payments to a customer's open period, for long statements. */
export const addBulkPayments = (customerId: string, count: number) =>
  executeServerCommand<boolean, { customerId: string; count: number }>('api:bulk-payments', { customerId, count });

/** Calls the API as the demo merchant's backend would, with its secret key. */
export const asMerchant = <T = any>(method: string, path: string, body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, { method: string; path: string; body?: unknown }>('api:merchant', { method, path, ...(body === undefined ? {} : { body }) });

/** Calls the API as the demo support agent (Sofía) would, with an agent token. */
export const asAgent = <T = any>(method: string, path: string, body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, { method: string; path: string; body?: unknown }>('api:agent', { method, path, ...(body === undefined ? {} : { body }) });

/** Adds a support agent to the demo merchant, named as the merchant's operator chose; answers the agent as stored. */
export const addAgent = (agent: { email: string; name: string; password: string }) =>
  executeServerCommand<{ id: string; email: string; name: string }, typeof agent>('api:new-agent', agent);

/** Rebuilds the demo merchant's recommendation model now, so that purchases just made count. */
export const rebuildRecommendations = () => executeServerCommand<boolean, Record<string, never>>('api:rebuild-recommendations', {});

/** A new customer of the demo merchant, for a test that needs a shopper no other test touches. */
export async function freshCustomer(prefix: string, firstName = 'Prueba', extra: Record<string, unknown> = {}): Promise<string> {
  const id = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  await asMerchant('PUT', `/v1/customers/${id}`, { firstName, lastName: 'Chat', locale: 'es', ...extra });
  return id;
}

/** Records that the customer allows profiling, as the store's backend would on their word: their recommendations, browsing and preference questions are their own from then on. */
export async function allowProfiling(customerId: string): Promise<void> {
  const { status } = await asMerchant('PUT', `/v1/customers/${customerId}/consents`, { textVersion: 'test', consents: { profiling: true } });
  if (status !== 200) throw new Error(`PUT consents of ${customerId}: ${status}`);
}
