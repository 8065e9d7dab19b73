import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve as serveHttp } from '@hono/node-server';
import type { StaffRole } from '@clientela/contract';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createApp } from './app.ts';
import { systemClock } from './core/clock.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase, type DatabaseHandle } from './db/open.ts';
import type { Database } from './db/schema.ts';
import type { AppDeps } from './deps.ts';
import type { Environment } from './env.ts';
import { serveBackOffice } from './http/back-office.ts';
import { serveWidgetBundles } from './http/widget-bundles.ts';
import { loadTokenSecret } from './modules/auth/index.ts';
import { DevMailbox, MailSender, scheduleMailSending, serveMailPages, SmtpMailer } from './modules/email/index.ts';
import { schedulePointsMail, scheduleTierRecompute } from './modules/loyalty/index.ts';
import { scheduleRetention } from './modules/privacy/index.ts';
import { scheduleStatementClosing } from './modules/statements/index.ts';
import { scheduleWebhookDispatch, WebhookDispatcher } from './modules/webhooks/index.ts';
import { widgetsDist } from './paths.ts';

/**
 * What `clientela serve --demo` serves besides the API: a demo merchant's
 * data, seeded into the database, and its store (pages and backend) at `/`.
 * The package `@clientela/demo` gives one; the server itself has none.
 */
export interface Demo {
  /** The demo merchant's keys, printed at start: fixed, and only ever given to it. */
  merchant: { id: string; name: string; publishableKey: string; secretKey: string };
  /** The demo staff's sign-ins (an owner, an admin, agents), printed at start: one of each role. */
  staff: ReadonlyArray<{ role: StaffRole; email: string; password: string }>;
  /** Seeds the demo merchant on the first start; on later ones, only allows the server's origins. */
  seed(db: Kysely<Database>, options: { now: Date; origins: readonly string[] }): Promise<DemoSeedResult>;
  /** The demo store's pages and backend, which calls the API at `apiUrl` as a merchant's backend would. */
  store(options: { apiUrl: () => string; tokenSecret: Uint8Array }): Hono;
}

export interface DemoSeedResult {
  created: boolean;
  counts?: { customers: number; products: number; orders: number; pointsEntries: number; conversations: number; statements: number };
}

export interface RunningServer {
  url: string;
  deps: AppDeps;
  database: DatabaseHandle;
  seed?: DemoSeedResult;
  close(): Promise<void>;
}

export async function openConfiguredDatabase(env: Environment, logger: Logger): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, logger });
  await mkdir(env.DATA_DIR, { recursive: true });
  return openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
}

/**
 * `clientela serve`: migrates, then serves the API under /v1, the widget
 * bundles under /widgets/ and the back office at /admin/; with a `demo`,
 * also seeds its merchant and serves its store at / (the demo store, and the
 * agent page at /agent/).
 */
export async function startServer(env: Environment, options: { demo?: Demo } = {}): Promise<RunningServer> {
  const logger = createLogger(env.LOG_LEVEL);
  const database = await openConfiguredDatabase(env, logger);
  await migrateToLatest(database.db);
  const tokenSecret = await loadTokenSecret(database.db, env.TOKEN_SECRET);
  let url = '';
  const { app, deps } = createApp({
    database,
    tokenSecret,
    clock: systemClock,
    logger,
    webhooksAllowPrivateNetworks: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS,
    publicUrl: () => env.PUBLIC_URL ?? url,
  });

  if (!existsSync(widgetsDist)) throw new Error(`No widget bundles in ${widgetsDist}: run \`npm run build\` first`);
  serveWidgetBundles(app, widgetsDist);

  let apiUrl = '';
  const { demo } = options;
  serveBackOffice(app, demo ? { publishableKey: demo.merchant.publishableKey } : {});
  const merchantById = (id: string) => deps.directory.byId(id);
  serveMailPages(app, { db: database.db, clock: systemClock, unsubscribeLinks: deps.unsubscribeLinks, merchantById }, { devMailbox: demo !== undefined && !env.SMTP_URL });
  if (demo) app.route('/', demo.store({ apiUrl: () => apiUrl, tokenSecret }));

  const server = serveHttp({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  apiUrl = `http://127.0.0.1:${port}`;
  url = `http://localhost:${port}`;

  let seed: DemoSeedResult | undefined;
  if (demo) {
    seed = await demo.seed(database.db, { now: systemClock(), origins: [url, apiUrl] });
    deps.directory.forget();
  }

  const tiers = scheduleTierRecompute(database.db, systemClock, logger);
  const retention = scheduleRetention({ db: database.db, clock: systemClock, endedSessions: deps.endedSessions, directory: deps.directory }, logger);
  const webhooks = scheduleWebhookDispatch(
    new WebhookDispatcher({ db: database.db, clock: systemClock, secrets: deps.webhookSecrets, allowPrivateNetworks: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS }),
    logger,
  );
  const pointsMail = schedulePointsMail({ db: database.db, clock: systemClock, merchantById }, logger);
  const statementClosing = scheduleStatementClosing({ db: database.db, clock: systemClock }, merchantById, logger);
  const mailer = env.SMTP_URL ? new SmtpMailer(env.SMTP_URL) : new DevMailbox(database.db);
  const mail = scheduleMailSending(
    new MailSender({ db: database.db, clock: systemClock, mailer, from: env.MAIL_FROM ?? 'no-reply@clientela.localhost', unsubscribeLinks: deps.unsubscribeLinks, merchantById }),
    logger,
  );

  return {
    url,
    deps,
    database,
    ...(seed ? { seed } : {}),
    close: async () => {
      await tiers.stop();
      await retention.stop();
      await webhooks.stop();
      await pointsMail.stop();
      await statementClosing.stop();
      await mail.stop();
      mailer.close();
      await deps.chat.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await database.close();
      logger.flush();
    },
  };
}
