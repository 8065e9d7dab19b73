import type { Kysely } from 'kysely';
import type { Clock } from './core/clock.ts';
import type { Logger } from './core/logger.ts';
import type { BatchedReads } from './db/batched-reads.ts';
import type { DatabaseKind, Notifications } from './db/open.ts';
import type { Database } from './db/schema.ts';
import type { StreamSlots } from './http/event-stream.ts';
import type { EndedSessions, MerchantDirectory, TokenService } from './modules/auth/index.ts';
import type { ProductChangeListener } from './modules/catalog/index.ts';
import type { ChatHub } from './modules/chat/index.ts';
import type { UnsubscribeLinks } from './modules/email/index.ts';
import type { mayProcess, recordAccess } from './modules/privacy/index.ts';
import type { CustomerForMe, CustomerKey } from './modules/customers/index.ts';
import type { RateLimits } from './modules/rate-limits/index.ts';
import type { RecommendationModels } from './modules/recommendations/index.ts';
import type { WebhookSecrets, WebhookTargetPolicy } from './modules/webhooks/index.ts';

/** What every module's routes and services are built from. */
export interface AppDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  notifications: Notifications;
  clock: Clock;
  logger: Logger;
  tokens: TokenService;
  directory: MerchantDirectory;
  endedSessions: EndedSessions;
  recommendations: RecommendationModels;
  chat: ChatHub;
  rateLimits: RateLimits;
  /** The event streams this instance holds open, within their limits. */
  streams: StreamSlots;
  webhookSecrets: WebhookSecrets;
  /** Signs and reads the unsubscribe links of mails to shoppers. */
  unsubscribeLinks: UnsubscribeLinks;
  webhookTargets: WebhookTargetPolicy;
  /** What runs, in the change's transaction, when a product changes: the wishlist's alerts. */
  onProductChange: readonly ProductChangeListener[];
  /**
   * The consent store's question and the access log, for the customers
   * module, which the privacy module reads from and so cannot import.
   */
  privacy: { mayProcess: typeof mayProcess; recordAccess: typeof recordAccess };
  /** Customers with their ledger sums, as `GET /v1/me` reads them: batched under load. */
  customerReads: BatchedReads<CustomerKey, CustomerForMe>;
}
