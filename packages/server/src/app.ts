import { getHealth } from '@clientela/contract';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'kysely';
import { systemClock, type Clock } from './core/clock.ts';
import { silentLogger, type Logger } from './core/logger.ts';
import { ProblemError } from './core/problem.ts';
import type { DatabaseHandle, DatabaseKind } from './db/open.ts';
import type { AppDeps } from './deps.ts';
import { Api } from './http/api.ts';
import { preflight } from './http/cors.ts';
import { StreamSlots, type StreamLimits } from './http/event-stream.ts';
import { openApiDocument } from './http/openapi.ts';
import { apiHeaders, errorResponse, problemResponse } from './http/problem-response.ts';
import { requestIdHeader, requestLog } from './http/request-log.ts';
import { authRoutes, sessionEndingRoutes } from './modules/auth/auth.routes.ts';
import { EndedSessions, MerchantDirectory, TokenService } from './modules/auth/index.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { chatRoutes } from './modules/chat/chat.routes.ts';
import { ChatHub } from './modules/chat/index.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { customersForMeReads } from './modules/customers/index.ts';
import { emailRoutes } from './modules/email/email.routes.ts';
import { UnsubscribeLinks } from './modules/email/index.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { loyaltyRoutes } from './modules/loyalty/loyalty.routes.ts';
import { orderRoutes } from './modules/orders/orders.routes.ts';
import { questionRoutes } from './modules/questions/questions.routes.ts';
import { mayProcess, recordAccess } from './modules/privacy/index.ts';
import { erasureRoutes, privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { type RateLimitRules, RateLimits } from './modules/rate-limits/index.ts';
import { RecommendationModels } from './modules/recommendations/index.ts';
import { recommendationRoutes } from './modules/recommendations/recommendations.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { statementRoutes } from './modules/statements/statements.routes.ts';
import { type HostResolver, systemResolver, WebhookSecrets } from './modules/webhooks/index.ts';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.ts';
import { alertWishlisters } from './modules/wishlist/index.ts';
import { wishlistRoutes } from './modules/wishlist/wishlist.routes.ts';

export const apiVersion = '0.1.0';
/**
 * Batches of customer reads under way at once. PGlite runs one statement at a time, so a second would
 * only queue. On PostgreSQL, with the read prepared and cheap, four smaller batches served more shoppers
 * a second than two larger ones: the server answers one batch's shoppers while the others are read.
 */
const customerReadConcurrency: Record<DatabaseKind, number> = { pglite: 1, postgres: 4 };
const maxBodyBytes = 1024 * 1024;

export interface AppOptions {
  database: DatabaseHandle;
  tokenSecret: Uint8Array;
  clock?: Clock;
  /** Where requests and errors are logged; nowhere by default (`clientela serve` gives the one LOG_LEVEL sets). */
  logger?: Logger;
  /** How often chat streams look for events whose notification was lost; 5 s. */
  chatPollMs?: number;
  /** Budgets other than the defaults, for a test that wants to reach one. */
  rateLimits?: Partial<RateLimitRules>;
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORKS: whether webhook endpoints may be registered in private networks; no by default. */
  webhooksAllowPrivateNetworks?: boolean;
  /** How webhook endpoints' names are resolved when registered; the system's resolver by default. */
  resolveHost?: HostResolver;
  /** Open event stream limits other than the defaults, for a test that wants to reach one. */
  streamLimits?: Partial<StreamLimits>;
  /** Where shoppers reach this server (PUBLIC_URL, else where it listens): the base of mails' unsubscribe links. */
  publicUrl?: () => string;
  /** How often open event streams beat (20 s), for a test that cannot wait for one. */
  streamHeartbeatMs?: number;
}

/** The CRM API under `/v1`, built from its dependencies so a test can build one on a fresh database. */
export function createApp(options: AppOptions): { app: Hono; deps: AppDeps } {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const { db } = options.database;
  const directory = new MerchantDirectory(db, clock);
  const endedSessions = new EndedSessions(db, clock);
  const deps: AppDeps = {
    db,
    databaseKind: options.database.kind,
    notifications: options.database.notifications,
    clock,
    logger,
    tokens: new TokenService(options.tokenSecret, clock, {
      keysOf: async (merchantId) => (await directory.byId(merchantId))?.tokenKeys,
      hasEnded: (claims, now) => endedSessions.hasEnded(claims, now),
    }),
    directory,
    endedSessions,
    recommendations: new RecommendationModels(db, clock, logger),
    chat: new ChatHub(db, options.database.notifications, logger, options.chatPollMs),
    rateLimits: new RateLimits(db, clock, options.rateLimits),
    streams: new StreamSlots(options.streamLimits, options.streamHeartbeatMs),
    webhookSecrets: new WebhookSecrets(options.tokenSecret),
    unsubscribeLinks: new UnsubscribeLinks(options.tokenSecret, options.publicUrl ?? (() => 'http://localhost:8787')),
    webhookTargets: { allowPrivateNetworks: options.webhooksAllowPrivateNetworks ?? false, resolve: options.resolveHost ?? systemResolver },
    onProductChange: [alertWishlisters],
    privacy: { mayProcess, recordAccess },
    customerReads: customersForMeReads(db, customerReadConcurrency[options.database.kind]),
  };

  const app = new Hono();
  app.use(requestLog(logger));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => problemResponse(new ProblemError('payload-too-large', `Send at most ${maxBodyBytes} bytes`), c),
  });
  // Only where a body may come: on a GET, asking for one would make the Node adapter build a whole `Request`
  // for nothing, and every middleware is a step more for each of the many reads.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/v1/*', limitBody);
  app.options('/v1/*', (c) => preflight(c));

  const api = new Api(app, deps);
  api.mount(getHealth, async () => {
    try {
      await sql`select 1`.execute(db);
    } catch {
      throw new ProblemError('unavailable', 'The database does not answer');
    }
    return { status: 'ok' as const, database: deps.databaseKind };
  });
  authRoutes(api, deps);
  customerRoutes(api, deps);
  catalogRoutes(api, deps);
  orderRoutes(api, deps);
  questionRoutes(api, deps);
  statementRoutes(api, deps);
  loyaltyRoutes(api, deps);
  wishlistRoutes(api, deps);
  recommendationRoutes(api, deps);
  eventRoutes(api, deps);
  chatRoutes(api, deps);
  webhookRoutes(api, deps);
  emailRoutes(api, deps);
  reportRoutes(api, deps);
  privacyRoutes(api, deps);
  sessionEndingRoutes(api, deps);
  erasureRoutes(api, deps);

  const document = openApiDocument(api.endpoints, apiVersion);
  const documentText = JSON.stringify(document);
  app.get('/v1/openapi.json', (c) =>
    new Response(documentText, {
      headers: { ...apiHeaders, 'content-type': 'application/json', 'access-control-allow-origin': '*', [requestIdHeader]: c.get('requestId') },
    }),
  );

  app.all('/v1/*', (c) => problemResponse(new ProblemError('not-found', `No endpoint ${c.req.method} ${c.req.path}`), c));
  // Built as API answers are, so a path nothing serves carries the same security headers.
  app.notFound((c) => problemResponse(new ProblemError('not-found', `Nothing is served at ${c.req.path}`), c));
  app.onError((error, c) => errorResponse(logger, error, c));
  return { app, deps };
}
