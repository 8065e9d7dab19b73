import { getHealth } from '@clientela/contract';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql, type Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { DatabaseHandle, DatabaseKind, Notifications } from './db/open.ts';
import type { BatchedReads } from './db/batched-reads.ts';
import type { Database } from './db/schema.ts';
import { Api, errorResponse } from './http/api.ts';
import { preflight } from './http/cors.ts';
import { StreamSlots, type StreamLimits } from './http/event-stream.ts';
import { openApiDocument } from './http/openapi.ts';
import { apiHeaders, ProblemError, problemResponse } from './http/problem.ts';
import { RateLimits, type RateLimitRules } from './http/rate-limits.ts';
import { authRoutes, sessionEndingRoutes } from './modules/auth/auth.routes.ts';
import { EndedSessions } from './modules/auth/ended-sessions.ts';
import { MerchantDirectory } from './modules/auth/merchant-directory.ts';
import { TokenService } from './modules/auth/tokens.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { ChatHub } from './modules/chat/chat-hub.ts';
import { chatRoutes } from './modules/chat/chat.routes.ts';
import { customersForMeReads, type CustomerForMe, type CustomerKey } from './modules/customers/customers.repository.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { loyaltyRoutes } from './modules/loyalty/loyalty.routes.ts';
import { orderRoutes } from './modules/orders/orders.routes.ts';
import { statementRoutes } from './modules/statements/statements.routes.ts';
import { wishlistRoutes } from './modules/wishlist/wishlist.routes.ts';
import { RecommendationModels } from './modules/recommendations/model-cache.ts';
import { recommendationRoutes } from './modules/recommendations/recommendations.routes.ts';
import { systemResolver, type HostResolver } from './modules/webhooks/private-networks.ts';
import { WebhookSecrets } from './modules/webhooks/signing-secrets.ts';
import type { WebhookTargetPolicy } from './modules/webhooks/webhooks.service.ts';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.ts';

export const apiVersion = '0.1.0';
/**
 * Batches of customer reads under way at once. PGlite runs one statement at a time, so a second would
 * only queue. On PostgreSQL, with the read prepared and cheap, four smaller batches served more shoppers
 * a second than two larger ones: the server answers one batch's shoppers while the others are read.
 */
const customerReadConcurrency: Record<DatabaseKind, number> = { pglite: 1, postgres: 4 };
const maxBodyBytes = 1024 * 1024;

/** What every module's routes and services are built from. */
export interface AppDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  notifications: Notifications;
  clock: Clock;
  tokens: TokenService;
  directory: MerchantDirectory;
  endedSessions: EndedSessions;
  recommendations: RecommendationModels;
  chat: ChatHub;
  rateLimits: RateLimits;
  /** The event streams this instance holds open, within their limits. */
  streams: StreamSlots;
  webhookSecrets: WebhookSecrets;
  webhookTargets: WebhookTargetPolicy;
  /** Customers with their ledger sums, as `GET /v1/me` reads them: batched under load. */
  customerReads: BatchedReads<CustomerKey, CustomerForMe>;
}

export interface AppOptions {
  database: DatabaseHandle;
  tokenSecret: Uint8Array;
  clock?: Clock;
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
  /** How often open event streams beat (20 s), for a test that cannot wait for one. */
  streamHeartbeatMs?: number;
}

/** The CRM API under `/v1`, built from its dependencies so a test can build one on a fresh database. */
export function createApp(options: AppOptions): { app: Hono; deps: AppDeps } {
  const clock = options.clock ?? systemClock;
  const { db } = options.database;
  const directory = new MerchantDirectory(db, clock);
  const endedSessions = new EndedSessions(db, clock);
  const deps: AppDeps = {
    db,
    databaseKind: options.database.kind,
    notifications: options.database.notifications,
    clock,
    tokens: new TokenService(options.tokenSecret, clock, {
      keysOf: async (merchantId) => (await directory.byId(merchantId))?.tokenKeys,
      hasEnded: (claims, now) => endedSessions.hasEnded(claims, now),
    }),
    directory,
    endedSessions,
    recommendations: new RecommendationModels(db, clock),
    chat: new ChatHub(db, options.database.notifications, options.chatPollMs),
    rateLimits: new RateLimits(db, clock, options.rateLimits),
    streams: new StreamSlots(options.streamLimits, options.streamHeartbeatMs),
    webhookSecrets: new WebhookSecrets(options.tokenSecret),
    webhookTargets: { allowPrivateNetworks: options.webhooksAllowPrivateNetworks ?? false, resolve: options.resolveHost ?? systemResolver },
    customerReads: customersForMeReads(db, customerReadConcurrency[options.database.kind]),
  };

  const app = new Hono();
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => problemResponse(new ProblemError('payload-too-large', `Send at most ${maxBodyBytes} bytes`), c.req.path),
  });
  // Only where a body may come: on a GET, asking for one would make the Node adapter build a whole `Request`
  // for nothing, and every middleware is a step more for each of the many reads.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/v1/*', limitBody);
  app.options('/v1/*', (c) => preflight(c.req.raw, deps.directory));

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
  statementRoutes(api, deps);
  loyaltyRoutes(api, deps);
  wishlistRoutes(api, deps);
  recommendationRoutes(api, deps);
  chatRoutes(api, deps);
  webhookRoutes(api, deps);
  sessionEndingRoutes(api, deps);

  const document = openApiDocument(api.endpoints, apiVersion);
  const documentText = JSON.stringify(document);
  app.get('/v1/openapi.json', () =>
    new Response(documentText, { headers: { ...apiHeaders, 'content-type': 'application/json', 'access-control-allow-origin': '*' } }),
  );

  app.all('/v1/*', (c) => problemResponse(new ProblemError('not-found', `No endpoint ${c.req.method} ${c.req.path}`), c.req.path));
  // Built as API answers are, so a path nothing serves carries the same security headers.
  app.notFound((c) => problemResponse(new ProblemError('not-found', `Nothing is served at ${c.req.path}`), c.req.path));
  app.onError((error, c) => errorResponse(error, c.req.path));
  return { app, deps };
}
