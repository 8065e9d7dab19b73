import { randomBytes } from 'node:crypto';
import type { ConsentPurpose, CustomerInput } from '@clientela/contract';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../app.ts';
import type { Clock } from '../core/clock.ts';
import { createLogger, silentLogger, type Logger } from '../core/logger.ts';
import type { DatabaseHandle } from '../db/open.ts';
import type { AppDeps } from '../deps.ts';
import { logLevels } from '../env.ts';
import { createMerchant, type NewMerchant } from '../modules/auth/index.ts';
import { defaultRateLimits, type RateLimitRules } from '../modules/rate-limits/index.ts';
import type { HostResolver } from '../modules/webhooks/index.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestApp {
  deps: AppDeps;
  /** The app itself, to mount more on it as `clientela serve` does (widget bundles, a demo store). */
  app: Hono;
  /** Calls the app in process, the way a client would over HTTP. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The app's fetch handler, to serve it over a socket; `env` carries the connection (the Node adapter's bindings). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Tests do not depend on the internet's DNS: `localhost` resolves as the hosts file says, other names not at all. */
const resolveWithoutNetwork: HostResolver = async (hostname) => {
  if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/** Tests log nothing, unless LOG_LEVEL asks for their log (on standard error, beside the test report). */
function testLogger(): Logger {
  const level = logLevels.find((known) => known === process.env.LOG_LEVEL);
  return level ? createLogger(level, 'stderr') : silentLogger;
}

/** A real app on a fresh database of its own (PGlite, or PostgreSQL with TEST_DATABASE_URL), logging as `testLogger` says. */
export async function createTestApp(
  options: {
    clock?: Clock;
    database?: DatabaseHandle;
    tokenSecret?: Uint8Array;
    chatPollMs?: number;
    rateLimits?: AppOptions['rateLimits'];
    streamLimits?: AppOptions['streamLimits'];
    streamHeartbeatMs?: number;
    webhooksAllowPrivateNetworks?: boolean;
    resolveHost?: HostResolver;
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  const { app, deps } = createApp({
    database,
    tokenSecret: options.tokenSecret ?? randomBytes(32),
    logger: options.logger ?? testLogger(),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.chatPollMs ? { chatPollMs: options.chatPollMs } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.streamLimits ? { streamLimits: options.streamLimits } : {}),
    ...(options.streamHeartbeatMs ? { streamHeartbeatMs: options.streamHeartbeatMs } : {}),
    ...(options.webhooksAllowPrivateNetworks ? { webhooksAllowPrivateNetworks: true } : {}),
    resolveHost: options.resolveHost ?? resolveWithoutNetwork,
  });
  return {
    deps,
    app,
    request: async (path, init) => app.request(`http://clientela.test${path}`, init),
    fetch: async (request, env) => app.fetch(request, env),
    close: async () => {
      await deps.chat.close();
      await database.close();
    },
  };
}

/** Budgets no test run reaches, for suites whose clock stands still and that test something other than the limits. */
export const budgetsBeyondReach = Object.fromEntries(
  Object.keys(defaultRateLimits).map((rule) => [rule, { limit: 1_000_000_000, windowSeconds: 60 }]),
) as unknown as RateLimitRules;

let merchantCount = 0;

/** Two stores on one app, each with a customer `ana` of its own: where tests of what one store may see of another start. */
export async function twoStoresWithAna(testApp: TestApp, otherOverrides: Partial<NewMerchant> = {}) {
  const store = await createTestMerchant(testApp);
  const other = await createTestMerchant(testApp, otherOverrides);
  await store.putCustomer('ana', { firstName: 'Ana' });
  await other.putCustomer('ana', { firstName: 'Another Ana' });
  return { store, other };
}

/** A merchant of its own for a test, with helpers that call the API with its keys. */
export async function createTestMerchant(testApp: TestApp, overrides: Partial<NewMerchant> = {}) {
  merchantCount += 1;
  const created = await createMerchant(testApp.deps.db, {
    name: `Test Store ${merchantCount}`,
    origins: ['https://shop.example'],
    ...overrides,
  });
  const asMerchant = (path: string, init: RequestInit = {}) =>
    testApp.request(path, {
      ...init,
      headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json', ...init.headers },
    });
  return {
    ...created,
    asMerchant,
    async putCustomer(id: string, input: Partial<CustomerInput> = {}) {
      const response = await asMerchant(`/v1/customers/${encodeURIComponent(id)}`, {
        method: 'PUT',
        body: JSON.stringify({ firstName: 'Ana', lastName: 'Torres', ...input }),
      });
      if (!response.ok) throw new Error(`PUT customer ${id}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    /** Records the customer's answers for some purposes, as the store's backend would on their word. */
    async consent(customerId: string, consents: Partial<Record<ConsentPurpose, boolean>>) {
      const response = await asMerchant(`/v1/customers/${encodeURIComponent(customerId)}/consents`, {
        method: 'PUT',
        body: JSON.stringify({ textVersion: 'test', consents }),
      });
      if (!response.ok) throw new Error(`PUT consents ${customerId}: ${response.status} ${await response.text()}`);
    },
    async sessionFor(customerId: string): Promise<string> {
      const response = await asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId }) });
      if (response.status !== 201) throw new Error(`POST session: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      return token;
    },
    /** Calls the API as a shopper with a token, from the merchant's page. */
    asShopper(token: string, path: string, init: RequestInit = {}) {
      return testApp.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'x-publishable-key': created.publishableKey, ...init.headers },
      });
    },
  };
}

export type TestMerchant = Awaited<ReturnType<typeof createTestMerchant>>;

/** A clock the test moves by hand. */
export function manualClock(start: Date | string = new Date()) {
  let now = new Date(start).getTime();
  const clock: Clock = () => new Date(now);
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
  });
}

/** Parses a response as JSON of a known shape; tests assert on it. */
export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Serves a test app over real HTTP on a free local port, for clients that need a socket. */
export async function listen(testApp: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const server = serve({ fetch: testApp.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
