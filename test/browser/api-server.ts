import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { agentLogin, createSession, getMe } from '@clientela/contract';
import { seedDemo, demoAgents, demoMerchant } from '../../packages/demo/src/index.ts';
import { createAgent } from '../../packages/server/src/modules/auth/index.ts';
import { budgetsBeyondReach, createTestApp, manualClock, type TestApp } from '../../packages/server/src/testing/test-app.ts';

/** Commands the browser tests may run on the server side, through @web/test-runner's executeServerCommand. */
export interface ApiCommands {
  'api:session': { customerId: string; ttlSeconds?: number };
  'api:me': { customerId: string };
  'api:shopper-get': { customerId: string; path: string };
  'api:advance-clock': { ms: number };
  'api:bulk-payments': { customerId: string; count: number };
  'api:merchant': { method: string; path: string; body?: unknown };
  'api:agent': { method: string; path: string; body?: unknown };
  'api:new-agent': { email: string; name: string; password: string };
  'api:rebuild-recommendations': Record<string, never>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * The real Clientela API, on a fresh PGlite with the demo merchant, served to
 * the browser tests under the test page's own origin at /v1. Its clock can be
 * moved forward by a test, to expire tokens without waiting.
 */
export async function apiServerPlugin(origin: string) {
  // The demo data is laid out relative to the clock's start. CLIENTELA_TEST_SEEDED_AT (an ISO instant) runs the suite as of another moment, to reproduce a failure that depends on the date.
  const seededAt = new Date(process.env.CLIENTELA_TEST_SEEDED_AT ?? Date.now());
  if (Number.isNaN(seededAt.getTime())) throw new Error(`CLIENTELA_TEST_SEEDED_AT is not an instant: ${process.env.CLIENTELA_TEST_SEEDED_AT}`);
  const clock = manualClock(seededAt);
  let app: TestApp | undefined;
  const ready = (async () => {
    // Its clock moves only when a test moves it, so a whole run of every file falls in a handful of windows.
    app = await createTestApp({ clock, rateLimits: budgetsBeyondReach });
    await seedDemo(app.deps.db, { now: clock(), origins: [origin] });
    return app;
  })();

  const sessionBody = async (customerId: string, ttlSeconds?: number) => {
    const api = await ready;
    const response = await api.request(createSession.path, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoMerchant.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId, ...(ttlSeconds ? { ttlSeconds } : {}) }),
    });
    return (await response.json()) as { token: string; expiresAt: string };
  };

  let agentToken: Promise<string> | undefined;

  const plugin = {
    name: 'clientela-api',
    async serverStart() {
      await ready;
    },
    async serverStop() {
      await app?.close();
    },
    async executeCommand({ command, payload }: { command: string; payload?: unknown }) {
      if (command === 'api:session') {
        const { customerId, ttlSeconds } = payload as ApiCommands['api:session'];
        return sessionBody(customerId, ttlSeconds);
      }
      if (command === 'api:me' || command === 'api:shopper-get') {
        const { customerId, path = getMe.path } = payload as ApiCommands['api:shopper-get'];
        const api = await ready;
        const { token } = await sessionBody(customerId);
        const response = await api.request(path, { headers: { authorization: `Bearer ${token}` } });
        return response.json();
      }
      if (command === 'api:merchant') {
        // A call of the demo merchant's backend, with its secret key.
        const { method, path, body } = payload as ApiCommands['api:merchant'];
        const api = await ready;
        const response = await api.request(path, {
          method,
          headers: { authorization: `Bearer ${demoMerchant.secretKey}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: response.status === 204 ? null : await response.json() };
      }
      if (command === 'api:agent') {
        // A call of the demo support agent, signed in once.
        const { method, path, body } = payload as ApiCommands['api:agent'];
        const api = await ready;
        agentToken ??= (async () => {
          const response = await api.request(agentLogin.path, {
            method: 'POST',
            headers: { 'x-publishable-key': demoMerchant.publishableKey, 'content-type': 'application/json' },
            body: JSON.stringify({ email: demoAgents[0]!.email, password: demoAgents[0]!.password }),
          });
          return ((await response.json()) as { token: string }).token;
        })();
        const response = await api.request(path, {
          method,
          headers: { authorization: `Bearer ${await agentToken}`, 'x-publishable-key': demoMerchant.publishableKey, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: response.status === 204 ? null : await response.json() };
      }
      if (command === 'api:bulk-payments') {
        // Thousands of card payments in the open period at once, straight into the table: a long statement to page through.
        const { customerId, count } = payload as ApiCommands['api:bulk-payments'];
        const api = await ready;
        const now = clock().getTime();
        const rows = Array.from({ length: count }, (_, i) => ({
          merchantId: demoMerchant.id,
          customerId,
          kind: 'payment' as const,
          amount: 1_000 + i,
          occurredAt: new Date(now - (count - i) * 1000),
          reference: `bulk-${customerId}-${now}-${i}`,
          orderId: null,
          requestHash: 'bulk',
        }));
        for (let i = 0; i < rows.length; i += 1000) await api.deps.db.insertInto('cardMovements').values(rows.slice(i, i + 1000)).execute();
        return true;
      }
      if (command === 'api:new-agent') {
        // A support agent added by the merchant's operator, as `clientela agent create` does: the name is theirs to choose.
        const api = await ready;
        return createAgent(api.deps.db, demoMerchant.id, payload as ApiCommands['api:new-agent']);
      }
      if (command === 'api:rebuild-recommendations') {
        // The model is rebuilt on a schedule; a test that just added purchases asks for it now.
        const api = await ready;
        await api.deps.recommendations.rebuild(demoMerchant.id);
        return true;
      }
      if (command === 'api:advance-clock') {
        clock.advance((payload as ApiCommands['api:advance-clock']).ms);
        return true;
      }
      return undefined;
    },
  };

  /** Koa middleware of the test server: requests under /v1/ go to the API app, everything else to the test files. */
  const forwardToApi = async (context: KoaContext, next: () => Promise<unknown>) => {
    if (!context.path.startsWith('/v1/')) return next();
    const api = await ready;
    const headers = new Headers();
    for (const [name, value] of Object.entries(context.req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const body = context.method === 'GET' || context.method === 'HEAD' ? undefined : await readBody(context.req);
    const response = await api.request(context.path + context.search, {
      method: context.method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
    });
    context.status = response.status;
    response.headers.forEach((value, name) => context.set(name, value));
    // An event stream never ends: pass it through as it comes.
    context.body =
      response.body && response.headers.get('content-type')?.startsWith('text/event-stream')
        ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
        : Buffer.from(await response.arrayBuffer());
  };

  return { plugin, middleware: [forwardToApi] };
}

/** The part of Koa's context the forwarding uses. */
interface KoaContext {
  path: string;
  search: string;
  method: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}
