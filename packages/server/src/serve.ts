import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve as serveHttp } from '@hono/node-server';
import { createApp, type AppDeps } from './app.ts';
import { systemClock } from './clock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase, type DatabaseHandle } from './db/open.ts';
import { demoStore } from './demo/demo-store.ts';
import { seedDemo, type DemoSeedResult } from './demo/seed.ts';
import type { Environment } from './env.ts';
import { serveWidgetBundles } from './http/widget-bundles.ts';
import { loadTokenSecret } from './modules/auth/token-secret.ts';
import { scheduleTierRecompute } from './modules/loyalty/tier-schedule.ts';
import { WebhookDispatcher, scheduleWebhookDispatch } from './modules/webhooks/dispatcher.ts';
import { demoDist, widgetsDist } from './paths.ts';

export interface RunningServer {
  url: string;
  deps: AppDeps;
  database: DatabaseHandle;
  seed?: DemoSeedResult;
  close(): Promise<void>;
}

export async function openConfiguredDatabase(env: Environment): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  await mkdir(env.DATA_DIR, { recursive: true });
  return openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
}

/**
 * `clientela serve`: migrates, then serves the API under /v1 and the widget
 * bundles under /widgets/; with `demo`, also seeds the demo merchant and
 * serves the demo store at / and the agent page at /agent/.
 */
export async function startServer(env: Environment, options: { demo: boolean }): Promise<RunningServer> {
  const database = await openConfiguredDatabase(env);
  await migrateToLatest(database.db);
  const tokenSecret = await loadTokenSecret(database.db, env.TOKEN_SECRET);
  const { app, deps } = createApp({ database, tokenSecret, clock: systemClock, webhooksAllowPrivateNetworks: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS });

  if (!existsSync(widgetsDist)) throw new Error(`No widget bundles in ${widgetsDist}: run \`npm run build\` first`);
  serveWidgetBundles(app, widgetsDist);

  let apiUrl = '';
  if (options.demo) {
    if (!existsSync(demoDist)) throw new Error(`No demo pages in ${demoDist}: run \`npm run build\` first`);
    app.route('/', demoStore({ apiUrl: () => apiUrl, pagesDir: demoDist, tokenSecret }));
  }

  const server = serveHttp({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  apiUrl = `http://127.0.0.1:${port}`;
  const url = `http://localhost:${port}`;

  let seed: DemoSeedResult | undefined;
  if (options.demo) {
    seed = await seedDemo(database.db, { now: systemClock(), origins: [url, apiUrl] });
    deps.directory.forget();
  }

  const tiers = scheduleTierRecompute(database.db, systemClock);
  const webhooks = scheduleWebhookDispatch(
    new WebhookDispatcher({ db: database.db, clock: systemClock, secrets: deps.webhookSecrets, allowPrivateNetworks: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS }),
  );

  return {
    url,
    deps,
    database,
    ...(seed ? { seed } : {}),
    close: async () => {
      await tiers.stop();
      await webhooks.stop();
      await deps.chat.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await database.close();
    },
  };
}
