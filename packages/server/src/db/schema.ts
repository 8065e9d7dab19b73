import type { Kysely, Transaction } from 'kysely';
import type { AuthTables } from '../modules/auth/auth.tables.ts';
import type { CatalogTables } from '../modules/catalog/catalog.tables.ts';
import type { ChatTables } from '../modules/chat/chat.tables.ts';
import type { CustomerTables } from '../modules/customers/customers.tables.ts';
import type { EmailTables } from '../modules/email/email.tables.ts';
import type { EventTables } from '../modules/events/events.tables.ts';
import type { LoyaltyTables } from '../modules/loyalty/loyalty.tables.ts';
import type { OrderTables } from '../modules/orders/orders.tables.ts';
import type { QuestionTables } from '../modules/questions/questions.tables.ts';
import type { PrivacyTables } from '../modules/privacy/privacy.tables.ts';
import type { RateLimitTables } from '../modules/rate-limits/rate-limits.tables.ts';
import type { RecommendationTables } from '../modules/recommendations/recommendations.tables.ts';
import type { StatementTables } from '../modules/statements/statements.tables.ts';
import type { WebhookTables } from '../modules/webhooks/webhooks.tables.ts';
import type { WishlistTables } from '../modules/wishlist/wishlist.tables.ts';

/** Every table of the database, each declared with the module that owns it. */
export interface Database
  extends AuthTables,
    CatalogTables,
    ChatTables,
    CustomerTables,
    EmailTables,
    EventTables,
    LoyaltyTables,
    OrderTables,
    QuestionTables,
    PrivacyTables,
    RateLimitTables,
    RecommendationTables,
    StatementTables,
    WebhookTables,
    WishlistTables {}

/** What repositories take first: the database, or a transaction a service holds. */
export type Db = Kysely<Database> | Transaction<Database>;
